import type { Database } from 'better-sqlite3';
import type { EvaluationStatus, GrantStatus } from '../../contract/domains/evaluation';
import { grantStatuses } from '../../contract/domains/evaluation';
import { localDay } from '../../contract/local-day';
import { followUp } from '../../domain/evaluation/follow-up';
import { grantStatus, type GrantStatusInput } from '../../domain/evaluation/grant-status';
import { sql, sqlList, type SqlFragment } from '../../store/sql';
import { GRANTED_STATUSES } from './treatment';

/** A grant over more than one year: the ones an evaluator follows. */
const multiYear = sql`a.status IN ${sqlList(GRANTED_STATUSES)} AND a.last_year > a.first_year`;

function rowsOf<T>(db: Database, query: SqlFragment): T[] {
  return db.prepare(query.text).all(...query.params) as T[];
}

/** Rows by a number key, in their order (Map.groupBy is not in Node 20). */
export function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

interface TrackedRow {
  application_id: number;
  id: number;
  indicator_code: string;
  sex: 'T' | 'K' | 'M';
  geo_code: string;
  baseline_year: number | null;
  baseline_value: number | null;
  higher_is_better: number;
  name_sv: string;
  name_en: string;
  geo_name: string | null;
}

/** Every multi-year grant's status on `today` (or only the grant `only`'s), with its reasons and its tracked indicators' follow-up. */
export function evaluationStatus(db: Database, today: string = localDay(), only?: number): EvaluationStatus {
  // One grant's page judges it whatever its years, as it may have a plan without being multi-year.
  const which = only === undefined ? multiYear : sql`a.id = ${only}`;
  const grants = rowsOf<{ id: number; case_number: string; title: string; first_year: number; last_year: number; includes_evaluation: number }>(
    db,
    sql`SELECT a.id, a.case_number, a.title, a.first_year, a.last_year, a.includes_evaluation FROM applications a WHERE ${which} ORDER BY a.case_number`,
  );
  const reports = groupBy(
    rowsOf<{ application_id: number; kind: string; due_on: string; received_on: string | null }>(
      db,
      sql`SELECT r.application_id, r.kind, r.due_on, r.received_on FROM reports r JOIN applications a ON a.id = r.application_id WHERE ${which} ORDER BY r.due_on`,
    ),
    (row) => row.application_id,
  );
  const planEnds = new Map(
    rowsOf<{ application_id: number; ends_on: string }>(db, sql`SELECT application_id, max(ends_on) AS ends_on FROM evaluation_plans GROUP BY application_id`).map((row) => [row.application_id, row.ends_on]),
  );
  const milestones = groupBy(
    rowsOf<{ application_id: number; title: string; due_on: string; status: GrantStatusInput['milestones'][number]['status'] }>(
      db,
      sql`SELECT p.application_id, m.title, m.due_on, m.status FROM evaluation_milestones m JOIN evaluation_plans p ON p.id = m.plan_id ORDER BY m.due_on`,
    ),
    (row) => row.application_id,
  );
  const risks = groupBy(
    rowsOf<{ application_id: number } & GrantStatusInput['risks'][number]>(
      db,
      sql`SELECT p.application_id, r.description, r.likelihood, r.impact, r.status FROM evaluation_risks r JOIN evaluation_plans p ON p.id = r.plan_id`,
    ),
    (row) => row.application_id,
  );
  const tracked = groupBy(
    rowsOf<TrackedRow>(
      db,
      sql`SELECT p.application_id, t.id, t.indicator_code, t.sex, t.geo_code, t.baseline_year, t.baseline_value, i.higher_is_better,
                 i.name_sv, i.name_en, g.name AS geo_name
            FROM outcome_indicators t
            JOIN evaluation_outcomes o ON o.id = t.outcome_id
            JOIN evaluation_plans p ON p.id = o.plan_id
            JOIN indicators i ON i.code = t.indicator_code
            LEFT JOIN places g ON g.code = t.geo_code
           ORDER BY o.position, t.id`,
    ),
    (row) => row.application_id,
  );
  const targets = groupBy(rowsOf<{ outcome_indicator_id: number; year: number; value: number }>(db, sql`SELECT outcome_indicator_id, year, value FROM outcome_targets`), (row) => row.outcome_indicator_id);
  const comparisons = groupBy(rowsOf<{ outcome_indicator_id: number; geo_code: string }>(db, sql`SELECT outcome_indicator_id, geo_code FROM comparison_places`), (row) => row.outcome_indicator_id);
  const valuesOf = db.prepare('SELECT period, value FROM indicator_values WHERE indicator_code = ? AND geo_code = ? AND sex = ?');
  const series = (indicator: string, geo: string, sex: string) =>
    new Map((valuesOf.all(indicator, geo, sex) as { period: number; value: number }[]).map((point) => [point.period, point.value]));

  const counts = Object.fromEntries(grantStatuses.map((status) => [status, 0])) as Record<GrantStatus, number>;
  const rows = grants.map((grant) => {
    const indicators = (tracked.get(grant.id) ?? []).map((row) => ({
      indicator: row.indicator_code,
      indicatorName: { sv: row.name_sv, en: row.name_en },
      sex: row.sex,
      geo: row.geo_code,
      geoName: row.geo_name ?? row.geo_code,
      ...followUp({
        higherIsBetter: row.higher_is_better === 1,
        baseline: row.baseline_year === null || row.baseline_value === null ? null : { year: row.baseline_year, value: row.baseline_value },
        values: series(row.indicator_code, row.geo_code, row.sex),
        targets: (targets.get(row.id) ?? []).map(({ year, value }) => ({ year, value })),
        comparison: (comparisons.get(row.id) ?? []).map((place) => series(row.indicator_code, place.geo_code, row.sex)),
      }),
    }));
    const { status, reasons } = grantStatus({
      today,
      endsOn: planEnds.get(grant.id) ?? `${grant.last_year}-12-31`,
      milestones: (milestones.get(grant.id) ?? []).map((m) => ({ title: m.title, dueOn: m.due_on, status: m.status })),
      reports: (reports.get(grant.id) ?? []).map((r) => ({ kind: r.kind, dueOn: r.due_on, receivedOn: r.received_on })),
      indicators,
      risks: risks.get(grant.id) ?? [],
    });
    counts[status] += 1;
    return {
      applicationId: grant.id,
      caseNumber: grant.case_number,
      title: grant.title,
      firstYear: grant.first_year,
      lastYear: grant.last_year,
      followResearch: grant.includes_evaluation === 1,
      status,
      reasons,
      indicators,
    };
  });
  return { today, counts, grants: rows };
}
