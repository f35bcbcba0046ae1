import type { Database } from 'better-sqlite3';
import type { CrosstabDimension } from '../../contract/domains/crosstab';
import { sql, sqlList } from '../../store/sql';
import { suspendSchemaObjects } from '../../store/suspend-schema';
import type { Plan } from './plan';
import { needsTargetAreas, recordSource, type RegisterSource } from './register-query';
import { measures, registerColumns, registerSums, targetAreaJoin, type RegisterSum } from './registry';
import type { RegisterSourceFor } from './run';

// The register's sums kept by the store at the grain of its dimensions (0008-crosstab-summaries.sql):
// its triggers keep them equal to a GROUP BY of the applications after every write. Here: reading
// them as register rows, rebuilding them from the records, and comparing the two.

/**
 * One cuboid of the summaries as register rows: one group of applications each, '' back to no
 * municipality. Of the area-type summaries (0012), each group is of one area type, 0 back to none.
 */
function summarySource(cuboid: number, byAreaType: boolean): RegisterSource {
  const columns = sql`call_id, nullif(municipality_code, '') AS municipality_code, applicant_type, stage, status, includes_evaluation,
        n, granted_n, requested, granted, paid, repaid`;
  return byAreaType
    ? { records: false, areaTypes: 'kept', rows: sql`(SELECT ${columns}, nullif(area_type, 0) AS area_type FROM crosstab_area_summaries WHERE cuboid = ${cuboid}) r` }
    : { records: false, areaTypes: 'none', rows: sql`(SELECT ${columns} FROM crosstab_summaries WHERE cuboid = ${cuboid}) r` };
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
 * The smallest cuboid that has every attribute the query needs. Municipality counts most (290
 * values against at most six of any other attribute): a query that needs none reads the one cuboid
 * without them, which groups by all four other attributes in fewer rows than any cuboid by
 * municipality; among the others, the fewest attributes.
 *
 * With area types, the area-type summaries' cuboid: within one area type its groups add up, so cells
 * by area type and any total within one type are sums of them. Totals over area types are not (an
 * application of two types is in both): over every type they are the register's own, read from the
 * same cuboid of 0008's summaries (`acrossAreas`). Over some types only (a filter of two or more)
 * nothing kept can tell how many applications two types share, and the applications are read.
 */
export const fromSummaries: RegisterSourceFor = (db: Database, plan: Plan, sums: readonly RegisterSum[]) => {
  const used = [...plan.axes, ...plan.filters.register.map((filter) => filter.dimension)];
  const areaFilter = plan.filters.register.find((filter) => filter.dimension === 'area_type');
  if (areaFilter && areaFilter.values.length > 1) return recordSource(sums);
  const needed = new Set(used.flatMap((dimension) => attributeOf[dimension] ?? []));
  // Per capita looks up each group's municipality's population.
  if (plan.query.measures.some((measure) => measures[measure].family === 'register' && measures[measure].perCapita)) needed.add('by_municipality');
  const cuboids = db.prepare('SELECT * FROM crosstab_cuboids').all() as Cuboid[];
  const size = (cuboid: Cuboid) => cuboid.by_municipality + cuboid.by_applicant_type + cuboid.by_stage + cuboid.by_status + cuboid.by_evaluation;
  const covering = cuboids
    .filter((cuboid) => [...needed].every((attribute) => cuboid[attribute] === 1))
    .sort((a, b) => a.by_municipality - b.by_municipality || size(a) - size(b) || a.id - b.id);
  const { id } = covering[0]!;
  if (!needsTargetAreas(used)) return summarySource(id, false);
  const byArea = summarySource(id, true);
  return areaFilter || !plan.axes.includes('area_type') ? byArea : { ...byArea, acrossAreas: summarySource(id, false) };
};

const MONEY = `money AS (SELECT d.application_id,
                      sum(CASE p.kind WHEN 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                      sum(CASE p.kind WHEN 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
                 FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id)`;
const FINEST_SUMS = `count(*) AS n, sum(a.status IN ('granted', 'partly_granted')) AS granted_n, sum(a.requested_ore) AS requested,
              sum(a.granted_ore) AS granted, coalesce(sum(m.paid), 0) AS paid, coalesce(sum(m.repaid), 0) AS repaid`;
const ROLLED_UP = `CASE WHEN c.by_applicant_type THEN f.applicant_type ELSE '*' END AS applicant_type,
       CASE WHEN c.by_stage THEN f.stage ELSE '*' END AS stage,
       CASE WHEN c.by_status THEN f.status ELSE '*' END AS status,
       CASE WHEN c.by_evaluation THEN f.includes_evaluation ELSE -1 END AS includes_evaluation,
       ${registerSums.map((sum) => `sum(f.${sum}) AS ${sum}`).join(', ')}`;

/**
 * The summaries as a plain GROUP BY of the records: the finest groups from the applications and
 * their payments, each cuboid then a roll-up of those (a formulation of its own, not the triggers'
 * view, so a check compares two ways of reaching the same sums).
 */
const FRESH = `WITH ${MONEY},
     finest AS MATERIALIZED (
       SELECT a.call_id, coalesce(a.municipality_code, '') AS municipality_code, o.type AS applicant_type, a.stage, a.status, a.includes_evaluation,
              ${FINEST_SUMS}
         FROM applications a JOIN organisations o ON o.id = a.organisation_id LEFT JOIN money m ON m.application_id = a.id
        GROUP BY 1, 2, 3, 4, 5, 6)
SELECT c.id AS cuboid, f.call_id,
       CASE WHEN c.by_municipality THEN f.municipality_code ELSE '*' END AS municipality_code,
       ${ROLLED_UP}
  FROM finest f CROSS JOIN crosstab_cuboids c
 GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/**
 * The area-type summaries the same way, each application's types found as the engine finds them
 * when it reads the applications (`targetAreaJoin`), 0 for none; those that name no target area
 * without the areas' joins.
 */
const FRESH_AREAS = `WITH ${MONEY},
     typed AS MATERIALIZED (
       SELECT id, 0 AS area_type FROM applications WHERE target_areas = ''
       UNION ALL
       SELECT DISTINCT r.id, coalesce(tay.area_type, 0) FROM applications r JOIN grant_calls gc ON gc.id = r.call_id ${targetAreaJoin.text}
        WHERE r.target_areas <> ''),
     finest AS MATERIALIZED (
       SELECT a.call_id, coalesce(a.municipality_code, '') AS municipality_code, t.area_type, o.type AS applicant_type, a.stage, a.status, a.includes_evaluation,
              ${FINEST_SUMS}
         FROM typed t JOIN applications a ON a.id = t.id JOIN organisations o ON o.id = a.organisation_id LEFT JOIN money m ON m.application_id = a.id
        GROUP BY 1, 2, 3, 4, 5, 6, 7)
SELECT c.id AS cuboid, f.call_id,
       CASE WHEN c.by_municipality THEN f.municipality_code ELSE '*' END AS municipality_code,
       f.area_type,
       ${ROLLED_UP}
  FROM finest f CROSS JOIN crosstab_cuboids c
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

/** The area-type summaries' triggers on the areas and their classification, which an areas import holds back. */
const areaTriggers = [
  'crosstab_area_types_out',
  'crosstab_area_types_in',
  'crosstab_area_types_update_out',
  'crosstab_area_types_update_in',
  'crosstab_area_types_delete_out',
  'crosstab_area_types_delete_in',
  'crosstab_area_stat_areas_insert_out',
  'crosstab_area_stat_areas_insert_in',
  'crosstab_area_stat_areas_update_out',
  'crosstab_area_stat_areas_update_in',
  'crosstab_area_stat_areas_delete_out',
  'crosstab_area_stat_areas_delete_in',
] as const;

/** A table of kept sums: its key, the triggers of its migration that keep it row by row, and how a GROUP BY of the records makes it. */
interface Kept {
  table: 'crosstab_summaries' | 'crosstab_area_summaries';
  key: readonly string[];
  triggers: readonly string[];
  fresh: string;
}

const kept: readonly Kept[] = [
  {
    table: 'crosstab_summaries',
    key: ['cuboid', ...registerColumns],
    fresh: FRESH,
    triggers: [
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
    ],
  },
  {
    table: 'crosstab_area_summaries',
    key: ['cuboid', 'call_id', 'municipality_code', 'area_type', 'applicant_type', 'stage', 'status', 'includes_evaluation'],
    fresh: FRESH_AREAS,
    triggers: [
      ...['insert', 'delete', 'update_out', 'update_in'].flatMap((event) => [`crosstab_area_applications_${event}_plain`, `crosstab_area_applications_${event}_areas`]),
      'crosstab_area_organisations_type_out',
      'crosstab_area_organisations_type_in',
      'crosstab_area_payments_insert',
      'crosstab_area_payments_delete',
      'crosstab_area_payments_update',
      'crosstab_area_decisions_delete',
      'crosstab_area_decisions_move_out',
      'crosstab_area_decisions_move_in',
      ...areaTriggers,
      'crosstab_area_calls_year_out',
      'crosstab_area_calls_year_in',
    ],
  },
];

const columnsOf = (table: Kept) => `${table.key.join(', ')}, ${registerSums.join(', ')}`;

/** The kept tables this store has: a store from before migration 0008 has none, one before 0012 only the first. */
function keptIn(db: Database): Kept[] {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'crosstab_%summaries'").pluck().all() as string[]);
  return kept.filter((table) => tables.has(table.table));
}

/** Makes the summaries again from the records, in the caller's transaction or one of its own. */
export function rebuildSummaries(db: Database): void {
  db.transaction(() => {
    for (const table of keptIn(db)) {
      db.exec(`DELETE FROM ${table.table}`);
      db.exec(`INSERT INTO ${table.table} (${columnsOf(table)}) ${table.fresh}`);
    }
  })();
}

/**
 * Runs a bulk write, inside the caller's transaction, with the summaries' triggers dropped and the
 * summaries summed once at the end: kept row by row they made a million applications take five
 * times as long to write. A store from before migration 0008 has neither and is written as it is.
 */
export function writeThenSummarise<T>(db: Database, write: () => T): T {
  const tables = keptIn(db);
  if (tables.length === 0) return write();
  const restoreTriggers = suspendSchemaObjects(db, tables.flatMap((table) => table.triggers));
  const result = write();
  restoreTriggers();
  rebuildSummaries(db);
  return result;
}

/**
 * Runs an areas import's writes, inside its transaction: the applications of those municipalities
 * that name target areas move out of the area-type summaries before and back in after, once,
 * rather than once for every area or classification the file holds (each a read of its
 * municipality's applications).
 */
export function writeAreasThenSummarise<T>(db: Database, municipalities: readonly string[], write: () => T): T {
  if (municipalities.length === 0 || !keptIn(db).some((table) => table.table === 'crosstab_area_summaries')) return write();
  const move = (sign: 1 | -1) => {
    const statement = sql`INSERT INTO crosstab_area_summaries
      SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
             ${sign} * sum(n), ${sign} * sum(granted_n), ${sign} * sum(requested), ${sign} * sum(granted), ${sign} * sum(paid), ${sign} * sum(repaid)
        FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place IN ${sqlList(municipalities)} AND target_areas <> '') GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
        granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid`;
    db.prepare(statement.text).run(...statement.params);
  };
  move(-1);
  const restoreTriggers = suspendSchemaObjects(db, areaTriggers);
  const result = write();
  restoreTriggers();
  move(1);
  db.exec('DELETE FROM crosstab_area_summaries WHERE n = 0');
  return result;
}

export type SummaryRow = Record<'cuboid' | (typeof registerColumns)[number] | RegisterSum, string | number> & { area_type?: number };

export interface SummaryCheck {
  /** Groups whose kept sums differ from a fresh GROUP BY, or that only one side has. */
  differing: number;
  /** The first of them, as kept (`kept`) and as the records make them (`fresh`); an area-type summary's with its `area_type`. */
  examples: { kept: SummaryRow | null; fresh: SummaryRow | null }[];
}

const EXAMPLES = 20;

/** Compares every kept summary with a fresh GROUP BY of the records, for the store's check. */
export function checkSummaries(db: Database): SummaryCheck {
  const examples: SummaryCheck['examples'] = [];
  let differing = 0;
  for (const table of keptIn(db)) {
    const rows = db
      .prepare(
        `WITH fresh AS MATERIALIZED (${table.fresh}), kept AS (SELECT ${columnsOf(table)} FROM ${table.table})
         SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
         UNION ALL SELECT 'fresh', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)`,
      )
      .all() as (SummaryRow & { side: 'kept' | 'fresh' })[];
    const strip = ({ side: _side, ...row }: SummaryRow & { side: string }) => row as SummaryRow;
    const keyOf = (row: SummaryRow) => JSON.stringify(table.key.map((column) => row[column as keyof SummaryRow]));
    const keptByKey = new Map(rows.filter((row) => row.side === 'kept').map((row) => [keyOf(row), strip(row)]));
    const freshByKey = new Map(rows.filter((row) => row.side === 'fresh').map((row) => [keyOf(row), strip(row)]));
    const keys = new Set([...keptByKey.keys(), ...freshByKey.keys()]);
    differing += keys.size;
    for (const key of keys) examples.push({ kept: keptByKey.get(key) ?? null, fresh: freshByKey.get(key) ?? null });
  }
  return { differing, examples: examples.slice(0, EXAMPLES) };
}
