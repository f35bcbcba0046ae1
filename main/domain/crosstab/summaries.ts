import type { Database } from 'better-sqlite3';
import type { CrosstabDimension } from '../../contract/domains/crosstab';
import { sql } from '../../store/sql';
import { suspendSchemaObjects } from '../../store/suspend-schema';
import type { Plan } from './plan';
import { needsTargetAreas, recordSource, type RegisterSource } from './register-query';
import { measures, registerColumns, registerSums, type RegisterSum } from './registry';
import type { RegisterSourceFor } from './run';

// The register's sums kept by the store at the grain of its dimensions (0008-crosstab-summaries.sql):
// its triggers keep them equal to a GROUP BY of the applications after every write. Here: reading
// them as register rows, rebuilding them from the records, and comparing the two.

/** One cuboid of the summaries as register rows: one group of applications each, '' back to no municipality. */
function summarySource(cuboid: number): RegisterSource {
  return {
    records: false,
    rows: sql`(SELECT call_id, nullif(municipality_code, '') AS municipality_code, applicant_type, stage, status, includes_evaluation,
        n, granted_n, requested, granted, paid, repaid FROM crosstab_summaries WHERE cuboid = ${cuboid}) r`,
  };
}

/** Which attribute of a cuboid each register dimension needs (the call is in every cuboid). */
const attributeOf: Partial<Record<CrosstabDimension, keyof Cuboid>> = {
  county: 'by_municipality',
  municipality: 'by_municipality',
  designated: 'by_municipality',
  applicant_type: 'by_applicant_type',
  stage: 'by_stage',
  status: 'by_status',
  has_evaluation: 'by_evaluation',
};

interface Cuboid {
  id: number;
  by_municipality: number;
  by_applicant_type: number;
  by_stage: number;
  by_status: number;
  by_evaluation: number;
}

/**
 * The smallest cuboid that has every attribute the query needs, or the applications themselves for
 * area types, which need each one's target areas. Municipality counts most (290 values against at
 * most six of any other attribute): a query that needs none reads the one cuboid without them,
 * which groups by all four other attributes in fewer rows than any cuboid by municipality; among
 * the others, the fewest attributes.
 */
export const fromSummaries: RegisterSourceFor = (db: Database, plan: Plan, sums: readonly RegisterSum[]) => {
  const used = [...plan.axes, ...plan.filters.register.map((filter) => filter.dimension)];
  if (needsTargetAreas(used)) return recordSource(sums);
  const needed = new Set(used.flatMap((dimension) => attributeOf[dimension] ?? []));
  // Per capita looks up each group's municipality's population.
  if (plan.query.measures.some((measure) => measures[measure].family === 'register' && measures[measure].perCapita)) needed.add('by_municipality');
  const cuboids = db.prepare('SELECT * FROM crosstab_cuboids').all() as Cuboid[];
  const size = (cuboid: Cuboid) => cuboid.by_municipality + cuboid.by_applicant_type + cuboid.by_stage + cuboid.by_status + cuboid.by_evaluation;
  const covering = cuboids
    .filter((cuboid) => [...needed].every((attribute) => cuboid[attribute] === 1))
    .sort((a, b) => a.by_municipality - b.by_municipality || size(a) - size(b) || a.id - b.id);
  return summarySource(covering[0]!.id);
};

const KEY = `cuboid, ${registerColumns.join(', ')}`;
const COLUMNS = `${KEY}, ${registerSums.join(', ')}`;

/**
 * The summaries as a plain GROUP BY of the records: the finest groups from the applications and
 * their payments, each cuboid then a roll-up of those (a formulation of its own, not the triggers'
 * view, so a check compares two ways of reaching the same sums).
 */
const FRESH = `WITH money AS (SELECT d.application_id,
                      sum(CASE p.kind WHEN 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                      sum(CASE p.kind WHEN 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
                 FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id),
     finest AS MATERIALIZED (
       SELECT a.call_id, coalesce(a.municipality_code, '') AS municipality_code, o.type AS applicant_type, a.stage, a.status, a.includes_evaluation,
              count(*) AS n, sum(a.status IN ('granted', 'partly_granted')) AS granted_n, sum(a.requested_ore) AS requested,
              sum(a.granted_ore) AS granted, coalesce(sum(m.paid), 0) AS paid, coalesce(sum(m.repaid), 0) AS repaid
         FROM applications a JOIN organisations o ON o.id = a.organisation_id LEFT JOIN money m ON m.application_id = a.id
        GROUP BY 1, 2, 3, 4, 5, 6)
SELECT c.id AS cuboid, f.call_id,
       CASE WHEN c.by_municipality THEN f.municipality_code ELSE '*' END AS municipality_code,
       CASE WHEN c.by_applicant_type THEN f.applicant_type ELSE '*' END AS applicant_type,
       CASE WHEN c.by_stage THEN f.stage ELSE '*' END AS stage,
       CASE WHEN c.by_status THEN f.status ELSE '*' END AS status,
       CASE WHEN c.by_evaluation THEN f.includes_evaluation ELSE -1 END AS includes_evaluation,
       ${registerSums.map((sum) => `sum(f.${sum}) AS ${sum}`).join(', ')}
  FROM finest f CROSS JOIN crosstab_cuboids c
 GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** The triggers of migration 0008 that keep the summaries exact row by row. */
const summaryTriggers = [
  'crosstab_applications_insert',
  'crosstab_applications_delete',
  'crosstab_applications_update_out',
  'crosstab_applications_update_in',
  'crosstab_organisations_type_out',
  'crosstab_organisations_type_in',
  'crosstab_payments_insert',
  'crosstab_payments_delete',
  'crosstab_payments_update',
  'crosstab_decisions_delete',
  'crosstab_decisions_move_out',
  'crosstab_decisions_move_in',
] as const;

/** Makes the summaries again from the records, in the caller's transaction or one of its own. */
export function rebuildSummaries(db: Database): void {
  db.transaction(() => {
    db.exec('DELETE FROM crosstab_summaries');
    db.exec(`INSERT INTO crosstab_summaries (${COLUMNS}) ${FRESH}`);
  })();
}

/**
 * Runs a bulk write, inside the caller's transaction, with the summaries' triggers dropped and the
 * summaries summed once at the end: kept row by row they made a million applications take five
 * times as long to write. A store from before migration 0008 has neither and is written as it is.
 */
export function writeThenSummarise<T>(db: Database, write: () => T): T {
  const kept = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'crosstab_summaries'").get() !== undefined;
  if (!kept) return write();
  const restoreTriggers = suspendSchemaObjects(db, summaryTriggers);
  const result = write();
  restoreTriggers();
  rebuildSummaries(db);
  return result;
}

export type SummaryRow = Record<'cuboid' | (typeof registerColumns)[number] | RegisterSum, string | number>;

export interface SummaryCheck {
  /** Groups whose kept sums differ from a fresh GROUP BY, or that only one side has. */
  differing: number;
  /** The first of them, as kept (`kept`) and as the records make them (`fresh`). */
  examples: { kept: SummaryRow | null; fresh: SummaryRow | null }[];
}

const EXAMPLES = 20;

/** Compares the kept summaries with a fresh GROUP BY of the records, for the store's check. */
export function checkSummaries(db: Database): SummaryCheck {
  const rows = db
    .prepare(
      `WITH fresh AS MATERIALIZED (${FRESH}), kept AS (SELECT ${COLUMNS} FROM crosstab_summaries)
       SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
       UNION ALL SELECT 'fresh', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)`,
    )
    .all() as (SummaryRow & { side: 'kept' | 'fresh' })[];
  const strip = ({ side: _side, ...row }: SummaryRow & { side: string }) => row as SummaryRow;
  const kept = rows.filter((row) => row.side === 'kept').map(strip);
  const fresh = rows.filter((row) => row.side === 'fresh').map(strip);
  const keyOf = (row: SummaryRow) => JSON.stringify([row.cuboid, ...registerColumns.map((column) => row[column])]);
  const freshByKey = new Map(fresh.map((row) => [keyOf(row), row]));
  const keys = new Set([...kept.map(keyOf), ...fresh.map(keyOf)]);
  const keptByKey = new Map(kept.map((row) => [keyOf(row), row]));
  return {
    differing: keys.size,
    examples: [...keys].slice(0, EXAMPLES).map((key) => ({ kept: keptByKey.get(key) ?? null, fresh: freshByKey.get(key) ?? null })),
  };
}
