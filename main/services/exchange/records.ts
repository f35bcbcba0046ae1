import type { Database } from 'better-sqlite3';
import type { ExchangeScope } from '../../contract/domains/exchange';
import { evaluationTables } from '../../contract/tables';
import { sql, sqlIdentifier, sqlJoin, type SqlFragment, type SqlValue } from '../../store/sql';
import { statement } from '../../store/statement-cache';

// What an exchange package carries: records keyed by a global key, never a local id. The register's
// rows by their natural keys (an organisation by its organisation number, a call by year and
// programme, an application by its case number, a report by its application, kind and due day),
// the evaluation's rows by the uid each got when it was made (migration 0007). A reference to
// another row travels as that row's key.

export type Cell = string | number | null;

export interface ExchangeRecord {
  key: string;
  table: string;
  fields: Record<string, Cell>;
  /** When each field was last edited here, as far as this store knows; null when never since it was made. */
  editedAt: Record<string, string | null>;
}

interface Column {
  name: string;
  /** The table whose key this column holds, for a reference. */
  ref?: string;
  /** Bytes, carried as base64. */
  blob?: boolean;
}

export interface RecordKind {
  table: string;
  columns: Column[];
  /** `audit`: each field's time from the audit log; `updated_at`: the row's own stamp, for every field. */
  edited: 'audit' | 'updated_at';
  /** SQL giving a row's key, over the table under the alias given. */
  keySql(t: SqlFragment): SqlFragment;
  /** A row id by key. */
  find(db: Database, key: string): number | undefined;
  /** The columns an insert must set besides the fields: the evaluation rows' uid and stamp. */
  insertExtras?(key: string, editedAt: string): Record<string, SqlValue>;
}

const prefixed = (table: string, key: string) => (key.startsWith(`${table}:`) ? key.slice(table.length + 1) : undefined);

const organisations: RecordKind = {
  table: 'organisations',
  columns: [{ name: 'org_number' }, { name: 'name' }, { name: 'type' }, { name: 'municipality_code' }, { name: 'county_code' }],
  edited: 'audit',
  // Without an organisation number, the name is the only key the two stores can share.
  keySql: (t) => sql`'organisations:' || coalesce(${t}.org_number, 'name:' || ${t}.name)`,
  find(db, key) {
    const rest = prefixed('organisations', key);
    if (rest === undefined) return undefined;
    const byName = rest.startsWith('name:');
    return statement(db, byName ? 'SELECT id FROM organisations WHERE org_number IS NULL AND name = ? ORDER BY id LIMIT 1' : 'SELECT id FROM organisations WHERE org_number = ?')
      .pluck()
      .get(byName ? rest.slice(5) : rest) as number | undefined;
  },
};

const grantCalls: RecordKind = {
  table: 'grant_calls',
  columns: [{ name: 'year' }, { name: 'programme' }, { name: 'title' }, { name: 'budget_ore' }, { name: 'earmarked_ore' }, { name: 'opens_on' }, { name: 'closes_on' }],
  edited: 'audit',
  keySql: (t) => sql`'grant_calls:' || ${t}.year || ':' || ${t}.programme`,
  find(db, key) {
    const match = /^(\d{4}):(.*)$/s.exec(prefixed('grant_calls', key) ?? '');
    if (!match) return undefined;
    return statement(db, 'SELECT id FROM grant_calls WHERE year = ? AND programme = ?').pluck().get(Number(match[1]), match[2]) as number | undefined;
  },
};

const applications: RecordKind = {
  table: 'applications',
  columns: [
    { name: 'case_number' },
    { name: 'call_id', ref: 'grant_calls' },
    { name: 'organisation_id', ref: 'organisations' },
    { name: 'title' },
    { name: 'summary' },
    { name: 'stage' },
    { name: 'status' },
    { name: 'municipality_code' },
    { name: 'target_areas' },
    { name: 'first_year' },
    { name: 'last_year' },
    { name: 'requested_ore' },
    { name: 'includes_evaluation' },
    { name: 'evaluation_ore' },
    { name: 'received_on' },
  ],
  edited: 'audit',
  keySql: (t) => sql`'applications:' || ${t}.case_number`,
  find: (db, key) => statement(db, 'SELECT id FROM applications WHERE case_number = ?').pluck().get(prefixed('applications', key) ?? null) as number | undefined,
};

const reports: RecordKind = {
  table: 'reports',
  columns: [{ name: 'application_id', ref: 'applications' }, { name: 'kind' }, { name: 'due_on' }, { name: 'received_on' }],
  edited: 'audit',
  keySql: (t) => sql`'reports:' || (SELECT case_number FROM applications WHERE id = ${t}.application_id) || ':' || ${t}.kind || ':' || ${t}.due_on`,
  find(db, key) {
    const match = /^(.*):(progress|final|financial):(\d{4}-\d{2}-\d{2})$/s.exec(prefixed('reports', key) ?? '');
    if (!match) return undefined;
    return statement(db, 'SELECT r.id FROM reports r JOIN applications a ON a.id = r.application_id WHERE a.case_number = ? AND r.kind = ? AND r.due_on = ? ORDER BY r.id LIMIT 1')
      .pluck()
      .get(match[1], match[2], match[3]) as number | undefined;
  },
};

/** An evaluation table: keyed by its uid, each field as new as the row's `updated_at`. */
function evaluationKind(table: (typeof evaluationTables)[number], columns: Column[]): RecordKind {
  return {
    table,
    columns,
    edited: 'updated_at',
    keySql: (t) => sql`${`${table}:`} || ${t}.uid`,
    find(db, key) {
      const query = sql`SELECT id FROM ${sqlIdentifier(table, evaluationTables)} WHERE uid = ${prefixed(table, key) ?? null}`;
      return statement(db, query.text).pluck().get(...query.params) as number | undefined;
    },
    insertExtras: (key, editedAt) => ({ uid: prefixed(table, key)!, updated_at: editedAt }),
  };
}

const plan = { name: 'plan_id', ref: 'evaluation_plans' };
const evaluationKinds: RecordKind[] = [
  evaluationKind('evaluation_plans', [
    { name: 'application_id', ref: 'applications' },
    { name: 'kind' },
    { name: 'evaluator' },
    { name: 'evaluator_organisation_id', ref: 'organisations' },
    { name: 'method' },
    { name: 'starts_on' },
    { name: 'ends_on' },
  ]),
  evaluationKind('evaluation_questions', [plan, { name: 'position' }, { name: 'question' }]),
  evaluationKind('evaluation_outcomes', [plan, { name: 'position' }, { name: 'title' }]),
  evaluationKind('outcome_indicators', [
    { name: 'outcome_id', ref: 'evaluation_outcomes' },
    { name: 'indicator_code' },
    { name: 'sex' },
    { name: 'level' },
    { name: 'geo_code' },
    { name: 'baseline_year' },
    { name: 'baseline_value' },
  ]),
  evaluationKind('outcome_targets', [{ name: 'outcome_indicator_id', ref: 'outcome_indicators' }, { name: 'year' }, { name: 'value' }]),
  evaluationKind('comparison_places', [{ name: 'outcome_indicator_id', ref: 'outcome_indicators' }, { name: 'geo_code' }, { name: 'chosen_by' }]),
  evaluationKind('evaluation_attachments', [
    plan,
    { name: 'name' },
    { name: 'mime' },
    { name: 'size' },
    { name: 'sha256' },
    { name: 'added_on' },
    { name: 'content', blob: true },
  ]),
  evaluationKind('evaluation_milestones', [
    plan,
    { name: 'kind' },
    { name: 'title' },
    { name: 'due_on' },
    { name: 'status' },
    { name: 'done_on' },
    { name: 'report_id', ref: 'reports' },
  ]),
  evaluationKind('evaluation_findings', [
    plan,
    { name: 'question_id', ref: 'evaluation_questions' },
    { name: 'statement' },
    { name: 'evidence_type' },
    { name: 'strength' },
    { name: 'found_on' },
    { name: 'source' },
    { name: 'attachment_id', ref: 'evaluation_attachments' },
  ]),
  evaluationKind('evaluation_risks', [plan, { name: 'description' }, { name: 'likelihood' }, { name: 'impact' }, { name: 'mitigation' }, { name: 'status' }, { name: 'noted_on' }]),
  evaluationKind('evaluation_notes', [plan, { name: 'written_at' }, { name: 'written_by' }, { name: 'body' }]),
];

/** Every kind, parents before the rows that refer to them: the order records are merged in. */
export const recordKinds: readonly RecordKind[] = [organisations, grantCalls, applications, reports, ...evaluationKinds];
export const kindByTable = new Map(recordKinds.map((kind) => [kind.table, kind]));
const kindTables = recordKinds.map((kind) => kind.table);

/**
 * Which rows of a kind a scope takes, as a condition on `t`. One grant's evaluation carries the
 * grant's register rows with it (its application, organisation, call and reports), so the other
 * store can place it even if it has never seen the grant.
 */
function scopeCondition(kind: RecordKind, scope: ExchangeScope, caseNumber: string | undefined) {
  if (scope === 'all') return sql`1`;
  const evaluation = kind.edited === 'updated_at';
  if (scope === 'register') return evaluation ? sql`0` : sql`1`;
  const grant = sql`(SELECT id FROM applications WHERE case_number = ${caseNumber ?? null})`;
  switch (kind.table) {
    case 'organisations':
      return sql`t.id IN (SELECT organisation_id FROM applications WHERE id = ${grant}
                          UNION SELECT evaluator_organisation_id FROM evaluation_plans WHERE application_id = ${grant})`;
    case 'grant_calls':
      return sql`t.id = (SELECT call_id FROM applications WHERE id = ${grant})`;
    case 'applications':
      return sql`t.id = ${grant}`;
    case 'reports':
    case 'evaluation_plans':
      return sql`t.application_id = ${grant}`;
    case 'outcome_indicators':
      return sql`t.outcome_id IN (SELECT o.id FROM evaluation_outcomes o JOIN evaluation_plans p ON p.id = o.plan_id WHERE p.application_id = ${grant})`;
    case 'outcome_targets':
    case 'comparison_places':
      return sql`t.outcome_indicator_id IN (SELECT i.id FROM outcome_indicators i JOIN evaluation_outcomes o ON o.id = i.outcome_id
                   JOIN evaluation_plans p ON p.id = o.plan_id WHERE p.application_id = ${grant})`;
    default:
      return sql`t.plan_id IN (SELECT id FROM evaluation_plans WHERE application_id = ${grant})`;
  }
}

const aliases = ['t', 'outer_t'] as const;
const alias = (name: (typeof aliases)[number]) => sqlIdentifier(name, aliases);

/** A column's value as the package carries it: a reference as its row's key. */
function columnSql(kind: RecordKind, column: Column): SqlFragment {
  const name = sqlIdentifier(column.name, kind.columns.map((c) => c.name));
  if (!column.ref) return sql`${alias('outer_t')}.${name}`;
  const parent = kindByTable.get(column.ref)!;
  return sql`(SELECT ${parent.keySql(alias('t'))} FROM ${sqlIdentifier(parent.table, kindTables)} ${alias('t')} WHERE ${alias('t')}.id = ${alias('outer_t')}.${name})`;
}

interface RowRead {
  row_id: number;
  key: string;
  updated_at?: string;
  [field: string]: unknown;
}

function toCell(value: unknown, column: Column): Cell {
  if (value === null || value === undefined) return null;
  if (column.blob) return (value as Buffer).toString('base64');
  return value as Cell;
}

/** Each field's last edit in the audit log. */
function auditTimes(db: Database, table: string, rowId: number): Map<string, string> {
  const rows = statement(
    db,
    `SELECT l.field, max(e.made_at) AS at FROM audit_log l JOIN edits e ON e.id = l.edit_id
     WHERE l.table_name = ? AND l.row_id = ? AND l.field IS NOT NULL GROUP BY l.field`,
  ).all(table, rowId) as { field: string; at: string }[];
  return new Map(rows.map((row) => [row.field, row.at]));
}

/** The rows of a kind that `where` (over `t`) picks, as records, with their local ids. */
function selectRecords(db: Database, kind: RecordKind, where: SqlFragment): { rowId: number; record: ExchangeRecord }[] {
  const table = sqlIdentifier(kind.table, kindTables);
  const names = kind.columns.map((c) => c.name);
  const stamp = kind.edited === 'updated_at' ? sql`, ${alias('outer_t')}.updated_at` : sql``;
  const columns = sqlJoin(kind.columns.map((column) => sql`${columnSql(kind, column)} AS ${sqlIdentifier(column.name, names)}`));
  const query = sql`SELECT ${alias('outer_t')}.id AS row_id, ${kind.keySql(alias('outer_t'))} AS key${stamp}, ${columns}
                    FROM ${table} ${alias('outer_t')}
                    WHERE ${alias('outer_t')}.id IN (SELECT ${alias('t')}.id FROM ${table} ${alias('t')} WHERE ${where})
                    ORDER BY ${alias('outer_t')}.id`;
  return (db.prepare(query.text).all(...query.params) as RowRead[]).map((row) => {
    const fields: Record<string, Cell> = {};
    const editedAt: Record<string, string | null> = {};
    const times = kind.edited === 'audit' ? auditTimes(db, kind.table, row.row_id) : null;
    for (const column of kind.columns) {
      fields[column.name] = toCell(row[column.name], column);
      editedAt[column.name] = times ? (times.get(column.name) ?? null) : (row.updated_at ?? null);
    }
    return { rowId: row.row_id, record: { key: row.key, table: kind.table, fields, editedAt } };
  });
}

/** The records of one kind in a scope. */
export function readRecords(db: Database, kind: RecordKind, scope: ExchangeScope, caseNumber?: string): { rowId: number; record: ExchangeRecord }[] {
  return selectRecords(db, kind, scopeCondition(kind, scope, caseNumber));
}

/** This store's copy of a record, by its key. */
export function readLocal(db: Database, kind: RecordKind, key: string): { rowId: number; record: ExchangeRecord } | undefined {
  const rowId = kind.find(db, key);
  return rowId === undefined ? undefined : selectRecords(db, kind, sql`${alias('t')}.id = ${rowId}`)[0];
}
