import type { Database } from 'better-sqlite3';
import type { ExchangeScope } from '../../contract/domains/exchange';
import { evaluationTables } from '../../contract/tables';
import { replaceGrantedByYear } from '../../domain/money-by-year';
import { sql, sqlIdentifier, sqlJoin, sqlList, type SqlFragment, type SqlValue } from '../../store/sql';
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
  /** The scopes that carry it: `register` and `all`, `all` and one grant's `evaluation`, or `indicators` and `all`. */
  group: 'register' | 'evaluation' | 'indicators';
  /**
   * `audit`: each field's time from the audit log; `updated_at`: the row's own stamp, for every
   * field; `none`: the store keeps no edit time (indicator definitions, imports).
   */
  edited: 'audit' | 'updated_at' | 'none';
  /** SQL giving a row's key, over the table under the alias given. */
  keySql(t: SqlFragment): SqlFragment;
  /** A row id by key. */
  find(db: Database, key: string): number | undefined;
  /** The columns an insert must set besides the fields: the evaluation rows' uid and stamp. */
  insertExtras?(key: string, editedAt: string): Record<string, SqlValue>;
  /** Keeps what the schema derives from a row in step after the merge wrote it. */
  afterWrite?(db: Database, rowId: number): void;
}

const prefixed = (table: string, key: string) => (key.startsWith(`${table}:`) ? key.slice(table.length + 1) : undefined);

const organisations: RecordKind = {
  table: 'organisations',
  group: 'register',
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
  group: 'register',
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
  group: 'register',
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
  group: 'register',
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

const caseOf = (t: SqlFragment) => sql`(SELECT case_number FROM applications WHERE id = ${t}.application_id)`;

/** A decision as the decision import matches one: its grant's case number and the day it was made. */
const decisions: RecordKind = {
  table: 'decisions',
  group: 'register',
  columns: [{ name: 'application_id', ref: 'applications' }, { name: 'decided_on' }, { name: 'granted_ore' }, { name: 'conditions' }],
  edited: 'audit',
  keySql: (t) => sql`'decisions:' || ${caseOf(t)} || ':' || ${t}.decided_on`,
  find(db, key) {
    const match = /^(.*):([^:]*)$/s.exec(prefixed('decisions', key) ?? '');
    if (!match) return undefined;
    return statement(db, 'SELECT d.id FROM decisions d JOIN applications a ON a.id = d.application_id WHERE a.case_number = ? AND d.decided_on = ? ORDER BY d.id LIMIT 1')
      .pluck()
      .get(match[1], match[2]) as number | undefined;
  },
  // The granted money by year is the decision's total spread over the grant's years, as the import keeps it.
  afterWrite(db, rowId) {
    const row = statement(db, 'SELECT d.granted_ore, a.first_year, a.last_year FROM decisions d JOIN applications a ON a.id = d.application_id WHERE d.id = ?').get(rowId) as
      | { granted_ore: number; first_year: number; last_year: number }
      | undefined;
    if (row) replaceGrantedByYear(db, rowId, row.granted_ore, row.first_year, row.last_year);
  },
};

/**
 * A payment by its grant's case number, kind, day and amount: all it says, so a payment is never
 * edited, only added or removed; the decision it belongs to is a field.
 */
const payments: RecordKind = {
  table: 'payments',
  group: 'register',
  columns: [{ name: 'decision_id', ref: 'decisions' }, { name: 'kind' }, { name: 'paid_on' }, { name: 'amount_ore' }],
  edited: 'audit',
  keySql: (t) =>
    sql`'payments:' || (SELECT a.case_number FROM decisions d JOIN applications a ON a.id = d.application_id WHERE d.id = ${t}.decision_id)
        || ':' || ${t}.kind || ':' || ${t}.paid_on || ':' || ${t}.amount_ore`,
  find(db, key) {
    const match = /^(.*):(payment|repayment):([^:]*):(\d+)$/s.exec(prefixed('payments', key) ?? '');
    if (!match) return undefined;
    return statement(
      db,
      `SELECT p.id FROM payments p JOIN decisions d ON d.id = p.decision_id JOIN applications a ON a.id = d.application_id
       WHERE a.case_number = ? AND p.kind = ? AND p.paid_on = ? AND p.amount_ore = ? ORDER BY p.id LIMIT 1`,
    )
      .pluck()
      .get(match[1], match[2], match[3], Number(match[4])) as number | undefined;
  },
};

/** The status history: a transition is all key, so the two stores' histories are united, never in conflict. */
const statusTransitions: RecordKind = {
  table: 'status_transitions',
  group: 'register',
  columns: [{ name: 'application_id', ref: 'applications' }, { name: 'status' }, { name: 'changed_on' }],
  edited: 'audit',
  keySql: (t) => sql`'status_transitions:' || ${caseOf(t)} || ':' || ${t}.status || ':' || ${t}.changed_on`,
  find(db, key) {
    const match = /^(.*):(received|in_review|granted|partly_granted|rejected|withdrawn):([^:]*)$/s.exec(prefixed('status_transitions', key) ?? '');
    if (!match) return undefined;
    return statement(
      db,
      'SELECT t.id FROM status_transitions t JOIN applications a ON a.id = t.application_id WHERE a.case_number = ? AND t.status = ? AND t.changed_on = ? ORDER BY t.id LIMIT 1',
    )
      .pluck()
      .get(match[1], match[2], match[3]) as number | undefined;
  },
};

/** An indicator's definition, by its code. The store keeps no time for an edit of one. */
const indicators: RecordKind = {
  table: 'indicators',
  group: 'indicators',
  columns: [
    { name: 'code' },
    { name: 'name_sv' },
    { name: 'name_en' },
    { name: 'unit' },
    { name: 'source' },
    { name: 'higher_is_better' },
    { name: 'sexes' },
    { name: 'levels' },
    { name: 'name_missing' },
  ],
  edited: 'none',
  keySql: (t) => sql`'indicators:' || ${t}.code`,
  find: (db, key) => statement(db, 'SELECT rowid FROM indicators WHERE code = ?').pluck().get(prefixed('indicators', key) ?? null) as number | undefined,
};

/**
 * An indicator import, by when it ran, its format and its file: the provenance of the values it
 * brought, and their edit time, carried so both stores say the same of each value.
 */
const indicatorImports: RecordKind = {
  table: 'indicator_imports',
  group: 'indicators',
  columns: [
    { name: 'file_name' },
    { name: 'format' },
    { name: 'imported_at' },
    { name: 'rows' },
    { name: 'inserted' },
    { name: 'updated' },
    { name: 'unchanged' },
    { name: 'rejected' },
  ],
  edited: 'none',
  keySql: (t) => sql`'indicator_imports:' || ${t}.imported_at || '|' || ${t}.format || '|' || ${t}.file_name`,
  find(db, key) {
    const match = /^([^|]*)\|(csv|xlsx|kolada|jsonstat)\|(.*)$/s.exec(prefixed('indicator_imports', key) ?? '');
    if (!match) return undefined;
    return statement(db, 'SELECT id FROM indicator_imports WHERE imported_at = ? AND format = ? AND file_name = ? ORDER BY id LIMIT 1')
      .pluck()
      .get(match[1], match[2], match[3]) as number | undefined;
  },
};

/** An evaluation table: keyed by its uid, each field as new as the row's `updated_at`. */
function evaluationKind(table: (typeof evaluationTables)[number], columns: Column[]): RecordKind {
  return {
    table,
    columns,
    group: 'evaluation',
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
export const recordKinds: readonly RecordKind[] = [
  indicators,
  indicatorImports,
  organisations,
  grantCalls,
  applications,
  decisions,
  payments,
  statusTransitions,
  reports,
  ...evaluationKinds,
];
export const kindByTable = new Map(recordKinds.map((kind) => [kind.table, kind]));
const kindTables = recordKinds.map((kind) => kind.table);

/** What a package is to hold: its scope, the grant of an evaluation, the indicators chosen (none: all). */
export interface Selection {
  scope: ExchangeScope;
  caseNumber?: string | undefined;
  indicators?: readonly string[] | undefined;
}

/** The chosen indicators' codes, or none when every indicator goes. */
export function chosenIndicators(selection: Selection): readonly string[] | null {
  return selection.scope === 'indicators' && selection.indicators && selection.indicators.length > 0 ? selection.indicators : null;
}

function indicatorCondition(kind: RecordKind, selection: Selection) {
  const codes = chosenIndicators(selection);
  if (selection.scope === 'evaluation' && kind.table === 'indicators') {
    // The indicators the grant's evaluation tracks, so a store that lacks one can still place it.
    return sql`t.code IN (SELECT i.indicator_code FROM outcome_indicators i JOIN evaluation_outcomes o ON o.id = i.outcome_id
                 JOIN evaluation_plans p ON p.id = o.plan_id WHERE p.application_id = (SELECT id FROM applications WHERE case_number = ${selection.caseNumber ?? null}))`;
  }
  if (selection.scope !== 'indicators' && selection.scope !== 'all') return sql`0`;
  if (!codes) return sql`1`;
  if (kind.table === 'indicators') return sql`t.code IN ${sqlList(codes)}`;
  return sql`t.id IN (SELECT p.import_id FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id WHERE s.indicator_code IN ${sqlList(codes)})`;
}

/**
 * Which rows of a kind a scope takes, as a condition on `t`. One grant's evaluation carries the
 * grant's register rows with it (its application, organisation, call, decisions, payments, status
 * history and reports), so the other store can place it even if it has never seen the grant.
 */
function scopeCondition(kind: RecordKind, selection: Selection) {
  const { scope, caseNumber } = selection;
  if (kind.group === 'indicators') return indicatorCondition(kind, selection);
  if (scope === 'indicators') return sql`0`;
  if (scope === 'all') return sql`1`;
  if (scope === 'register') return kind.group === 'evaluation' ? sql`0` : sql`1`;
  const grant = sql`(SELECT id FROM applications WHERE case_number = ${caseNumber ?? null})`;
  switch (kind.table) {
    case 'organisations':
      return sql`t.id IN (SELECT organisation_id FROM applications WHERE id = ${grant}
                          UNION SELECT evaluator_organisation_id FROM evaluation_plans WHERE application_id = ${grant})`;
    case 'grant_calls':
      return sql`t.id = (SELECT call_id FROM applications WHERE id = ${grant})`;
    case 'applications':
      return sql`t.id = ${grant}`;
    case 'payments':
      return sql`t.decision_id IN (SELECT id FROM decisions WHERE application_id = ${grant})`;
    case 'reports':
    case 'decisions':
    case 'status_transitions':
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
  // rowid, not id: an indicator's key is its code, and rowid is id where a table has one.
  const query = sql`SELECT ${alias('outer_t')}.rowid AS row_id, ${kind.keySql(alias('outer_t'))} AS key${stamp}, ${columns}
                    FROM ${table} ${alias('outer_t')}
                    WHERE ${alias('outer_t')}.rowid IN (SELECT ${alias('t')}.rowid FROM ${table} ${alias('t')} WHERE ${where})
                    ORDER BY ${alias('outer_t')}.rowid`;
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
export function readRecords(db: Database, kind: RecordKind, selection: Selection): { rowId: number; record: ExchangeRecord }[] {
  return selectRecords(db, kind, scopeCondition(kind, selection));
}

/** This store's copy of a record, by its key. */
export function readLocal(db: Database, kind: RecordKind, key: string): { rowId: number; record: ExchangeRecord } | undefined {
  const rowId = kind.find(db, key);
  return rowId === undefined ? undefined : selectRecords(db, kind, sql`${alias('t')}.rowid = ${rowId}`)[0];
}
