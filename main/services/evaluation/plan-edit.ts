import type { Database } from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, type EvaluationRecord, type EvaluationSaveArgs } from '../../contract/domains/evaluation-plan';
import { AppError } from '../../contract/errors';
import { localDay } from '../../contract/local-day';
import { sql, sqlIdentifier, sqlJoin, type SqlValue } from '../../store/sql';
import { beginEdit, osUser, type AuditValue, type Edit } from '../../domain/audit';
import { storedValue, suggestComparisons } from './places';

// Saving and deleting what an evaluator records (migration 0007). Each save is one transaction;
// every row it makes gets a fresh uid and every row it touches a new `updated_at`, which is what
// tells two laptops' copies of a row apart. A change to a row already there is logged in the audit
// log field by field, as the register's edits are (not undone by the register's undo: see audit.ts).

type Save<R extends EvaluationSaveArgs['record']> = Extract<EvaluationSaveArgs, { record: R }>;

const tables = {
  plan: 'evaluation_plans',
  outcome: 'evaluation_outcomes',
  tracked: 'outcome_indicators',
  milestone: 'evaluation_milestones',
  finding: 'evaluation_findings',
  risk: 'evaluation_risks',
  note: 'evaluation_notes',
  attachment: 'evaluation_attachments',
} as const satisfies Record<EvaluationRecord, string>;
/** Every table a save writes: the records', and the rows saved whole with their parent. */
const tableNames = [...Object.values(tables), 'evaluation_questions', 'outcome_targets', 'comparison_places'] as const;
type Table = (typeof tableNames)[number];

/**
 * The audit edit of the save under way on each connection, begun at its first changed field, so a
 * save that changes nothing logs nothing. A save is one synchronous transaction, so there is at
 * most one per connection.
 */
const saving = new WeakMap<Database, { edit: Edit | null }>();

/** Logs each of `columns` that differs from what row `id` of `table` holds now. */
function logChanges(db: Database, table: Table, id: number, columns: Record<string, SqlValue>): void {
  const open = saving.get(db);
  if (!open) return;
  const names = Object.keys(columns);
  const query = sql`SELECT ${sqlJoin(names.map((column) => sqlIdentifier(column, names)))} FROM ${sqlIdentifier(table, tableNames)} WHERE id = ${id}`;
  const before = db.prepare(query.text).get(...query.params) as Record<string, SqlValue> | undefined;
  if (!before) return;
  for (const column of names) {
    const [oldValue, newValue] = [before[column] ?? null, columns[column] ?? null];
    // Bytes (an attachment's) are never changed in place, and a bigint never comes from a form.
    if (oldValue === newValue || Buffer.isBuffer(newValue) || typeof newValue === 'bigint') continue;
    open.edit ??= beginEdit(db, 'update');
    open.edit.record({ table, rowId: id, field: column, oldValue: oldValue as AuditValue, newValue });
  }
}

function missing(what: string, id: number): AppError {
  return new AppError('INVALID_ARGUMENT', `There is no ${what} ${id} in this store.`, { reason: 'not_found', what, id });
}

function exists(db: Database, table: Table, id: number): boolean {
  const query = sql`SELECT 1 FROM ${sqlIdentifier(table, tableNames)} WHERE id = ${id}`;
  return db.prepare(query.text).get(...query.params) !== undefined;
}

/** Inserts a row with a new uid, or updates the row `id`, stamping `updated_at` either way. */
function upsert(db: Database, table: Table, id: number | undefined, columns: Record<string, SqlValue>): number {
  const name = sqlIdentifier(table, tableNames);
  const now = new Date().toISOString();
  const names = Object.keys(columns);
  const identifiers = names.map((column) => sqlIdentifier(column, names));
  if (id === undefined) {
    const query = sql`INSERT INTO ${name} (uid, updated_at, ${sqlJoin(identifiers)}) VALUES (${randomUUID()}, ${now}, ${sqlJoin(names.map((column) => sql`${columns[column]!}`))})`;
    return Number(db.prepare(query.text).run(...query.params).lastInsertRowid);
  }
  logChanges(db, table, id, columns);
  const sets = names.map((column, i) => sql`${identifiers[i]!} = ${columns[column]!}`);
  const query = sql`UPDATE ${name} SET updated_at = ${now}, ${sqlJoin(sets)} WHERE id = ${id}`;
  if (db.prepare(query.text).run(...query.params).changes === 0) throw missing(table, id);
  return id;
}

function requireRow(db: Database, record: EvaluationRecord, id: number): void {
  if (!exists(db, tables[record], id)) throw missing(record, id);
}

function savePlan(db: Database, args: Save<'plan'>): number {
  if (args.endsOn < args.startsOn) {
    throw new AppError('INVALID_ARGUMENT', 'A plan cannot end before it starts.', { issues: [{ path: ['endsOn'], message: 'before the start' }] });
  }
  if (!db.prepare('SELECT 1 FROM applications WHERE id = ?').get(args.applicationId)) throw missing('application', args.applicationId);
  const planId = upsert(db, tables.plan, args.id, {
    application_id: args.applicationId,
    kind: args.kind,
    evaluator: args.evaluator,
    method: args.method,
    starts_on: args.startsOn,
    ends_on: args.endsOn,
  });
  // Questions are kept by position: an unchanged one keeps its row, so findings stay linked to it.
  const kept = db.prepare('SELECT id, position, question FROM evaluation_questions WHERE plan_id = ?').all(planId) as { id: number; position: number; question: string }[];
  const byPosition = new Map(kept.map((row) => [row.position, row]));
  db.prepare('DELETE FROM evaluation_questions WHERE plan_id = ? AND position > ?').run(planId, args.questions.length);
  args.questions.forEach((question, i) => {
    const row = byPosition.get(i + 1);
    if (row?.question === question) return;
    upsert(db, 'evaluation_questions', row?.id, { plan_id: planId, position: i + 1, question });
  });
  return planId;
}

function saveTracked(db: Database, args: Save<'tracked'>): number {
  requireRow(db, 'outcome', args.outcomeId);
  const place = { indicator: args.indicator, sex: args.sex, level: args.level, geo: args.geo };
  const baseline = storedValue(db, place, args.baselineYear);
  const existing = db
    .prepare('SELECT id FROM outcome_indicators WHERE outcome_id = ? AND indicator_code = ? AND sex = ? AND geo_code = ?')
    .pluck()
    .get(args.outcomeId, args.indicator, args.sex, args.geo) as number | undefined;
  return upsert(db, tables.tracked, existing, {
    outcome_id: args.outcomeId,
    indicator_code: args.indicator,
    sex: args.sex,
    level: args.level,
    geo_code: args.geo,
    baseline_year: args.baselineYear,
    baseline_value: baseline,
  });
}

function saveTargets(db: Database, args: Save<'targets'>): number {
  requireRow(db, 'tracked', args.trackedId);
  db.prepare('DELETE FROM outcome_targets WHERE outcome_indicator_id = ?').run(args.trackedId);
  for (const target of new Map(args.targets.map((t) => [t.year, t.value]))) {
    upsert(db, 'outcome_targets', undefined, { outcome_indicator_id: args.trackedId, year: target[0], value: target[1] });
  }
  return args.trackedId;
}

function saveComparisons(db: Database, args: Save<'comparisons'>): number {
  const tracked = db
    .prepare('SELECT indicator_code AS indicator, sex, level, geo_code AS geo, baseline_year AS year FROM outcome_indicators WHERE id = ?')
    .get(args.trackedId) as { indicator: string; sex: 'T' | 'K' | 'M'; level: Save<'tracked'>['level']; geo: string; year: number | null } | undefined;
  if (!tracked) throw missing('tracked', args.trackedId);
  let places: { geo: string; chosenBy: 'evaluator' | 'suggested' }[];
  if (Array.isArray(args.places)) {
    places = [...new Set(args.places)].map((geo) => ({ geo, chosenBy: 'evaluator' }));
  } else {
    if (tracked.year === null) throw new AppError('INVALID_ARGUMENT', 'Comparison places are suggested from a baseline; pick one first.', { reason: 'no_baseline' });
    places = suggestComparisons(db, tracked, tracked.year, args.places.suggest).map((geo) => ({ geo, chosenBy: 'suggested' }));
  }
  db.prepare('DELETE FROM comparison_places WHERE outcome_indicator_id = ?').run(args.trackedId);
  for (const place of places) upsert(db, 'comparison_places', undefined, { outcome_indicator_id: args.trackedId, geo_code: place.geo, chosen_by: place.chosenBy });
  return args.trackedId;
}

function saveMilestone(db: Database, args: Save<'milestone'>): number {
  requireRow(db, 'plan', args.planId);
  const doneOn = args.status === 'done' ? (args.doneOn ?? localDay()) : null;
  if (args.reportId !== null) {
    const linked = db
      .prepare('SELECT 1 FROM reports r JOIN evaluation_plans p ON p.application_id = r.application_id WHERE r.id = ? AND p.id = ?')
      .get(args.reportId, args.planId);
    if (!linked) throw new AppError('INVALID_ARGUMENT', `Report ${args.reportId} is not one of this grant's reports.`, { reason: 'report_of_another_grant' });
  }
  return upsert(db, tables.milestone, args.id, {
    plan_id: args.planId,
    kind: args.kind,
    title: args.title,
    due_on: args.dueOn,
    status: args.status,
    done_on: doneOn,
    report_id: args.reportId,
  });
}

function saveAttachment(db: Database, args: Save<'attachment'>): number {
  requireRow(db, 'plan', args.planId);
  const content = Buffer.from(args.contentBase64, 'base64');
  if (content.length > ATTACHMENT_MAX_BYTES) {
    throw new AppError('ATTACHMENT_TOO_LARGE', `${args.name} is ${content.length} bytes; an attachment may be at most ${ATTACHMENT_MAX_BYTES} bytes (25 MiB).`, {
      name: args.name,
      size: content.length,
      max: ATTACHMENT_MAX_BYTES,
    });
  }
  return upsert(db, tables.attachment, undefined, {
    plan_id: args.planId,
    name: args.name,
    mime: args.mime,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    added_on: localDay(),
    content,
  });
}

/** One record saved in one transaction; a change to a row already there is logged as one edit. */
export function saveEvaluation(db: Database, args: EvaluationSaveArgs): { id: number } {
  return db.transaction(() => {
    saving.set(db, { edit: null });
    try {
      return saveRecord(db, args);
    } finally {
      saving.delete(db);
    }
  })();
}

function saveRecord(db: Database, args: EvaluationSaveArgs): { id: number } {
  switch (args.record) {
    case 'plan':
      return { id: savePlan(db, args) };
    case 'outcome': {
      requireRow(db, 'plan', args.planId);
      const position =
        args.id === undefined ? (db.prepare('SELECT coalesce(max(position), 0) + 1 FROM evaluation_outcomes WHERE plan_id = ?').pluck().get(args.planId) as number) : undefined;
      return { id: upsert(db, tables.outcome, args.id, { plan_id: args.planId, title: args.title, ...(position === undefined ? {} : { position }) }) };
    }
    case 'tracked':
      return { id: saveTracked(db, args) };
    case 'targets':
      return { id: saveTargets(db, args) };
    case 'comparisons':
      return { id: saveComparisons(db, args) };
    case 'milestone':
      return { id: saveMilestone(db, args) };
    case 'finding':
      requireRow(db, 'plan', args.planId);
      return {
        id: upsert(db, tables.finding, args.id, {
          plan_id: args.planId,
          question_id: args.questionId,
          statement: args.statement,
          evidence_type: args.evidenceType,
          strength: args.strength,
          found_on: args.foundOn,
          source: args.source,
          attachment_id: args.attachmentId,
        }),
      };
    case 'risk':
      requireRow(db, 'plan', args.planId);
      return {
        id: upsert(db, tables.risk, args.id, {
          plan_id: args.planId,
          description: args.description,
          likelihood: args.likelihood,
          impact: args.impact,
          mitigation: args.mitigation,
          status: args.status,
          noted_on: args.notedOn,
        }),
      };
    case 'note':
      requireRow(db, 'plan', args.planId);
      // Who wrote a note and when stays as it was when it is changed.
      if (args.id !== undefined) return { id: upsert(db, tables.note, args.id, { plan_id: args.planId, body: args.body }) };
      return { id: upsert(db, tables.note, undefined, { plan_id: args.planId, written_at: new Date().toISOString(), written_by: osUser(), body: args.body }) };
    case 'attachment':
      return { id: saveAttachment(db, args) };
  }
}

export function deleteEvaluation(db: Database, record: EvaluationRecord, id: number): { deleted: boolean } {
  const query = sql`DELETE FROM ${sqlIdentifier(tables[record], tableNames)} WHERE id = ${id}`;
  return { deleted: db.prepare(query.text).run(...query.params).changes > 0 };
}

/** An attachment with its bytes, checked against the hash it was stored with. */
export function readAttachment(db: Database, id: number) {
  const row = db.prepare('SELECT id, name, mime, size, sha256, added_on AS addedOn, content FROM evaluation_attachments WHERE id = ?').get(id) as
    | { id: number; name: string; mime: string; size: number; sha256: string; addedOn: string; content: Buffer }
    | undefined;
  if (!row) throw missing('attachment', id);
  const { content, ...meta } = row;
  if (createHash('sha256').update(content).digest('hex') !== meta.sha256) {
    throw new AppError('STORE_UNREADABLE', `The attachment ${meta.name} no longer matches its SHA-256.`, { id });
  }
  return { ...meta, contentBase64: content.toString('base64') };
}
