import type { Database } from 'better-sqlite3';
import type { BudgetRow } from '../../contract/calls';

/**
 * Per call: what is granted against the budget, and how much of it went to the municipalities the
 * call earmarks money for. Grants elsewhere may use only the unearmarked part of the budget.
 */
export function callBudgets(db: Database): BudgetRow[] {
  const rows = db
    .prepare(
      `SELECT gc.id AS callId, gc.year, gc.programme, gc.budget_ore AS budgetOre, gc.earmarked_ore AS earmarkedOre,
              coalesce(sum(a.granted_ore), 0) AS grantedOre,
              coalesce(sum(CASE WHEN dm.geo_code IS NOT NULL THEN a.granted_ore END), 0) AS grantedEarmarkedOre
       FROM grant_calls gc
       LEFT JOIN applications a ON a.call_id = gc.id
       LEFT JOIN designation_members dm ON dm.designation_id = gc.earmark_designation_id AND dm.geo_code = a.municipality_code
       GROUP BY gc.id ORDER BY gc.year, gc.programme`,
    )
    .all() as Omit<BudgetRow, 'overBudget' | 'earmarkAtRisk'>[];
  return rows.map((row) => ({
    ...row,
    overBudget: row.grantedOre > row.budgetOre,
    earmarkAtRisk: row.earmarkedOre > 0 && row.grantedOre - row.grantedEarmarkedOre > row.budgetOre - row.earmarkedOre,
  }));
}
