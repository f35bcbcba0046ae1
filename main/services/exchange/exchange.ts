import { readFileSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import {
  exchangeDocument,
  type ConflictChoice,
  type ExchangeConflict,
  type ExchangeDocument,
  type ExchangeExportResult,
  type ExchangeScope,
  type ExchangeSummary,
} from '../../contract/domains/exchange';
import { AppError } from '../../contract/errors';
import { beginEdit, type Edit } from '../../domain/audit';
import { writeFileAtomically } from '../../store/atomic-file';
import { checkpointAfterBulkWrite } from '../../store/checkpoint';
import { sql, sqlIdentifier, sqlJoin, type SqlValue } from '../../store/sql';
import { statement } from '../../store/statement-cache';
import { checkPackageSize, openPackage, sealPackage } from './package';
import { kindByTable, readLocal, readRecords, recordKinds, type Cell, type ExchangeRecord, type RecordKind } from './records';

// Export and merge of exchange packages (docs/exchange.md).

export interface ExportRequest {
  scope: ExchangeScope;
  caseNumber?: string | undefined;
  passphrase: string;
}

/** Writes a package of the scope's records to `path`, whole or not at all. */
export async function exportPackage(db: Database, schemaVersion: number, path: string, request: ExportRequest): Promise<ExchangeExportResult> {
  if (request.scope === 'evaluation') {
    const grant = statement(db, 'SELECT 1 FROM applications WHERE case_number = ?').get(request.caseNumber ?? null);
    if (!grant) throw new AppError('INVALID_ARGUMENT', 'An evaluation package needs the case number of a grant in this store.', { reason: 'not_found', what: 'caseNumber' });
  }
  // One read transaction: the records of every kind from one snapshot.
  const records = db.transaction(() => recordKinds.flatMap((kind) => readRecords(db, kind, request.scope, request.caseNumber).map((row) => row.record)))();
  const document: ExchangeDocument = {
    scope: request.scope,
    caseNumber: request.scope === 'evaluation' ? (request.caseNumber ?? null) : null,
    exportedAt: new Date().toISOString(),
    records,
  };
  const bytes = sealPackage(document, schemaVersion, request.passphrase);
  await writeFileAtomically(path, bytes);
  return { scope: request.scope, records: records.length, bytes: bytes.length };
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
  const query = sql`INSERT INTO ${sqlIdentifier(kind.table, recordKinds.map((k) => k.table))} (${sqlJoin(columns.map((c) => sqlIdentifier(c, columns)))})
                    VALUES (${sqlJoin(columns.map((c) => sql`${values[c]!}`))})`;
  const rowId = Number(db.prepare(query.text).run(...query.params).lastInsertRowid);
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
    const conflict: ExchangeConflict = { key: incoming.key, table: kind.table, field, mine, theirs, mineEditedAt, theirsEditedAt, taken: choice };
    summary.conflicts.push(conflict);
    if (choice === 'theirs') taken[field] = theirs;
    else kept.push(field);
  }
  const names = kind.columns.map((c) => c.name);
  const sets = Object.keys(taken).map((field) => sql`${sqlIdentifier(field, names)} = ${storedValue(db, kind, field, taken[field]!)}`);
  // A settled conflict is an edit made now, so the other store's next merge sees this side as the later one.
  if (kind.edited === 'updated_at' && (sets.length > 0 || kept.length > 0)) sets.push(sql`updated_at = ${merge.now}`);
  if (sets.length > 0) {
    const query = sql`UPDATE ${sqlIdentifier(kind.table, recordKinds.map((k) => k.table))} SET ${sqlJoin(sets)} WHERE id = ${rowId}`;
    db.prepare(query.text).run(...query.params);
  }
  for (const [field, value] of Object.entries(taken)) merge.edit.record({ table: kind.table, rowId, field, oldValue: local.fields[field]!, newValue: value });
  // Kept over the other side's value: logged as the choice it is, theirs as the old value.
  for (const field of kept) merge.edit.record({ table: kind.table, rowId, field, oldValue: incoming.fields[field]!, newValue: local.fields[field]! });
  if (Object.keys(taken).length > 0) summary.updated++;
  else summary.unchanged++;
  return { ...local.fields, ...taken };
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
    insertRecord(merge, kind, incoming);
    writeBase(db, incoming.key, incoming.fields);
    return;
  }
  writeBase(db, incoming.key, updateRecord(merge, kind, local.rowId, local.record, incoming));
}

/** One record in a savepoint: a record that cannot be merged leaves nothing and is reported. */
function mergeInSavepoint(merge: Merge, incoming: ExchangeRecord): void {
  const kind = kindByTable.get(incoming.table);
  const { db, summary } = merge;
  statement(db, 'SAVEPOINT exchange_record').run();
  try {
    if (!kind) throw new RecordRejected('invalid_record', `${incoming.table} is not a table an exchange carries`);
    mergeRecord(merge, kind, incoming);
    statement(db, 'RELEASE exchange_record').run();
  } catch (error) {
    statement(db, 'ROLLBACK TO exchange_record').run();
    statement(db, 'RELEASE exchange_record').run();
    if (error instanceof RecordRejected) summary.rejected.push({ key: incoming.key, reason: error.reason, detail: error.detail });
    // A record the store's rules refuse (a place it does not know, a position taken): reported, never half-written.
    else if (error instanceof Error && /constraint/i.test(error.message)) summary.rejected.push({ key: incoming.key, reason: 'invalid_record', detail: error.message });
    else throw error;
  }
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
    for (const record of records) mergeInSavepoint(merge, record);
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
