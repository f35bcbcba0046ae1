import type { Database } from 'better-sqlite3';
import {
  MAX_CELLS,
  type CrosstabCell,
  type CrosstabDimension,
  type CrosstabMember,
  type CrosstabQuery,
  type CrosstabResult,
  type DimensionValue,
} from '../../contract/domains/crosstab';
import { sql, sqlList } from '../../store/sql';
import { indicatorGroups } from './indicator-query';
import { planQuery, unsupported, type Plan } from './plan';
import { recordSource, registerGroups, type RegisterSource } from './register-query';
import { dimensions, measures, type RegisterSum, type RegisterTotals } from './registry';

/**
 * Chooses where register rows are read from for a plan: the store's summaries when they can answer
 * it, the applications otherwise. The default reads the applications.
 */
export type RegisterSourceFor = (db: Database, plan: Plan, sums: readonly RegisterSum[]) => RegisterSource;

const fromRecords: RegisterSourceFor = (_db, _plan, sums) => recordSource(sums);

interface Groups {
  register: Map<string, RegisterTotals> | null;
  values: Map<string, number[]> | null;
  changes: Map<string, number[]> | null;
}

function gather(db: Database, plan: Plan, sourceFor: RegisterSourceFor): Groups {
  const { query, axes, sets } = plan;
  const registerMeasures = query.measures.map((measure) => measures[measure]).filter((def) => def.family === 'register');
  const sums = [...new Set(registerMeasures.flatMap((def) => def.sums))];
  const perCapita = registerMeasures.some((def) => def.perCapita);
  const indicatorMeasures = query.measures.map((measure) => measures[measure]).filter((def) => def.family === 'indicator');
  const wantsValues = indicatorMeasures.some((def) => !def.change);
  const wantsChange = indicatorMeasures.some((def) => def.change);
  const facts = { axes, filters: plan.filters.indicator };
  return {
    register:
      registerMeasures.length === 0
        ? null
        : registerGroups(db, sourceFor(db, plan, sums), { axes, filters: plan.filters.register, sums, population: perCapita ? query.population : null }, sets),
    values: wantsValues ? indicatorGroups(db, { ...facts, change: null }, sets) : null,
    changes: wantsChange && query.years ? indicatorGroups(db, { ...facts, change: query.years }, sets) : null,
  };
}

const noSums: RegisterTotals = { sums: { n: 0, granted_n: 0, requested: 0, granted: 0, paid: 0, repaid: 0 }, perCapita: null };

function valuesOf(query: CrosstabQuery, groups: Groups, key: string): (number | null)[] {
  return query.measures.map((measure) => {
    const def = measures[measure];
    if (def.family === 'register') return def.value(groups.register?.get(key) ?? noSums);
    return def.value({ values: (def.change ? groups.changes : groups.values)?.get(key) ?? [] });
  });
}

/** The names the store gives members: counties and municipalities, calls, indicators. */
function namesOf(db: Database, dimension: CrosstabDimension, keys: DimensionValue[]): Map<DimensionValue, string> {
  const source = dimensions[dimension].names;
  const known = keys.filter((key) => key !== null);
  if (!source || known.length === 0) return new Map();
  const list = sqlList(known);
  const query = {
    geography: sql`SELECT code, name FROM geographies WHERE code IN ${list}`,
    call: sql`SELECT id, title FROM grant_calls WHERE id IN ${list}`,
    indicator: sql`SELECT code, name_sv FROM indicators WHERE code IN ${list}`,
  }[source];
  return new Map(db.prepare(query.text).raw().all(...query.params) as [DimensionValue, string][]);
}

// One collator for every comparison: localeCompare with a locale makes one per call.
const swedish = new Intl.Collator('sv');

function compareKeys(order: readonly string[] | undefined) {
  return (a: DimensionValue, b: DimensionValue): number => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (order && typeof a === 'string' && typeof b === 'string') return order.indexOf(a) - order.indexOf(b);
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return swedish.compare(String(a), String(b));
  };
}

function membersOf(db: Database, axes: readonly CrosstabDimension[], cells: readonly CrosstabCell[]): CrosstabMember[][] {
  return axes.map((dimension, axis) => {
    const keys = [...new Set(cells.filter((cell) => !cell.total[axis]).map((cell) => cell.key[axis] ?? null))];
    keys.sort(compareKeys(dimensions[dimension].order));
    const names = namesOf(db, dimension, keys);
    return keys.map((key) => ({ key, name: names.get(key) ?? null }));
  });
}

/** Cells in table order: by each axis's members, a total after them. */
function sortCells(cells: CrosstabCell[], members: readonly CrosstabMember[][]): void {
  const ranks = members.map((list) => new Map(list.map((member, i) => [member.key, i])));
  const rank = (cell: CrosstabCell, axis: number) => (cell.total[axis] ? Number.MAX_SAFE_INTEGER : ranks[axis]!.get(cell.key[axis] ?? null)!);
  cells.sort((a, b) => {
    for (let axis = 0; axis < members.length; axis++) {
      const difference = rank(a, axis) - rank(b, axis);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

/** Runs a cross-tab: every cell, subtotal and total of the query, each the true aggregate of its records. */
export function runCrosstab(db: Database, query: CrosstabQuery, sourceFor: RegisterSourceFor = fromRecords): CrosstabResult {
  const plan = planQuery(db, query);
  const groups = gather(db, plan, sourceFor);
  const keys = new Set<string>([...(groups.register?.keys() ?? []), ...(groups.values?.keys() ?? []), ...(groups.changes?.keys() ?? [])]);
  if (keys.size > MAX_CELLS) {
    throw unsupported('tooManyCells', `The table would have ${keys.size} cells, more than ${MAX_CELLS}: filter it or choose fewer dimensions.`, {
      cells: keys.size,
      limit: MAX_CELLS,
    });
  }
  const cells: CrosstabCell[] = [...keys].map((key) => {
    const separator = key.indexOf('|');
    const set = plan.sets[Number(key.slice(0, separator))]!;
    return { key: JSON.parse(key.slice(separator + 1)) as DimensionValue[], total: set.map((grouped) => !grouped), values: valuesOf(query, groups, key) };
  });
  const members = membersOf(db, plan.axes, cells);
  sortCells(cells, members);
  return { rows: query.rows, cols: query.cols, measures: query.measures, units: query.measures.map((measure) => measures[measure].unit), members, cells };
}
