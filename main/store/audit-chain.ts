import { hash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** One audit entry with its edit's who, when and kind: what its hash covers. */
export interface ChainedEntry {
  id: number;
  editId: number;
  madeAt: string;
  madeBy: string;
  action: string;
  undoesEdit: number | null;
  table: string;
  rowId: number;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
}

/** The first entry's previous hash. */
export const CHAIN_START = '';

/**
 * SHA-256 over a canonical serialisation: a JSON array in a fixed order, so the same fields always
 * give the same bytes. A blob (never written by the app, possible by hand) is hashed as its hex.
 */
export function chainHash(previous: string, entry: ChainedEntry): string {
  const value = (v: unknown) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : typeof v === 'bigint' ? Number(v) : v);
  const fields = [
    previous,
    entry.id,
    entry.editId,
    entry.madeAt,
    entry.madeBy,
    entry.action,
    entry.undoesEdit,
    entry.table,
    entry.rowId,
    entry.field,
    value(entry.oldValue),
    value(entry.newValue),
  ];
  // The one-shot hash: a chained entry per imported row makes the per-call cost count (about 7 µs with the JSON).
  return hash('sha256', JSON.stringify(fields), 'hex');
}

/**
 * The SQL functions migrations call: the chain's hash (migration 0011 chains the entries a store
 * already held) and a random UUID for rows that need a global id.
 */
export function registerStoreFunctions(db: Database): void {
  db.function('grantlens_audit_hash', { deterministic: true }, (previous, id, editId, madeAt, madeBy, action, undoesEdit, table, rowId, field, oldValue, newValue) =>
    chainHash(previous as string, {
      id: Number(id),
      editId: Number(editId),
      madeAt: madeAt as string,
      madeBy: madeBy as string,
      action: action as string,
      undoesEdit: undoesEdit === null ? null : Number(undoesEdit),
      table: table as string,
      rowId: Number(rowId),
      field: field as string | null,
      oldValue,
      newValue,
    }),
  );
  db.function('grantlens_uuid', { deterministic: false }, () => randomUUID());
}

interface ChainRow {
  id: number;
  edit_id: number;
  made_at: string | null;
  made_by: string | null;
  action: string | null;
  undoes_edit: number | null;
  table_name: string;
  row_id: number;
  field: string | null;
  old_value: unknown;
  new_value: unknown;
  hash: string | null;
}

/**
 * Walks the chain oldest first and names the first entry whose hash does not follow from the one
 * before it: an entry edited (its own hash no longer fits), deleted or inserted (the next one's
 * no longer does). Every later entry hangs on that one, so only the first broken link is named.
 */
export function chainProblems(db: Database): string[] {
  const rows = db
    .prepare(
      `SELECT l.id, l.edit_id, e.made_at, e.made_by, e.action, e.undoes_edit, l.table_name, l.row_id, l.field, l.old_value, l.new_value, l.hash
       FROM audit_log l LEFT JOIN edits e ON e.id = l.edit_id ORDER BY l.id`,
    )
    .iterate() as IterableIterator<ChainRow>;
  let previous = CHAIN_START;
  let previousId: number | null = null;
  for (const row of rows) {
    const expected = chainHash(previous, {
      id: row.id,
      editId: row.edit_id,
      madeAt: row.made_at ?? '',
      madeBy: row.made_by ?? '',
      action: row.action ?? '',
      undoesEdit: row.undoes_edit,
      table: row.table_name,
      rowId: row.row_id,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
    });
    if (row.hash !== expected) {
      const after = previousId === null ? 'the start of the log' : `entry ${previousId}`;
      return [`audit entry ${row.id} does not follow from ${after}: it, or what lay between them, was changed outside Grantlens`];
    }
    previous = row.hash;
    previousId = row.id;
  }
  return [];
}
