import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../../main/store/migrate';
import { resourcesDir } from '../../support/temp-dir';

describe('the migration tests', () => {
  it('have one file per migration, named as it: NNNN-name.test.ts beside this one', () => {
    const missing = loadMigrations(join(resourcesDir, 'migrations'))
      .map((migration) => `${String(migration.version).padStart(4, '0')}-${migration.name}.test.ts`)
      .filter((file) => !existsSync(join(import.meta.dirname, file)));
    expect(missing).toEqual([]);
  });
});
