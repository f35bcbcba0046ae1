import { userInfo } from 'node:os';
import { sql, sqlIdentifier, sqlList } from '../store/sql';
import { evaluationTables } from '../contract/tables';
import { statement } from '../store/statement-cache';
import { CHAIN_START, chainHash } from '../store/audit-chain';
import type { Database } from 'better-sqlite3';
import type { LastEdit, RowSubject, Status, UndoState } from '../contract/calls';

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

interface ChainTail {
  id: number;
  hash: string;
}

/**
 * The newest entry of each connection's chain. It is read again whenever an edit begins (inside
 * the transaction that makes it), so a rolled-back transaction never leaves a stale tail behind,
 * and it is shared by the edits of one connection, so two edits in one transaction chain in order.
 */
const tails = new WeakMap<Database, ChainTail>();

/** Starts one edit in the log; call it inside the transaction that makes the change. */
export function beginEdit(db: Database, action: AuditAction, undoes: number | null = null): Edit {
  const madeAt = new Date().toISOString();
  const madeBy = osUser();
  const editId = Number(
    statement(db, 'INSERT INTO edits (made_at, made_by, action, undoes_edit) VALUES (?, ?, ?, ?)').run(madeAt, madeBy, action, undoes).lastInsertRowid,
  );
  const last = statement(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
  tails.set(db, { id: last?.id ?? 0, hash: last?.hash ?? CHAIN_START });
  // The id is given, not left to SQLite, because the hash covers it.
  const insert = statement(db,
    'INSERT INTO audit_log (id, edit_id, table_name, row_id, field, old_value, new_value, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    id: editId,
    record(change) {
      const tail = tails.get(db)!;
      const id = tail.id + 1;
      const hash = chainHash(tail.hash, {
        id,
        editId,
        madeAt,
        madeBy,
        action,
        undoesEdit: undoes,
        table: change.table,
        rowId: change.rowId,
        field: change.field,
        oldValue: change.oldValue,
        newValue: change.newValue,
      });
      insert.run(id, editId, change.table, change.rowId, change.field, change.oldValue, change.newValue, hash);
      tails.set(db, { id, hash });
    },
  };
}

/** Dates a status in the history, logged as a row the edit added, so undoing the edit removes it. */
export function recordTransition(db: Database, edit: Edit, applicationId: number, status: Status, day: string): void {
  const transition = statement(db, 'INSERT INTO status_transitions (application_id, status, changed_on) VALUES (?, ?, ?)').run(
    applicationId,
    status,
    day,
  );
  edit.record({ table: 'status_transitions', rowId: Number(transition.lastInsertRowid), field: null, oldValue: null, newValue: status });
}

/** Sets an application's status within an edit, dated in the history; nothing when it is already that. */
export function setStatus(db: Database, edit: Edit, applicationId: number, status: Status, day: string): void {
  const current = statement(db, 'SELECT status FROM applications WHERE id = ?').pluck().get(applicationId) as Status;
  if (current === status) return;
  statement(db, 'UPDATE applications SET status = ? WHERE id = ?').run(status, applicationId);
  edit.record({ table: 'applications', rowId: applicationId, field: 'status', oldValue: current, newValue: status });
  recordTransition(db, edit, applicationId, status, day);
}

/**
 * The row a logged change belongs to, as a person knows it ("Beslut 2026-12-01 · 250 000 kr"),
 * read as it is now; null when the row is gone or is not one a person names.
 */
export function rowSubject(db: Database, table: string, rowId: number): RowSubject {
  switch (table) {
    case 'applications': {
      const caseNumber = statement(db, 'SELECT case_number FROM applications WHERE id = ?').pluck().get(rowId) as string | undefined;
      return caseNumber === undefined ? null : { kind: 'application', caseNumber };
    }
    case 'decisions':
    case 'decision_years': {
      // A decision's years are logged on their decision.
      const row = statement(db, 'SELECT decided_on AS decidedOn, granted_ore AS grantedOre FROM decisions WHERE id = ?').get(rowId) as
        | { decidedOn: string; grantedOre: number }
        | undefined;
      return row ? { kind: 'decision', ...row } : null;
    }
    case 'payments': {
      const row = statement(db, 'SELECT kind AS paymentKind, paid_on AS paidOn, amount_ore AS amountOre FROM payments WHERE id = ?').get(rowId) as
        | Omit<Extract<RowSubject, { kind: 'payment' }>, 'kind'>
        | undefined;
      return row ? { kind: 'payment', ...row } : null;
    }
    case 'reports': {
      const row = statement(db, 'SELECT kind AS reportKind, due_on AS dueOn FROM reports WHERE id = ?').get(rowId) as
        | Omit<Extract<RowSubject, { kind: 'report' }>, 'kind'>
        | undefined;
      return row ? { kind: 'report', ...row } : null;
    }
    default:
      return null;
  }
}

interface EditRow {
  id: number;
  made_at: string;
  made_by: string;
  action: AuditAction;
}

/**
 * The register's edits: the evaluation's changes are logged too (plan-edit.ts), but no evaluation
 * edit is undone, so undo passes over them rather than offering one it cannot write back.
 */
const registerEdit = sql`NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.edit_id = e.id AND l.table_name IN ${sqlList(evaluationTables)})`;

/**
 * The user's own edits form a stack, undone newest first: the newest update or insert not yet
 * undone, made since the last import. An import closes the stack: what came before it is final,
 * since the import may have built on it.
 */
function undoableEdit(db: Database): EditRow | undefined {
  const query = sql`SELECT id, made_at, made_by, action FROM edits e
     WHERE action IN ('update', 'insert') AND undone_by IS NULL
       AND id > coalesce((SELECT max(id) FROM edits WHERE action = 'import'), 0)
       AND ${registerEdit}
     ORDER BY id DESC LIMIT 1`;
  return statement(db, query.text).get(...query.params) as EditRow | undefined;
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
    // A field logged twice (a decision's years) is named once; a dated transition is not a field.
    fields: [...new Set(changes.flatMap((change) => (change.field === null ? [] : [change.field])))],
    subject: rowSubject(db, first.table_name, first.row_id),
  };
}

/** What undo offers next, and when nothing is left because an import closed the stack, that import's time. */
export function undoState(db: Database): UndoState {
  const next = lastEdit(db);
  if (next) return { next, closedByImportAt: null };
  const query = sql`SELECT made_at FROM edits i WHERE action = 'import'
       AND id = (SELECT max(id) FROM edits WHERE action = 'import')
       AND EXISTS (SELECT 1 FROM edits e WHERE e.action IN ('update', 'insert') AND e.undone_by IS NULL AND e.id < i.id AND ${registerEdit})`;
  const importedAt = statement(db, query.text)
    .pluck()
    .get(...query.params) as string | undefined;
  return { next: null, closedByImportAt: importedAt ?? null };
}

// Field names in the log are column names of these tables; only these can be written back.
const undoableColumns: Record<string, readonly string[]> = {
  applications: [
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
  ],
  reports: ['received_on'],
};

// Rows a user's insert may add; undoing the insert deletes them again. A decision's years are not
// here: they go with their decision (ON DELETE CASCADE), and their log rows are still mirrored.
const deletableTables = ['reports', 'payments', 'decisions', 'status_transitions'];

interface LoggedChange {
  table_name: string;
  row_id: number;
  field: string | null;
  old_value: AuditValue;
  new_value: AuditValue;
}

/** Writes a logged field's old value back, when it is one undo may write, and logs that in the undo. */
function writeBack(db: Database, undo: Edit, change: LoggedChange): void {
  const columns = undoableColumns[change.table_name] ?? [];
  if (change.field === null || !columns.includes(change.field)) return;
  const table = sqlIdentifier(change.table_name, Object.keys(undoableColumns));
  const update = sql`UPDATE ${table} SET ${sqlIdentifier(change.field, columns)} = ${change.old_value} WHERE id = ${change.row_id}`;
  statement(db, update.text).run(...update.params);
  undo.record({ table: change.table_name, rowId: change.row_id, field: change.field, oldValue: change.new_value, newValue: change.old_value });
}

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
      .all(edit.id) as LoggedChange[];
    const undo = beginEdit(db, 'undo', edit.id);
    if (edit.action === 'insert') {
      for (const change of changes) {
        if (change.table_name === 'applications') {
          // The status a decision set goes back with it; its dated transition is deleted as a row it added.
          writeBack(db, undo, change);
          continue;
        }
        if (deletableTables.includes(change.table_name)) {
          const remove = sql`DELETE FROM ${sqlIdentifier(change.table_name, deletableTables)} WHERE id = ${change.row_id}`;
          statement(db, remove.text).run(...remove.params);
        }
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
        writeBack(db, undo, change);
      }
    }
    statement(db, 'UPDATE edits SET undone_by = ? WHERE id = ?').run(undo.id, edit.id);
    return lastEdit(db);
  })();
}
