import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openStore } from '../../../main/store/open-store';
import { schemaObjects } from '../../support/migrations';
import { resourcesDir, useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

// Before 0001 there is no store, only a file: a new one, or an empty one (a touched path).
describe('migration 0001-initial', () => {
  it('makes an empty file a store: its tables, its mark, its record, and the reference geography', () => {
    const path = join(tempDir(), 'store.sqlite');
    writeFileSync(path, '');
    openStore(path, { resourcesDir, schemaVersion: 1 }).close();

    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'initial' }]);
      expect(schemaObjects(db).filter((object) => object.type === 'table').map((object) => object.name)).toEqual([
        'app_meta',
        'applications',
        'decisions',
        'designation_members',
        'designations',
        'geographies',
        'grant_calls',
        'indicator_values',
        'indicators',
        'organisations',
        'payments',
        'schema_migrations',
      ]);
      expect(db.prepare('SELECT level, count(*) AS n FROM geographies GROUP BY level ORDER BY level').all()).toEqual([
        { level: 'country', n: 1 },
        { level: 'county', n: 21 },
        { level: 'municipality', n: 290 },
      ]);
    } finally {
      db.close();
    }
  });
});
