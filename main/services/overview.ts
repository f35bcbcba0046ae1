import type { Database } from 'better-sqlite3';
import { crosstabQuery, type CrosstabDimension, type CrosstabMeasure, type CrosstabQueryIn, type CrosstabResult, type Overview } from '../contract/calls';
import type { Store } from '../store/open-store';
import { crosstab } from './crosstab/crosstab';

type YearRow = Overview['byYear'][number];
type ApplicantTypeRow = Overview['byApplicantType'][number];

/** One register cross-tab by one dimension: each member's measures, and the grand total's. */
function tabulate<M extends CrosstabMeasure>(db: Database, row: CrosstabDimension, measures: readonly M[], filters: CrosstabQueryIn['filters'] = []) {
  const result: CrosstabResult = crosstab(db, crosstabQuery.parse({ rows: [row], measures, filters }));
  const figures = (values: readonly (number | null)[]) => Object.fromEntries(measures.map((measure, i) => [measure, values[i] ?? 0])) as Record<M, number>;
  return {
    members: result.cells.filter((cell) => !cell.total[0]).map((cell) => ({ key: cell.key[0]!, ...figures(cell.values) })),
    total: figures(result.cells.find((cell) => cell.total[0])?.values ?? []),
  };
}

/**
 * What is in the store at a glance, as cross-tabs of the register: the same engine and summaries
 * as the Korstabell, so its figures are the cross-tab's and a few thousand summary rows are read
 * at any size of register. Budgets are the calls' own, a year's counted once.
 */
export function overview(store: Store): Overview {
  const { db } = store;
  const byYearTab = tabulate(db, 'year', ['applications', 'granted_count', 'requested_sek', 'granted_sek']);
  const sums = new Map(byYearTab.members.map((member) => [member.key, member]));
  // A year with calls but no applications yet is shown with its budget.
  const budgets = db
    .prepare('SELECT year, sum(budget_ore) AS budgetOre, sum(earmarked_ore) AS earmarkedOre FROM grant_calls GROUP BY year ORDER BY year')
    .all() as Pick<YearRow, 'year' | 'budgetOre' | 'earmarkedOre'>[];
  const byYear = budgets.map((budget): YearRow => {
    const year = sums.get(budget.year);
    return {
      ...budget,
      applications: year?.applications ?? 0,
      granted: year?.granted_count ?? 0,
      requestedOre: year?.requested_sek ?? 0,
      grantedOre: year?.granted_sek ?? 0,
    };
  });

  const byApplicantType = tabulate(db, 'applicant_type', ['applications', 'granted_count', 'granted_sek'])
    .members.map((member): ApplicantTypeRow => ({
      type: member.key as ApplicantTypeRow['type'],
      applications: member.applications,
      granted: member.granted_count,
      grantedOre: member.granted_sek,
    }))
    .sort((a, b) => b.grantedOre - a.grantedOre);

  // Reached: a municipality of the store's geography with at least one granted application.
  const reached = tabulate(db, 'municipality', ['granted_count'], [{ dimension: 'status', values: ['granted', 'partly_granted'] }]);
  const municipalities = new Set(db.prepare("SELECT code FROM geographies WHERE level = 'municipality'").pluck().all());
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM organisations) AS organisations,
              (SELECT count(*) FROM grant_calls) AS calls,
              (SELECT count(*) FROM indicator_points) AS indicatorValues`,
    )
    .get() as Pick<Overview['totals'], 'organisations' | 'calls' | 'indicatorValues'>;

  return {
    totals: {
      applications: byYearTab.total.applications,
      granted: byYearTab.total.granted_count,
      requestedOre: byYearTab.total.requested_sek,
      grantedOre: byYearTab.total.granted_sek,
      municipalitiesReached: reached.members.filter((member) => municipalities.has(member.key)).length,
      ...counts,
    },
    byYear,
    byApplicantType,
  };
}
