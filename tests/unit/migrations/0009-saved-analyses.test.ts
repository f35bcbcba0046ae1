import { describe, expect, it } from 'vitest';
import { putRegisterRows, rowsOf, schemaObjects, useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

describe('migration 0009-saved-analyses', () => {
  it('adds the table of saved analyses and changes nothing else', () => {
    const old = store.at(8);
    putRegisterRows(old);
    const applications = rowsOf(old, 'applications');
    const objects = schemaObjects(old);

    const db = store.at(9);
    expect(rowsOf(db, 'applications')).toEqual(applications);
    expect(schemaObjects(db).filter((object) => object.name !== 'saved_analyses')).toEqual(objects);
    const insert = db.prepare("INSERT INTO saved_analyses (name, query, created_at, updated_at, created_by) VALUES (?, ?, '2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z', 'anna')");
    insert.run('Beviljat per län', '{"rows":["county"],"measures":["granted_sek"]}');
    expect(rowsOf(db, 'saved_analyses')).toHaveLength(1);
    expect(() => insert.run('Beviljat per län', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('Trasig', '{"rows":')).toThrow(/CHECK/);
    expect(() => insert.run('', '{}')).toThrow(/CHECK/);
  });
});
