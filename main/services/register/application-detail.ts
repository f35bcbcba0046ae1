import type { Database } from 'better-sqlite3';
import type { ApplicationDetail } from '../../contract/calls';
import { AppError } from '../../contract/errors';
import { localDay } from '../../contract/local-day';
import { rowSubject } from '../../domain/audit';

type Row = Record<string, unknown>;

function all<T>(db: Database, sql: string, id: number): T[] {
  return db.prepare(sql).all(id) as T[];
}

/** Dates are ISO days, so they compare as text; a report due today is not yet late. */
function timelinessOf(dueOn: string, receivedOn: string | null): ApplicationDetail['reports'][number]['timeliness'] {
  if (receivedOn !== null) return receivedOn > dueOn ? 'late' : 'on_time';
  return dueOn < localDay() ? 'overdue' : 'pending';
}

/**
 * One application with everything the detail pane shows: partners, money by year, decisions,
 * payments, reports, and the change history of the application and of the rows that follow it.
 */
export function applicationDetail(db: Database, id: number): ApplicationDetail {
  const a = db
    .prepare(
      `SELECT a.*, m.name AS municipality_name, gc.year AS call_year, gc.programme, gc.title AS call_title,
              o.name AS org_name, o.org_number, o.type AS org_type
       FROM applications a
       JOIN grant_calls gc ON gc.id = a.call_id
       JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN geographies m ON m.code = a.municipality_code
       WHERE a.id = ?`,
    )
    .get(id) as Row | undefined;
  if (!a) throw new AppError('INVALID_ARGUMENT', `There is no application with id ${id}.`);
  const decisions = all<{ id: number; decidedOn: string; grantedOre: number; conditions: string | null }>(
    db,
    'SELECT id, decided_on AS decidedOn, granted_ore AS grantedOre, conditions FROM decisions WHERE application_id = ? ORDER BY decided_on, id',
    id,
  );
  const subjects = new Map<string, ReturnType<typeof rowSubject>>();
  const subjectOf = (table: string, rowId: number) => {
    const key = `${table}:${rowId}`;
    if (!subjects.has(key)) subjects.set(key, rowSubject(db, table, rowId));
    return subjects.get(key) ?? null;
  };
  const decisionYears = db.prepare('SELECT year, granted_ore AS grantedOre FROM decision_years WHERE decision_id = ? ORDER BY year');
  return {
    id,
    caseNumber: a.case_number as string,
    title: a.title as string,
    summary: a.summary as string,
    stage: a.stage as ApplicationDetail['stage'],
    status: a.status as ApplicationDetail['status'],
    municipalityCode: a.municipality_code as string | null,
    municipality: a.municipality_name as string | null,
    targetAreas: a.target_areas as string,
    firstYear: a.first_year as number,
    lastYear: a.last_year as number,
    requestedOre: a.requested_ore as number,
    grantedOre: a.granted_ore as number,
    includesEvaluation: a.includes_evaluation === 1,
    evaluationOre: a.evaluation_ore as number | null,
    receivedOn: a.received_on as string,
    call: { id: a.call_id as number, year: a.call_year as number, programme: a.programme as string, title: a.call_title as string },
    organisation: {
      id: a.organisation_id as number,
      name: a.org_name as string,
      orgNumber: a.org_number as string | null,
      type: a.org_type as ApplicationDetail['organisation']['type'],
    },
    partners: all(
      db,
      `SELECT p.organisation_id AS organisationId, o.name, p.role FROM application_partners p
       JOIN organisations o ON o.id = p.organisation_id WHERE p.application_id = ? ORDER BY p.role, o.name`,
      id,
    ),
    requestedByYear: all(db, 'SELECT year, requested_ore AS requestedOre FROM application_years WHERE application_id = ? ORDER BY year', id),
    statusHistory: all(
      db,
      'SELECT status, changed_on AS changedOn FROM status_transitions WHERE application_id = ? ORDER BY changed_on, id',
      id,
    ),
    decisions: decisions.map((decision) => ({
      ...decision,
      byYear: decisionYears.all(decision.id) as { year: number; grantedOre: number }[],
    })),
    payments: all(
      db,
      `SELECT p.id, p.kind, p.paid_on AS paidOn, p.amount_ore AS amountOre FROM payments p
       JOIN decisions d ON d.id = p.decision_id WHERE d.application_id = ? ORDER BY p.paid_on, p.id`,
      id,
    ),
    reports: all<Omit<ApplicationDetail['reports'][number], 'timeliness'>>(
      db,
      'SELECT id, kind, due_on AS dueOn, received_on AS receivedOn FROM reports WHERE application_id = ? ORDER BY due_on, id',
      id,
    ).map((report) => ({ ...report, timeliness: timelinessOf(report.dueOn, report.receivedOn) })),
    history: (
      db
        .prepare(
          `SELECT e.id AS editId, e.made_at AS madeAt, e.made_by AS madeBy, e.action, e.undone_by IS NOT NULL AS undone,
                  l.table_name AS "table", l.row_id AS rowId, l.field, l.old_value AS oldValue, l.new_value AS newValue
           FROM (SELECT 'applications' AS t, @id AS r
                 UNION ALL SELECT 'reports', id FROM reports WHERE application_id = @id
                 UNION ALL SELECT 'decisions', id FROM decisions WHERE application_id = @id
                 UNION ALL SELECT 'decision_years', id FROM decisions WHERE application_id = @id
                 UNION ALL SELECT 'payments', p.id FROM payments p JOIN decisions d ON d.id = p.decision_id WHERE d.application_id = @id) mine
           JOIN audit_log l ON l.table_name = mine.t AND l.row_id = mine.r
           JOIN edits e ON e.id = l.edit_id
           LEFT JOIN edits undone ON undone.id = e.undoes_edit
           -- An undone insert nets to nothing and its row is gone; its id may be reused by a new row,
           -- which must not inherit the old row's log.
           WHERE NOT (e.action = 'insert' AND e.undone_by IS NOT NULL) AND undone.action IS NOT 'insert'
           ORDER BY l.id DESC LIMIT 200`,
        )
        .all({ id }) as (Omit<ApplicationDetail['history'][number], 'undone' | 'subject'> & { undone: number; rowId: number })[]
    ).map(({ rowId, ...entry }) => ({ ...entry, undone: entry.undone === 1, subject: subjectOf(entry.table, rowId) })),
  };
}
