import type { Database } from 'better-sqlite3';
import type { GrantPage } from '../../contract/domains/evaluation-plan';
import { AppError } from '../../contract/errors';
import { localDay } from '../../contract/local-day';
import { daysBetween } from '../../domain/evaluation/grant-status';
import { evaluationStatus } from './status';

// One grant's page in the evaluation section: what its evaluator recorded, each tracked
// indicator's follow-up, the register's reports as the register has them, and the status.

function all<T>(db: Database, text: string, ...params: unknown[]): T[] {
  return db.prepare(text).all(...params) as T[];
}

export function grantPage(db: Database, applicationId: number, today: string = localDay()): GrantPage {
  const grant = db
    .prepare(
      `SELECT a.id AS applicationId, a.case_number AS caseNumber, a.title, o.name AS organisation, g.name AS municipality, a.municipality_code AS municipalityCode,
              a.first_year AS firstYear, a.last_year AS lastYear, a.granted_ore AS grantedOre, a.includes_evaluation AS followResearch
         FROM applications a JOIN organisations o ON o.id = a.organisation_id LEFT JOIN geographies g ON g.code = a.municipality_code
        WHERE a.id = ?`,
    )
    .get(applicationId) as (Omit<GrantPage['grant'], 'followResearch'> & { followResearch: number }) | undefined;
  if (!grant) throw new AppError('INVALID_ARGUMENT', `There is no application ${applicationId} in this store.`, { reason: 'not_found', what: 'application', id: applicationId });
  const judged = evaluationStatus(db, today, applicationId).grants[0]!;

  const planRow = db
    .prepare('SELECT id, kind, evaluator, method, starts_on AS startsOn, ends_on AS endsOn FROM evaluation_plans WHERE application_id = ? ORDER BY starts_on DESC, id DESC LIMIT 1')
    .get(applicationId) as Omit<NonNullable<GrantPage['plan']>, 'questions'> | undefined;
  const planId = planRow?.id ?? -1;
  const plan = planRow ? { ...planRow, questions: all<{ id: number; position: number; question: string }>(db, 'SELECT id, position, question FROM evaluation_questions WHERE plan_id = ? ORDER BY position', planId) } : null;

  // In the order evaluationStatus follows them, so its follow-up lines up row by row.
  const tracked = all<{ id: number; outcomeId: number; level: GrantPage['tracked'][number]['level']; unit: string }>(
    db,
    `SELECT t.id, t.outcome_id AS outcomeId, t.level, i.unit
       FROM outcome_indicators t JOIN evaluation_outcomes o ON o.id = t.outcome_id JOIN evaluation_plans pl ON pl.id = o.plan_id
       JOIN indicators i ON i.code = t.indicator_code
      WHERE pl.application_id = ? ORDER BY o.position, t.id`,
    applicationId,
  );
  const targetsOf = db.prepare('SELECT year, value FROM outcome_targets WHERE outcome_indicator_id = ? ORDER BY year');
  const comparisonsOf = db.prepare(
    `SELECT c.geo_code AS geo, coalesce(p.name, c.geo_code) AS name, c.chosen_by AS chosenBy
       FROM comparison_places c LEFT JOIN places p ON p.code = c.geo_code WHERE c.outcome_indicator_id = ? ORDER BY name`,
  );
  const reports = all<GrantPage['reports'][number]>(db, 'SELECT id, kind, due_on AS dueOn, received_on AS receivedOn FROM reports WHERE application_id = ? ORDER BY due_on, id', applicationId);

  const milestones = all<Omit<GrantPage['milestones'][number], 'overdueDays'>>(
    db,
    'SELECT id, kind, title, due_on AS dueOn, status, done_on AS doneOn, report_id AS reportId FROM evaluation_milestones WHERE plan_id = ? ORDER BY due_on, id',
    planId,
  ).map((milestone) => ({
    ...milestone,
    overdueDays: (milestone.status === 'planned' || milestone.status === 'in_progress') && milestone.dueOn < today ? daysBetween(milestone.dueOn, today) : null,
  }));

  return {
    today,
    grant: { ...grant, followResearch: grant.followResearch === 1 },
    plan,
    outcomes: all(db, 'SELECT id, position, title FROM evaluation_outcomes WHERE plan_id = ? ORDER BY position', planId),
    tracked: tracked.map((row, i) => ({
      id: row.id,
      outcomeId: row.outcomeId,
      level: row.level,
      unit: row.unit,
      targets: targetsOf.all(row.id) as { year: number; value: number }[],
      comparisons: comparisonsOf.all(row.id) as GrantPage['tracked'][number]['comparisons'],
      followUp: judged.indicators[i]!,
    })),
    milestones,
    reports,
    findings: all(
      db,
      `SELECT id, question_id AS questionId, statement, evidence_type AS evidenceType, strength, found_on AS foundOn, source, attachment_id AS attachmentId
         FROM evaluation_findings WHERE plan_id = ? ORDER BY found_on DESC, id`,
      planId,
    ),
    risks: all(
      db,
      `SELECT id, description, likelihood, impact, mitigation, status, noted_on AS notedOn FROM evaluation_risks WHERE plan_id = ?
        ORDER BY status = 'closed', CASE impact WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, id`,
      planId,
    ),
    notes: all(db, 'SELECT id, written_at AS writtenAt, written_by AS writtenBy, body FROM evaluation_notes WHERE plan_id = ? ORDER BY written_at DESC, id', planId),
    attachments: all(db, 'SELECT id, name, mime, size, sha256, added_on AS addedOn FROM evaluation_attachments WHERE plan_id = ? ORDER BY added_on, id', planId),
    status: judged.status,
    reasons: judged.reasons,
  };
}
