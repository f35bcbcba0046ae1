import { describe, expect, it } from 'vitest';
import { beginEdit } from '../../../main/domain/audit';
import { CHAIN_START, chainHash, chainProblems } from '../../../main/store/audit-chain';
import { putRegisterRows, rowsOf, useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

describe('migration 0011-audit-chain', () => {
  it('chains the entries a store already held, oldest first, and changes none of them', () => {
    const old = store.at(10);
    putRegisterRows(old);
    // Ids with a gap (an entry removed before chaining) and values of each kind the log holds.
    old.exec(`
      INSERT INTO edits (id, made_at, made_by, action, undoes_edit) VALUES
        (1, '2024-01-02T10:00:00.000Z', 'anna', 'update', NULL),
        (2, '2024-01-03T10:00:00.000Z', 'anna', 'undo', 1);
      INSERT INTO audit_log (id, edit_id, table_name, row_id, field, old_value, new_value) VALUES
        (1, 1, 'applications', 1, 'title', 'Läxhjälp', 'Läxhjälp i Rosengård'),
        (2, 1, 'applications', 1, 'requested_ore', 100000000, 120000000),
        (5, 2, 'applications', 1, 'title', 'Läxhjälp i Rosengård', 'Läxhjälp'),
        (6, 2, 'status_transitions', 3, NULL, 'granted', NULL);
    `);
    const before = rowsOf(old, 'audit_log');

    const db = store.at(11);
    const after = db.prepare('SELECT id, edit_id, table_name, row_id, field, old_value, new_value FROM audit_log ORDER BY id').all();
    expect(after).toEqual(before);
    const hashes = db.prepare('SELECT hash FROM audit_log ORDER BY id').pluck().all() as string[];
    const first = chainHash(CHAIN_START, {
      id: 1,
      editId: 1,
      madeAt: '2024-01-02T10:00:00.000Z',
      madeBy: 'anna',
      action: 'update',
      undoesEdit: null,
      table: 'applications',
      rowId: 1,
      field: 'title',
      oldValue: 'Läxhjälp',
      newValue: 'Läxhjälp i Rosengård',
    });
    expect(hashes[0]).toBe(first);
    expect(new Set(hashes).size).toBe(4);
    expect(chainProblems(db)).toEqual([]);
    // The app's next edit chains onto the migrated entries, after the gap.
    db.transaction(() => beginEdit(db, 'update').record({ table: 'applications', rowId: 2, field: 'title', oldValue: 'Fritidsgårdar', newValue: 'Fritidsgårdar i Malmö' }))();
    expect(db.prepare('SELECT max(id) FROM audit_log').pluck().get()).toBe(7);
    expect(chainProblems(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM exchange_base').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE name LIKE 'audit_chain%'").pluck().get()).toBe(0);
  });

  it('migrates a store with an empty log', () => {
    store.at(10);
    const db = store.at(11);
    expect(chainProblems(db)).toEqual([]);
  });
});
