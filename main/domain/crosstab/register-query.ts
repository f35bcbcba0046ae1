import type { Database } from 'better-sqlite3';
import type { CrosstabDimension, CrosstabFilter } from '../../contract/domains/crosstab';
import { sql, sqlIdentifier, sqlJoin, type SqlFragment } from '../../store/sql';
import { filterConditions, keyColumns, whereOf } from './conditions';
import type { GroupingSet } from './plan';
import { applicationSums, dimensions, registerSums, targetAreaJoin, type RegisterSum, type RegisterTotals } from './registry';

/** Register rows under `r` (registerColumns and the sums), one application each or one summary group each. */
export interface RegisterSource {
  rows: SqlFragment;
  /** Each row one application, with its id and target areas (summaries have neither). */
  records: boolean;
  /**
   * Where an area type comes from: the target areas of each application (`targets`), the row's own
   * `area_type` (`kept`, a group of one type), or nowhere (`none`: 0008's summaries, read only for
   * totals over every area type).
   */
  areaTypes: 'targets' | 'kept' | 'none';
  /** For sets that total over an area-type axis, when rows of this source are not: the source to read them from. */
  acrossAreas?: RegisterSource;
}

const sumName = (sum: RegisterSum) => sqlIdentifier(sum, registerSums);

/** Applications with their organisation's type, as register rows. */
export function recordSource(sums: readonly RegisterSum[]): RegisterSource {
  const columns = [
    sql`a.id AS id`,
    sql`a.call_id AS call_id`,
    sql`a.municipality_code AS municipality_code`,
    sql`o.type AS applicant_type`,
    sql`a.stage AS stage`,
    sql`a.status AS status`,
    sql`a.includes_evaluation AS includes_evaluation`,
    sql`a.target_areas AS target_areas`,
    ...sums.map((sum) => sql`${applicationSums[sum]} AS ${sumName(sum)}`),
  ];
  // Every application has its organisation (NOT NULL, a foreign key), so the LEFT JOIN finds the same
  // rows; unlike an inner join, SQLite leaves it out when no applicant type is asked for.
  return { records: true, areaTypes: 'targets', rows: sql`(SELECT ${sqlJoin(columns)} FROM applications a LEFT JOIN organisations o ON o.id = a.organisation_id) r` };
}

function registerExpr(dimension: CrosstabDimension): SqlFragment {
  const def = dimensions[dimension].register;
  if (!def) throw new Error(`${dimension} is not a register dimension`);
  return def.sql;
}

export function needsTargetAreas(dimensionsUsed: readonly CrosstabDimension[]): boolean {
  return dimensionsUsed.some((dimension) => dimensions[dimension].register?.targetAreas);
}

export interface RegisterFacts {
  axes: readonly CrosstabDimension[];
  filters: readonly CrosstabFilter[];
  sums: readonly RegisterSum[];
  /** The population indicator for per-capita sums, or null. */
  population: string | null;
}

/**
 * The rows a register cross-tab groups: one per register row (an application, or a summary group)
 * with its axis keys k0.., its sums, and for per capita its (municipality, year) and population.
 * With target areas an application is one row per distinct area type on an axis (or just one,
 * when area_type only filters), so nothing is counted twice in a cell. Applications that name no
 * target area ("no area type") are read apart, without the areas' joins and DISTINCT: they are
 * most of a register, and those two were most of an area-type cross-tab's time.
 */
export function factsOf(source: RegisterSource, facts: RegisterFacts): SqlFragment {
  const used = [...facts.axes, ...facts.filters.map((filter) => filter.dimension)];
  const areas = needsTargetAreas(used) && source.areaTypes === 'targets';
  if (source.areaTypes === 'none' && facts.filters.some((filter) => dimensions[filter.dimension].register?.targetAreas)) {
    throw new Error('Only the area-type summaries or the applications can be filtered by area type');
  }
  const keptAreaType = { kept: sql`r.area_type`, none: sql`NULL`, targets: null }[source.areaTypes];
  const select = (withAreas: boolean): SqlFragment => {
    const expr = (dimension: CrosstabDimension) => {
      if (!dimensions[dimension].register?.targetAreas) return registerExpr(dimension);
      return keptAreaType ?? (withAreas ? registerExpr(dimension) : sql`NULL`);
    };
    const columns: SqlFragment[] = [];
    if (source.records) columns.push(sql`r.id AS id`);
    facts.axes.forEach((dimension, i) => columns.push(sql`${expr(dimension)} AS ${keyColumns[i]!}`));
    for (const sum of facts.sums) columns.push(sql`r.${sumName(sum)} AS ${sumName(sum)}`);
    if (facts.population !== null) {
      columns.push(sql`r.municipality_code AS pm`, sql`gc.year AS py`);
      columns.push(sql`(SELECT pp.value FROM indicator_series ps JOIN indicator_points pp ON pp.series_id = ps.id
          WHERE ps.indicator_code = ${facts.population} AND ps.geo_code = r.municipality_code AND ps.sex = 'T' AND pp.period = gc.year) AS pop`);
    }
    const conditions = filterConditions(facts.filters, (filter) => expr(filter.dimension));
    if (areas) conditions.push(withAreas ? sql`r.target_areas <> ''` : sql`r.target_areas = ''`);
    // CROSS JOIN keeps the rows outermost, each call found by its key: left to itself SQLite took the
    // calls first and read the applications call by call through an index, twice as slow.
    return sql`SELECT ${withAreas ? sql`DISTINCT ` : sql``}${sqlJoin(columns)}
      FROM ${source.rows} CROSS JOIN grant_calls gc ON gc.id = r.call_id LEFT JOIN geographies m ON m.code = r.municipality_code
      ${withAreas ? targetAreaJoin : sql``}${whereOf(conditions)}`;
  };
  return areas ? sql`${select(false)} UNION ALL ${select(true)}` : select(false);
}

function groupedKeys(set: GroupingSet): SqlFragment[] {
  return set.flatMap((grouped, i) => (grouped ? [keyColumns[i]!] : []));
}

function keyList(set: GroupingSet): SqlFragment {
  return sqlJoin(set.map((grouped, i) => (grouped ? sql`${keyColumns[i]!}` : sql`NULL`)));
}

function groupBy(set: GroupingSet): SqlFragment {
  const keys = groupedKeys(set);
  return keys.length === 0 ? sql`` : sql` GROUP BY ${sqlJoin(keys)}`;
}

export type RegisterGroups = Map<string, RegisterTotals>;

export function groupKey(setIndex: number, key: readonly unknown[]): string {
  return `${setIndex}|${JSON.stringify(key)}`;
}

type Row = Record<string, number | string | null> & { g: number };

function keyOf(row: Row, set: GroupingSet): (string | number | null)[] {
  return set.map((grouped, i) => (grouped ? (row[`k${i}`] ?? null) : null));
}

/**
 * Every grouping set's sums. Where they add up, one GROUP BY of the cells, rolled up here; otherwise
 * one statement with the facts materialised once and one GROUP BY per set joined by UNION ALL
 * (SQLite has no GROUPING SETS). A set that leaves out an area-type axis reads each application
 * once (DISTINCT by id), so its totals count an application with areas of two types once; from the
 * area-type summaries, such sets are read from the source for totals over area types. Per capita
 * needs the population of distinct (municipality, year) pairs: a second statement over the same facts.
 */
export function registerGroups(db: Database, source: RegisterSource, facts: RegisterFacts, sets: readonly GroupingSet[]): RegisterGroups {
  const areaAxis = facts.axes.findIndex((dimension) => dimensions[dimension].register?.targetAreas);
  if (areaAxis < 0 || !source.acrossAreas) return groupsOf(db, source, facts, sets, () => true);
  return new Map([
    ...groupsOf(db, source, facts, sets, (set) => set[areaAxis]!),
    ...groupsOf(db, source.acrossAreas, facts, sets, (set) => !set[areaAxis]),
  ]);
}

/** The sums of the sets `wanted` picks, from one source; the others are left out. */
function groupsOf(db: Database, source: RegisterSource, facts: RegisterFacts, sets: readonly GroupingSet[], wanted: (set: GroupingSet) => boolean): RegisterGroups {
  const perCapita = facts.population !== null;
  const { sums } = facts;
  // Only rows of applications can hold one application under two area types.
  const areaAxis = source.records ? facts.axes.findIndex((dimension) => dimensions[dimension].register?.targetAreas) : -1;
  // Sums over rows that count each application once add up: the cells' own GROUP BY is enough and
  // every coarser set is their sum. Area types (an application in two cells) and per-capita
  // populations (each place once) are not additive and are grouped by SQLite set by set.
  const additive = areaAxis < 0 && !perCapita;
  const fromFor = (set: GroupingSet) => {
    if (areaAxis < 0 || set[areaAxis]) return sql`f`;
    const extra = perCapita ? [sql`pm`, sql`py`, sql`pop`] : [];
    return sql`(SELECT DISTINCT id, ${sqlJoin([...groupedKeys(set), ...sums.map(sumName), ...extra])} FROM f)`;
  };
  const sumColumns = sums.map((sum) => sql`coalesce(sum(${sumName(sum)}), 0) AS ${sumName(sum)}`);
  if (perCapita) sumColumns.push(sql`coalesce(sum(CASE WHEN pop IS NOT NULL THEN granted END), 0) AS pc_granted`);
  // Additive: the cells, wanted or not (totals over area types from 0008's summaries have none), as every wanted set is rolled up from them.
  const chosen = additive ? sets.slice(0, 1).map((set) => [set, 0] as const) : sets.map((set, i) => [set, i] as const).filter(([set]) => wanted(set));
  const parts = chosen.map(([set, i]) => sql`SELECT ${i} AS g, ${keyList(set)}, ${sqlJoin(sumColumns)} FROM ${fromFor(set)}${groupBy(set)}`);
  const groups: RegisterGroups = new Map();
  const sumsOf = (row: Row) => Object.fromEntries(registerSums.map((sum) => [sum, Number(row[sum] ?? 0)])) as Record<RegisterSum, number>;
  // Read once for every set, not once a set; a single set reads the rows as they come.
  const query = sql`WITH f AS ${parts.length > 1 ? sql`MATERIALIZED ` : sql``}(${factsOf(source, facts)}) ${sqlJoin(parts, ' UNION ALL ')}`;
  for (const row of db.prepare(query.text).all(...query.params) as Row[]) {
    const set = sets[row.g]!;
    if (additive) {
      const cell = sumsOf(row);
      sets.forEach((rollup, i) => {
        if (!wanted(rollup)) return;
        const key = groupKey(i, keyOf(row, rollup));
        const totals = groups.get(key);
        if (!totals) groups.set(key, { sums: { ...cell }, perCapita: null });
        else for (const sum of registerSums) totals.sums[sum] += cell[sum];
      });
      continue;
    }
    groups.set(groupKey(row.g, keyOf(row, set)), { sums: sumsOf(row), perCapita: perCapita ? { granted: Number(row.pc_granted), population: 0 } : null });
  }
  // The grand total exists even over no records, as SQLite's aggregate without GROUP BY gives it.
  const grand = sets.length - 1;
  const grandKey = groupKey(grand, sets[grand]!.map(() => null));
  if (wanted(sets[grand]!) && !groups.has(grandKey)) groups.set(grandKey, { sums: sumsOf({ g: grand }), perCapita: null });
  if (perCapita) {
    const populations = chosen.map(
      ([set, i]) =>
        sql`SELECT ${i} AS g, ${keyList(set)}, sum(pop) AS pop FROM (SELECT DISTINCT ${sqlJoin([...groupedKeys(set), sql`pm`, sql`py`, sql`pop`])} FROM f WHERE pop IS NOT NULL)${groupBy(set)}`,
    );
    const popQuery = sql`WITH f AS MATERIALIZED (${factsOf(source, facts)}) ${sqlJoin(populations, ' UNION ALL ')}`;
    for (const row of db.prepare(popQuery.text).all(...popQuery.params) as Row[]) {
      const totals = groups.get(groupKey(row.g, keyOf(row, sets[row.g]!)));
      if (totals?.perCapita) totals.perCapita.population = Number(row.pop ?? 0);
    }
  }
  return groups;
}
