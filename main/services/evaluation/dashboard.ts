import type { Database } from 'better-sqlite3';
import type { EvaluationDashboard } from '../../contract/domains/evaluation-plan';
import { localDay } from '../../contract/local-day';
import { daysBetween, dueWithin } from '../../domain/evaluation/grant-status';
import { evaluationStatus, groupBy } from './status';

// The portfolio of multi-year grants on one page: how many are in each status, what falls due in
// the next 30 and 90 days (counted in days, so across the year end alike), the reports overdue,
// the indicators moving against their targets, and the timeline of spans, milestones and reports.

const AHEAD_DAYS = 90;

interface Mark {
  application_id: number;
  source: 'milestone' | 'report';
  what: string;
  due_on: string;
  done: number;
}

export function evaluationDashboard(db: Database, today: string = localDay()): EvaluationDashboard {
  const status = evaluationStatus(db, today);
  const followed = new Map(status.grants.map((grant) => [grant.applicationId, grant]));
  const ref = (applicationId: number) => {
    const grant = followed.get(applicationId)!;
    return { applicationId, caseNumber: grant.caseNumber, title: grant.title };
  };
  // A report's "what" is its kind, worded by the UI; a milestone's is its title.
  const marks = (
    db
      .prepare(
        `SELECT p.application_id, 'milestone' AS source, m.title AS what, m.due_on, m.status IN ('done', 'cancelled') AS done
           FROM evaluation_milestones m JOIN evaluation_plans p ON p.id = m.plan_id
         UNION ALL
         SELECT application_id, 'report', kind, due_on, received_on IS NOT NULL FROM reports
         ORDER BY 4, 1`,
      )
      .all() as Mark[]
  ).filter((mark) => followed.has(mark.application_id));

  const deadline = (mark: Mark) => ({ ...ref(mark.application_id), source: mark.source, what: mark.what, dueOn: mark.due_on, days: daysBetween(today, mark.due_on) });
  const open = marks.filter((mark) => mark.done === 0);
  const spans = new Map(
    (db.prepare('SELECT application_id, min(starts_on) AS startsOn, max(ends_on) AS endsOn FROM evaluation_plans GROUP BY application_id').all() as {
      application_id: number;
      startsOn: string;
      endsOn: string;
    }[]).map((row) => [row.application_id, row]),
  );
  const marksOf = groupBy(marks, (mark) => mark.application_id);

  return {
    today,
    counts: status.counts,
    deadlines: open.filter((mark) => dueWithin(mark.due_on, today, AHEAD_DAYS)).map(deadline),
    overdueReports: open.filter((mark) => mark.source === 'report' && mark.due_on < today).map(deadline),
    againstTarget: status.grants.flatMap((grant) =>
      grant.indicators.filter((tracked) => tracked.direction === 'against').map(({ indicator, indicatorName, sex, geo, geoName }) => ({ ...ref(grant.applicationId), indicator, indicatorName, sex, geo, geoName })),
    ),
    grants: status.grants.map((grant) => ({ ...ref(grant.applicationId), status: grant.status, reasons: grant.reasons })),
    timeline: status.grants.map((grant) => {
      const span = spans.get(grant.applicationId);
      return {
        ...ref(grant.applicationId),
        startsOn: span?.startsOn ?? `${grant.firstYear}-01-01`,
        endsOn: span?.endsOn ?? `${grant.lastYear}-12-31`,
        marks: (marksOf.get(grant.applicationId) ?? []).map((mark) => ({ source: mark.source, what: mark.what, dueOn: mark.due_on, done: mark.done === 1 })),
      };
    }),
  };
}
