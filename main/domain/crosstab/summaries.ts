import type { Database } from 'better-sqlite3';
import { sql } from '../../store/sql';
import type { Plan } from './plan';
import { needsTargetAreas, recordSource, type RegisterSource } from './register-query';
import { registerColumns, registerSums, type RegisterSum } from './registry';
import type { RegisterSourceFor } from './run';

// The register's sums kept by the store at the grain of its dimensions (0008-crosstab-summaries.sql):
// its triggers keep them equal to a GROUP BY of the applications after every write. Here: reading
// them as register rows, rebuilding them from the records, and comparing the two.

/** The summaries as register rows: one group of applications each, '' back to no municipality. */
export const summarySource: RegisterSource = {
  records: false,
  rows: sql`(SELECT call_id, nullif(municipality_code, '') AS municipality_code, applicant_type, stage, status, includes_evaluation,
      n, granted_n, requested, granted, paid, repaid FROM crosstab_summaries) r`,
};

/**
 * Summaries wherever they can answer: every register dimension but area type, which needs each
 * application's target areas.
 */
export const fromSummaries: RegisterSourceFor = (plan: Plan, sums: readonly RegisterSum[]) => {
  const used = [...plan.axes, ...plan.filters.register.map((filter) => filter.dimension)];
  return needsTargetAreas(used) ? recordSource(sums) : summarySource;
};

const KEY = `${registerColumns.join(', ')}`;
const COLUMNS = `${KEY}, ${registerSums.join(', ')}`;

/** The summaries as a plain GROUP BY of the records makes them now. */
const FRESH = `SELECT a.call_id, coalesce(a.municipality_code, '') AS municipality_code, o.type AS applicant_type, a.stage, a.status, a.includes_evaluation,
       count(*) AS n, sum(a.status IN ('granted', 'partly_granted')) AS granted_n, sum(a.requested_ore) AS requested, sum(a.granted_ore) AS granted,
       coalesce(sum(m.paid), 0) AS paid, coalesce(sum(m.repaid), 0) AS repaid
  FROM applications a
  JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN (SELECT d.application_id,
                    sum(CASE p.kind WHEN 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                    sum(CASE p.kind WHEN 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
               FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id) m ON m.application_id = a.id
 GROUP BY 1, 2, 3, 4, 5, 6`;

/** Makes the summaries again from the records, in the caller's transaction or one of its own. */
export function rebuildSummaries(db: Database): void {
  db.transaction(() => {
    db.exec('DELETE FROM crosstab_summaries');
    db.exec(`INSERT INTO crosstab_summaries (${COLUMNS}) ${FRESH}`);
  })();
}

export type SummaryRow = Record<(typeof registerColumns)[number] | RegisterSum, string | number>;

export interface SummaryCheck {
  /** Groups whose kept sums differ from a fresh GROUP BY, or that only one side has. */
  differing: number;
  /** The first of them, as kept (`kept`) and as the records make them (`fresh`). */
  examples: { kept: SummaryRow | null; fresh: SummaryRow | null }[];
}

const EXAMPLES = 20;

/** Compares the kept summaries with a fresh GROUP BY of the records, for the store's check. */
export function checkSummaries(db: Database): SummaryCheck {
  const onlyIn = (from: string, minus: string) => db.prepare(`SELECT ${COLUMNS} FROM (${from}) EXCEPT SELECT ${COLUMNS} FROM (${minus})`).all() as SummaryRow[];
  const kept = onlyIn('SELECT * FROM crosstab_summaries', FRESH);
  const fresh = onlyIn(FRESH, 'SELECT * FROM crosstab_summaries');
  const keyOf = (row: SummaryRow) => JSON.stringify(registerColumns.map((column) => row[column]));
  const freshByKey = new Map(fresh.map((row) => [keyOf(row), row]));
  const keys = new Set([...kept.map(keyOf), ...fresh.map(keyOf)]);
  const keptByKey = new Map(kept.map((row) => [keyOf(row), row]));
  return {
    differing: keys.size,
    examples: [...keys].slice(0, EXAMPLES).map((key) => ({ kept: keptByKey.get(key) ?? null, fresh: freshByKey.get(key) ?? null })),
  };
}
