import { userInfo } from 'node:os';
import { statement } from '../../store/statement-cache';
import type { Database } from 'better-sqlite3';
import type { LastEdit } from '../../contract/calls';

export type AuditAction = 'update' | 'insert' | 'import' | 'undo';
export type AuditValue = string | number | null;

export interface FieldChange {
  table: string;
  rowId: number;
  field: string | null;
  oldValue: AuditValue;
  newValue: AuditValue;
}

/** The OS account, as the issue asks; a locked-down account without one is still recorded. */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export interface Edit {
  id: number;
  record(change: FieldChange): void;
}

/** Starts one edit in the log; call it inside the transaction that makes the change. */
export function beginEdit(db: Database, action: AuditAction, undoes: number | null = null): Edit {
  const editId = Number(
    statement(db, 'INSERT INTO edits (made_at, made_by, action, undoes_edit) VALUES (?, ?, ?, ?)')
      .run(new Date().toISOString(), osUser(), action, undoes).lastInsertRowid,
  );
  const insert = statement(db, 
    'INSERT INTO audit_log (edit_id, table_name, row_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    id: editId,
    record(change) {
      insert.run(editId, change.table, change.rowId, change.field, change.oldValue, change.newValue);
    },
  };
}

interface EditRow {
  id: number;
  made_at: string;
  made_by: string;
  action: AuditAction;
}

/**
 * The newest user edit that can still be undone: an update or an insert that is the last thing that
 * changed the register. An undo or an import after it makes it final.
 */
function undoableEdit(db: Database): EditRow | undefined {
  return statement(db, 
      `SELECT id, made_at, made_by, action FROM edits
       WHERE action IN ('update', 'insert') AND undone_by IS NULL AND id = (SELECT max(id) FROM edits)`,
    )
    .get() as EditRow | undefined;
}

export function lastEdit(db: Database): LastEdit {
  const edit = undoableEdit(db);
  if (!edit) return null;
  const changes = statement(db, 'SELECT table_name, row_id, field FROM audit_log WHERE edit_id = ? ORDER BY id').all(edit.id) as {
    table_name: string;
    row_id: number;
    field: string | null;
  }[];
  const first = changes[0];
  if (!first) return null;
  return {
    editId: edit.id,
    madeAt: edit.made_at,
    madeBy: edit.made_by,
    action: edit.action === 'insert' ? 'insert' : 'update',
    table: first.table_name,
    rowId: first.row_id,
    fields: changes.flatMap((change) => (change.field === null ? [] : [change.field])),
  };
}

// Field names in the log are column names of these tables; only these can be written back.
const undoableColumns: Record<string, ReadonlySet<string>> = {
  applications: new Set([
    'title',
    'summary',
    'stage',
    'status',
    'municipality_code',
    'target_areas',
    'first_year',
    'last_year',
    'requested_ore',
    'includes_evaluation',
    'evaluation_ore',
  ]),
  reports: new Set(['received_on']),
};

// Rows a user's insert may add; undoing the insert deletes them again. A decision's years are not
// here: they go with their decision (ON DELETE CASCADE), and their log rows are still mirrored.
const deletableTables: ReadonlySet<string> = new Set(['reports', 'payments', 'decisions']);

/**
 * Undoes the last edit when it was the last thing that changed the register (an import after it
 * makes it final): writes the old values back, logs that as an edit of its own, and returns what
 * can be undone next.
 */
export function undoLastEdit(db: Database): LastEdit {
  return db.transaction(() => {
    const edit = undoableEdit(db);
    if (!edit) return null;
    const changes = statement(db, 'SELECT table_name, row_id, field, old_value, new_value FROM audit_log WHERE edit_id = ? ORDER BY id DESC')
      .all(edit.id) as { table_name: string; row_id: number; field: string | null; old_value: AuditValue; new_value: AuditValue }[];
    const undo = beginEdit(db, 'undo', edit.id);
    if (edit.action === 'insert') {
      for (const change of changes) {
        if (deletableTables.has(change.table_name)) statement(db, `DELETE FROM ${change.table_name} WHERE id = ?`).run(change.row_id);
        undo.record({ table: change.table_name, rowId: change.row_id, field: change.field, oldValue: change.new_value, newValue: null });
      }
    } else {
      for (const change of changes) {
        if (change.table_name === 'status_transitions' && change.field === null) {
          // The dated transition a status edit added goes with it.
          statement(db, 'DELETE FROM status_transitions WHERE id = ?').run(change.row_id);
          undo.record({ table: change.table_name, rowId: change.row_id, field: null, oldValue: change.new_value, newValue: null });
          continue;
        }
        if (!undoableColumns[change.table_name]?.has(change.field ?? '')) continue;
        statement(db, `UPDATE ${change.table_name} SET ${change.field} = ? WHERE id = ?`).run(change.old_value, change.row_id);
        undo.record({ table: change.table_name, rowId: change.row_id, field: change.field, oldValue: change.new_value, newValue: change.old_value });
      }
    }
    statement(db, 'UPDATE edits SET undone_by = ? WHERE id = ?').run(undo.id, edit.id);
    return lastEdit(db);
  })();
}
