import type { Database } from 'better-sqlite3';
import type { CrosstabDimension, CrosstabFilter } from '../../contract/domains/crosstab';
import { sql, sqlJoin, type SqlFragment } from '../../store/sql';
import { areaTypeInForce } from '../area-type';
import { filterConditions, keyColumns, whereOf } from './conditions';
import type { GroupingSet } from './plan';
import { groupKey } from './register-query';
import { dimensions, type IndicatorPlace } from './registry';

export interface IndicatorFacts {
  axes: readonly CrosstabDimension[];
  filters: readonly CrosstabFilter[];
  /** For indicator_change: each value is `to` minus `from`; otherwise every value of every year. */
  change: { from: number; to: number } | null;
}

/** RegSO values when the query asks about area types (the place's own type), municipality values otherwise. */
function levelOf(facts: IndicatorFacts): 'regso' | 'municipality' {
  const used = [...facts.axes, ...facts.filters.map((filter) => filter.dimension)];
  return used.includes('area_type') ? 'regso' : 'municipality';
}

function factsQuery(facts: IndicatorFacts): SqlFragment {
  const level = levelOf(facts);
  const year = facts.change ? sql`${facts.change.from}` : sql`p.period`;
  const place: IndicatorPlace =
    level === 'regso'
      ? { municipality: sql`sa.municipality_code`, county: sql`g.parent_code`, areaType: areaTypeInForce(sql`s.geo_code`, year), year }
      : { municipality: sql`s.geo_code`, county: sql`g.parent_code`, areaType: sql`NULL`, year };
  const expr = (dimension: CrosstabDimension) => {
    const def = dimensions[dimension].indicator;
    if (!def) throw new Error(`${dimension} is not an indicator dimension`);
    return def(place);
  };
  const places =
    level === 'regso'
      ? sql`indicator_series s JOIN stat_areas sa ON sa.code = s.geo_code AND sa.kind = 'regso' JOIN geographies g ON g.code = sa.municipality_code`
      : sql`indicator_series s JOIN geographies g ON g.code = s.geo_code AND g.level = 'municipality'`;
  const points = facts.change
    ? sql`JOIN indicator_points p0 ON p0.series_id = s.id AND p0.period = ${facts.change.from} JOIN indicator_points p ON p.series_id = s.id AND p.period = ${facts.change.to}`
    : sql`JOIN indicator_points p ON p.series_id = s.id`;
  const value = facts.change ? sql`p.value - p0.value` : sql`p.value`;
  const columns = [...facts.axes.map((dimension, i) => sql`${expr(dimension)} AS ${keyColumns[i]!}`), sql`${value} AS value`];
  return sql`SELECT ${sqlJoin(columns)} FROM ${places} ${points}${whereOf(filterConditions(facts.filters, (filter) => expr(filter.dimension)))}`;
}

/** Each grouping set's values, gathered in full: a median needs them all, and one indicator's values of one level are few. */
export function indicatorGroups(db: Database, facts: IndicatorFacts, sets: readonly GroupingSet[]): Map<string, number[]> {
  const query = factsQuery(facts);
  const groups = new Map<string, number[]>();
  for (const row of db.prepare(query.text).raw().iterate(...query.params) as IterableIterator<(string | number | null)[]>) {
    const value = row[facts.axes.length] as number;
    sets.forEach((set, i) => {
      const key = groupKey(i, set.map((grouped, axis) => (grouped ? row[axis]! : null)));
      let values = groups.get(key);
      if (!values) groups.set(key, (values = []));
      values.push(value);
    });
  }
  return groups;
}
