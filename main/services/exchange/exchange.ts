import { readFileSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import {
  exchangeDocument,
  type ConflictChoice,
  type ExchangeConflict,
  type ExchangeDocument,
  type ExchangeExportResult,
  type ExchangeSummary,
} from '../../contract/domains/exchange';
import { AppError } from '../../contract/errors';
import { beginEdit, type Edit } from '../../domain/audit';
import { writeFileAtomically } from '../../store/atomic-file';
import { checkpointAfterBulkWrite } from '../../store/checkpoint';
import { sql, sqlIdentifier, sqlJoin, type SqlValue } from '../../store/sql';
import { statement } from '../../store/statement-cache';
import { checkPackageSize, openPackage, sealPackage } from './package';
import { chosenIndicators, kindByTable, readLocal, readRecords, recordKinds, type Cell, type ExchangeRecord, type RecordKind, type Selection } from './records';
import { mergeValues, readValueSeries } from './values';

// Export and merge of exchange packages (docs/exchange.md).

export interface ExportRequest extends Selection {
  passphrase: string;
}

const tables = recordKinds.map((k) => k.table);

/**
 * The records this store deleted since its last exchange: keys it merged then (its base) that no
 * longer find a row. Register and evaluation rows only, as nothing deletes an indicator or a value.
 * One grant's evaluation carries the deletions of rows that belonged to it: those whose base refers
 * to a record in the package or to another such deletion.
 */
function deletedSince(db: Database, selection: Selection, exported: readonly ExchangeRecord[]): { key: string; table: string }[] {
  if (selection.scope === 'indicators') return [];
  const gone: { key: string; table: string; fields: Record<string, Cell> }[] = [];
  const base = statement(db, 'SELECT record_key, fields FROM exchange_base WHERE record_key > ? AND record_key < ?').raw();
  for (const kind of recordKinds) {
    if (kind.group === 'indicators' || (selection.scope === 'register' && kind.group === 'evaluation')) continue;
    // Keys of one table sort together: `table:` up to `table;`.
    for (const [key, fields] of base.all(`${kind.table}:`, `${kind.table};`) as [string, string][]) {
      if (kind.find(db, key) === undefined) gone.push({ key, table: kind.table, fields: JSON.parse(fields) as Record<string, Cell> });
    }
  }
  if (selection.scope !== 'evaluation') return gone.map(({ key, table }) => ({ key, table }));
  const belongs = new Set(exported.map((record) => record.key));
  const taken: { key: string; table: string }[] = [];
  let more = true;
  while (more) {
    more = false;
    for (const row of gone) {
      if (belongs.has(row.key)) continue;
      const kind = kindByTable.get(row.table)!;
      if (kind.group !== 'evaluation' || !kind.columns.some((c) => c.ref && belongs.has(String(row.fields[c.name])))) continue;
      belongs.add(row.key);
      taken.push({ key: row.key, table: row.table });
      more = true;
    }
  }
  return taken;
}

/** Writes a package of the scope's records to `path`, whole or not at all. */
export async function exportPackage(db: Database, schemaVersion: number, path: string, request: ExportRequest): Promise<ExchangeExportResult> {
  if (request.scope === 'evaluation') {
    const grant = statement(db, 'SELECT 1 FROM applications WHERE case_number = ?').get(request.caseNumber ?? null);
    if (!grant) throw new AppError('INVALID_ARGUMENT', 'An evaluation package needs the case number of a grant in this store.', { reason: 'not_found', what: 'caseNumber' });
  }
  const indicators = chosenIndicators(request);
  // One read transaction: the records of every kind, the values and the deletions from one snapshot.
  let values = 0;
  const document: ExchangeDocument = db.transaction(() => {
    const records = recordKinds.flatMap((kind) => readRecords(db, kind, request).map((row) => row.record));
    const read = request.scope === 'indicators' || request.scope === 'all' ? readValueSeries(db, indicators) : { series: [], imports: [], values: 0 };
    values = read.values;
    return {
      scope: request.scope,
      caseNumber: request.scope === 'evaluation' ? (request.caseNumber ?? null) : null,
      exportedAt: new Date().toISOString(),
      records,
      indicators: indicators ? [...indicators] : null,
      valueSeries: read.series,
      valueImports: read.imports,
      deleted: deletedSince(db, request, records),
    };
  })();
  const bytes = sealPackage(document, schemaVersion, request.passphrase);
  await writeFileAtomically(path, bytes);
  return { scope: request.scope, records: document.records.length, values, deleted: document.deleted.length, bytes: bytes.length };
}

export interface ImportRequest {
  passphrase: string;
  choices: readonly ConflictChoice[];
  dryRun: boolean;
}

const same = (a: Cell | undefined, b: Cell | undefined) => a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));

/**
 * Last writer wins; at the same time, the larger value, so that both stores settle a tie the same
 * way. A field never edited since its row was made counts as oldest.
 */
function laterIsTheirs(mine: Cell, mineAt: string | null, theirs: Cell, theirsAt: string | null): boolean {
  const a = mineAt ?? '';
  const b = theirsAt ?? '';
  if (a !== b) return b > a;
  return JSON.stringify(theirs) > JSON.stringify(mine);
}

class RecordRejected extends Error {
  constructor(
    readonly reason: 'missing_reference' | 'invalid_record',
    readonly detail: string,
  ) {
    super(detail);
  }
}

interface Merge {
  db: Database;
  edit: Edit;
  choices: Map<string, 'mine' | 'theirs'>;
  now: string;
  summary: ExchangeSummary;
}

/** A field's value as the table holds it: a reference as this store's row id, bytes as bytes. */
function storedValue(db: Database, kind: RecordKind, field: string, value: Cell): SqlValue {
  const column = kind.columns.find((c) => c.name === field)!;
  if (value === null) return null;
  if (column.blob) return Buffer.from(String(value), 'base64');
  if (!column.ref) return value;
  const id = kindByTable.get(column.ref)!.find(db, String(value));
  if (id === undefined) throw new RecordRejected('missing_reference', `${field} refers to ${String(value)}, which neither store holds`);
  return id;
}

function readBase(db: Database, key: string): Record<string, Cell> | undefined {
  const json = statement(db, 'SELECT fields FROM exchange_base WHERE record_key = ?').pluck().get(key) as string | undefined;
  return json === undefined ? undefined : (JSON.parse(json) as Record<string, Cell>);
}

function writeBase(db: Database, key: string, fields: Record<string, Cell>): void {
  statement(db, 'INSERT INTO exchange_base (record_key, fields) VALUES (?, ?) ON CONFLICT (record_key) DO UPDATE SET fields = excluded.fields').run(key, JSON.stringify(fields));
}

function insertRecord(merge: Merge, kind: RecordKind, incoming: ExchangeRecord): void {
  const { db } = merge;
  const names = kind.columns.map((c) => c.name);
  const times = Object.values(incoming.editedAt).filter((at): at is string => at !== null).sort();
  const values: Record<string, SqlValue> = { ...kind.insertExtras?.(incoming.key, times.at(-1) ?? merge.now) };
  for (const name of names) values[name] = storedValue(db, kind, name, incoming.fields[name]!);
  const columns = Object.keys(values);
  const query = sql`INSERT INTO ${sqlIdentifier(kind.table, tables)} (${sqlJoin(columns.map((c) => sqlIdentifier(c, columns)))})
                    VALUES (${sqlJoin(columns.map((c) => sql`${values[c]!}`))})`;
  const rowId = Number(db.prepare(query.text).run(...query.params).lastInsertRowid);
  kind.afterWrite?.(db, rowId);
  merge.edit.record({ table: kind.table, rowId, field: null, oldValue: null, newValue: incoming.key });
  merge.summary.inserted++;
}

function updateRecord(merge: Merge, kind: RecordKind, rowId: number, local: ExchangeRecord, incoming: ExchangeRecord): Record<string, Cell> {
  const { db, summary } = merge;
  const base = readBase(db, incoming.key);
  const taken: Record<string, Cell> = {};
  const kept: string[] = [];
  for (const column of kind.columns) {
    const field = column.name;
    const mine = local.fields[field]!;
    const theirs = incoming.fields[field]!;
    if (same(mine, theirs)) continue;
    if (base && field in base && same(mine, base[field])) {
      taken[field] = theirs;
      continue;
    }
    if (base && field in base && same(theirs, base[field])) {
      summary.keptMine++;
      continue;
    }
    // Both changed it since the last exchange, or there was none: a conflict, for the user to settle.
    const mineEditedAt = local.editedAt[field] ?? null;
    const theirsEditedAt = incoming.editedAt[field] ?? null;
    const choice = merge.choices.get(`${incoming.key}\u0000${field}`) ?? (laterIsTheirs(mine, mineEditedAt, theirs, theirsEditedAt) ? 'theirs' : 'mine');
    const conflict: ExchangeConflict = { key: incoming.key, table: kind.table, field, mine, theirs, mineEditedAt, theirsEditedAt, taken: choice, deleted: null };
    summary.conflicts.push(conflict);
    if (choice === 'theirs') taken[field] = theirs;
    else kept.push(field);
  }
  const names = kind.columns.map((c) => c.name);
  const sets = Object.keys(taken).map((field) => sql`${sqlIdentifier(field, names)} = ${storedValue(db, kind, field, taken[field]!)}`);
  // A settled conflict is an edit made now, so the other store's next merge sees this side as the later one.
  if (kind.edited === 'updated_at' && (sets.length > 0 || kept.length > 0)) sets.push(sql`updated_at = ${merge.now}`);
  if (sets.length > 0) {
    const query = sql`UPDATE ${sqlIdentifier(kind.table, tables)} SET ${sqlJoin(sets)} WHERE rowid = ${rowId}`;
    db.prepare(query.text).run(...query.params);
    kind.afterWrite?.(db, rowId);
  }
  for (const [field, value] of Object.entries(taken)) merge.edit.record({ table: kind.table, rowId, field, oldValue: local.fields[field]!, newValue: value });
  // Kept over the other side's value: logged as the choice it is, theirs as the old value.
  for (const field of kept) merge.edit.record({ table: kind.table, rowId, field, oldValue: incoming.fields[field]!, newValue: local.fields[field]! });
  if (Object.keys(taken).length > 0) summary.updated++;
  else summary.unchanged++;
  return { ...local.fields, ...taken };
}

const changedSince = (kind: RecordKind, fields: Record<string, Cell>, base: Record<string, Cell>) => kind.columns.some((c) => !same(fields[c.name], base[c.name]));

/** A conflict over a whole record: one side deleted it, the other changed it. */
function deletionConflict(merge: Merge, kind: RecordKind, key: string, deleted: 'mine' | 'theirs'): 'mine' | 'theirs' {
  // Unless the user chooses, the changed record stays: nothing is dropped.
  const taken = merge.choices.get(`${key}\u0000*`) ?? (deleted === 'mine' ? 'theirs' : 'mine');
  merge.summary.conflicts.push({ key, table: kind.table, field: '*', mine: null, theirs: null, mineEditedAt: null, theirsEditedAt: null, taken, deleted });
  return taken;
}

/**
 * A record this store merged once (it has a base) and holds no longer: deleted here. It stays
 * deleted when the other side has not changed it since; else the deletion is a conflict. Returns
 * whether the record is to be inserted again.
 */
function keepsDeleted(merge: Merge, kind: RecordKind, incoming: ExchangeRecord, base: Record<string, Cell>): boolean {
  if (!changedSince(kind, incoming.fields, base)) {
    merge.summary.unchanged++;
    return false;
  }
  if (deletionConflict(merge, kind, incoming.key, 'mine') === 'theirs') return true;
  // Kept deleted by choice: the base is what the other side holds, so its next package agrees.
  writeBase(merge.db, incoming.key, incoming.fields);
  return false;
}

/**
 * The other side deleted a record since its last exchange: delete it here too, unless it changed
 * here since this store's last exchange (a conflict, for the user to settle). The rows that belong to
 * it go with it (ON DELETE CASCADE), as they did on the other side.
 */
function deleteRecord(merge: Merge, kind: RecordKind, key: string): void {
  const { db } = merge;
  const local = readLocal(db, kind, key);
  const base = readBase(db, key);
  const unchangedHere = local !== undefined && base !== undefined && !changedSince(kind, local.record.fields, base);
  if (local && !unchangedHere && deletionConflict(merge, kind, key, 'theirs') === 'mine') return;
  if (local) {
    const query = sql`DELETE FROM ${sqlIdentifier(kind.table, tables)} WHERE rowid = ${local.rowId}`;
    db.prepare(query.text).run(...query.params);
    merge.edit.record({ table: kind.table, rowId: local.rowId, field: null, oldValue: key, newValue: null });
    merge.summary.deleted++;
  }
  statement(db, 'DELETE FROM exchange_base WHERE record_key = ?').run(key);
}

function mergeRecord(merge: Merge, kind: RecordKind, incoming: ExchangeRecord): void {
  const { db } = merge;
  const names = kind.columns.map((c) => c.name);
  const fields = Object.keys(incoming.fields);
  if (fields.length !== names.length || !names.every((name) => name in incoming.fields && name in incoming.editedAt)) {
    throw new RecordRejected('invalid_record', `the record's fields are not those of ${kind.table}`);
  }
  const local = readLocal(db, kind, incoming.key);
  if (!local) {
    const base = readBase(db, incoming.key);
    if (base && !keepsDeleted(merge, kind, incoming, base)) return;
    insertRecord(merge, kind, incoming);
    writeBase(db, incoming.key, incoming.fields);
    return;
  }
  writeBase(db, incoming.key, updateRecord(merge, kind, local.rowId, local.record, incoming));
}

/**
 * One step in a savepoint: a record that cannot be merged leaves nothing, not even a conflict
 * listed for it, and is reported; `false` when the store's rules refused it.
 */
function inSavepoint(merge: Merge, key: string, report: boolean, step: () => void): boolean {
  const { db, summary } = merge;
  const listed = summary.conflicts.length;
  statement(db, 'SAVEPOINT exchange_record').run();
  try {
    step();
    statement(db, 'RELEASE exchange_record').run();
    return true;
  } catch (error) {
    statement(db, 'ROLLBACK TO exchange_record').run();
    statement(db, 'RELEASE exchange_record').run();
    summary.conflicts.length = listed;
    if (error instanceof RecordRejected) summary.rejected.push({ key, reason: error.reason, detail: error.detail });
    // A record the store's rules refuse (a place it does not know, a position taken, a row still referred to): reported, never half-written.
    else if (error instanceof Error && /constraint/i.test(error.message)) {
      if (report) summary.rejected.push({ key, reason: 'invalid_record', detail: error.message });
    } else throw error;
    return false;
  }
}

function mergeInSavepoint(merge: Merge, incoming: ExchangeRecord): void {
  inSavepoint(merge, incoming.key, true, () => {
    const kind = kindByTable.get(incoming.table);
    if (!kind) throw new RecordRejected('invalid_record', `${incoming.table} is not a table an exchange carries`);
    mergeRecord(merge, kind, incoming);
  });
}

/**
 * Merges a package into the store in one transaction: every record matched by its key, inserted
 * when new, field by field otherwise; each change in the audit log under one import edit. A dry
 * run works out the same and rolls it back: the preview.
 */
export function importPackage(db: Database, schemaVersion: number, path: string, request: ImportRequest): ExchangeSummary {
  checkPackageSize(statSync(path).size);
  const { document } = openPackage(readFileSync(path), request.passphrase, schemaVersion);
  const parsed = exchangeDocument.safeParse(document);
  if (!parsed.success) throw new AppError('EXCHANGE_INVALID', 'The exchange package does not hold what Grantlens writes.', { reason: 'not_a_package' });
  const order = new Map(recordKinds.map((kind, index) => [kind.table, index]));
  // Parents before the rows that refer to them, whatever order the package has.
  const records = [...parsed.data.records].sort((a, b) => (order.get(a.table) ?? -1) - (order.get(b.table) ?? -1));
  const summary: ExchangeSummary = {
    scope: parsed.data.scope,
    exportedAt: parsed.data.exportedAt,
    records: records.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    values: 0,
    valuesInserted: 0,
    valuesUpdated: 0,
    keptMine: 0,
    conflicts: [],
    rejected: [],
    dryRun: request.dryRun,
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    const merge: Merge = {
      db,
      edit: beginEdit(db, 'import'),
      choices: new Map(request.choices.map((choice) => [`${choice.key}\u0000${choice.field}`, choice.take])),
      now: new Date().toISOString(),
      summary,
    };
    // Deletions first, the rows that refer to others before those (a replaced question leaves its
    // position to the new one); a deletion of a row still referred to is tried again after the
    // merge, which may have moved what referred to it.
    const deletions = [...parsed.data.deleted].sort((a, b) => (order.get(b.table) ?? -1) - (order.get(a.table) ?? -1));
    const retry: typeof deletions = [];
    const deleteStep = (deletion: (typeof deletions)[number], report: boolean) =>
      inSavepoint(merge, deletion.key, report, () => {
        const kind = kindByTable.get(deletion.table);
        if (!kind) throw new RecordRejected('invalid_record', `${deletion.table} is not a table an exchange carries`);
        deleteRecord(merge, kind, deletion.key);
      });
    for (const deletion of deletions) if (!deleteStep(deletion, false)) retry.push(deletion);
    for (const record of records) mergeInSavepoint(merge, record);
    mergeValues(merge, parsed.data.valueSeries, parsed.data.valueImports);
    for (const deletion of retry) deleteStep(deletion, true);
    if (request.dryRun) {
      db.exec('ROLLBACK');
      return summary;
    }
    if (statement(db, 'SELECT count(*) FROM audit_log WHERE edit_id = ?').pluck().get(merge.edit.id) === 0) {
      statement(db, 'DELETE FROM edits WHERE id = ?').run(merge.edit.id);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  checkpointAfterBulkWrite(db);
  return summary;
}
