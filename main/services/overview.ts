import type { Overview } from '../contract/calls';
import type { Store } from '../store/open-store';

const GRANTED = "('granted', 'partly_granted')";

export function overview(store: Store): Overview {
  const { db } = store;
  const totals = db
    .prepare(
      `WITH granted AS (SELECT sum(granted_ore) AS ore FROM decisions)
       SELECT
         (SELECT count(*) FROM applications) AS applications,
         (SELECT count(*) FROM applications WHERE status IN ${GRANTED}) AS granted,
         (SELECT count(*) FROM organisations) AS organisations,
         (SELECT count(*) FROM grant_calls) AS calls,
         (SELECT count(DISTINCT municipality_code) FROM applications WHERE status IN ${GRANTED}) AS municipalitiesReached,
         (SELECT coalesce(sum(requested_ore), 0) FROM applications) AS requestedOre,
         (SELECT coalesce(ore, 0) FROM granted) AS grantedOre,
         (SELECT count(*) FROM indicator_points) AS indicatorValues`,
    )
    .get() as Overview['totals'];

  // Budgets are summed apart from applications so that a year's budget is not multiplied by its rows.
  const byYear = db
    .prepare(
      `WITH granted AS (SELECT application_id, sum(granted_ore) AS ore FROM decisions GROUP BY application_id),
       apps AS (
         SELECT c.year,
                count(*) AS applications,
                sum(a.status IN ${GRANTED}) AS granted,
                sum(a.requested_ore) AS requestedOre,
                sum(coalesce(g.ore, 0)) AS grantedOre
         FROM applications a
         JOIN grant_calls c ON c.id = a.call_id
         LEFT JOIN granted g ON g.application_id = a.id
         GROUP BY c.year),
       budgets AS (
         SELECT year, sum(budget_ore) AS budgetOre, sum(earmarked_ore) AS earmarkedOre FROM grant_calls GROUP BY year)
       SELECT b.year,
              coalesce(apps.applications, 0) AS applications,
              coalesce(apps.granted, 0) AS granted,
              coalesce(apps.requestedOre, 0) AS requestedOre,
              coalesce(apps.grantedOre, 0) AS grantedOre,
              b.budgetOre, b.earmarkedOre
       FROM budgets b LEFT JOIN apps ON apps.year = b.year
       ORDER BY b.year`,
    )
    .all() as Overview['byYear'];

  const byApplicantType = db
    .prepare(
      `WITH granted AS (SELECT application_id, sum(granted_ore) AS ore FROM decisions GROUP BY application_id)
       SELECT o.type,
              count(*) AS applications,
              sum(a.status IN ${GRANTED}) AS granted,
              sum(coalesce(g.ore, 0)) AS grantedOre
       FROM applications a
       JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN granted g ON g.application_id = a.id
       GROUP BY o.type
       ORDER BY grantedOre DESC`,
    )
    .all() as Overview['byApplicantType'];

  return { totals, byYear, byApplicantType };
}
