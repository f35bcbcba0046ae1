import type { Overview } from '../contract/calls';
import type { Store } from '../store/open-store';

const GRANTED = "('granted', 'partly_granted')";

type YearRow = Overview['byYear'][number];

/**
 * What is in the store at a glance. Each sum reads one of 0004's covering indexes rather than the
 * applications table, which is what keeps this page quick at a million applications; the granted
 * amount is the applications' own, which the decisions' triggers keep equal to their sum.
 */
export function overview(store: Store): Overview {
  const { db } = store;
  const byCall = db
    .prepare(
      `SELECT c.year, c.budget_ore AS budgetOre, c.earmarked_ore AS earmarkedOre,
              count(a.call_id) AS applications,
              coalesce(sum(a.status IN ${GRANTED}), 0) AS granted,
              coalesce(sum(a.requested_ore), 0) AS requestedOre,
              coalesce(sum(a.granted_ore), 0) AS grantedOre
         FROM grant_calls c LEFT JOIN applications a ON a.call_id = c.id
        GROUP BY c.id`,
    )
    .all() as YearRow[];

  // A year's budget is the sum of its calls', counted once whatever the number of applications.
  const years = new Map<number, YearRow>();
  for (const call of byCall) {
    const year = years.get(call.year);
    if (!year) {
      years.set(call.year, { ...call });
      continue;
    }
    for (const key of ['applications', 'granted', 'requestedOre', 'grantedOre', 'budgetOre', 'earmarkedOre'] as const) year[key] += call[key];
  }
  const byYear = [...years.values()].sort((a, b) => a.year - b.year);
  const sum = (key: 'applications' | 'granted' | 'requestedOre' | 'grantedOre') => byCall.reduce((total, call) => total + call[key], 0);

  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM organisations) AS organisations,
              (SELECT count(*) FROM geographies g
                WHERE g.level = 'municipality'
                  AND EXISTS (SELECT 1 FROM applications a WHERE a.municipality_code = g.code AND a.status IN ${GRANTED})) AS municipalitiesReached,
              (SELECT count(*) FROM indicator_points) AS indicatorValues`,
    )
    .get() as Pick<Overview['totals'], 'organisations' | 'municipalitiesReached' | 'indicatorValues'>;

  const byApplicantType = db
    .prepare(
      `SELECT o.type, count(*) AS applications, sum(a.status IN ${GRANTED}) AS granted, sum(a.granted_ore) AS grantedOre
         FROM organisations o JOIN applications a ON a.organisation_id = o.id
        GROUP BY o.type
        ORDER BY grantedOre DESC`,
    )
    .all() as Overview['byApplicantType'];

  return {
    totals: {
      applications: sum('applications'),
      granted: sum('granted'),
      calls: byCall.length,
      requestedOre: sum('requestedOre'),
      grantedOre: sum('grantedOre'),
      ...counts,
    },
    byYear,
    byApplicantType,
  };
}
