import type { Database } from 'better-sqlite3';
import type { CrosstabDimension, CrosstabFilter, CrosstabMeasure, CrosstabQuery } from '../../contract/domains/crosstab';
import { AppError } from '../../contract/errors';
import { dimensions, measures, supports, type Family } from './registry';

/** Why a cross-tab cannot be made; the renderer says it in the user's language from these. */
export type UnsupportedReason =
  | 'dimensionForMeasure'
  | 'needsIndicator'
  | 'needsYears'
  | 'changeByYear'
  | 'needsPopulation'
  | 'unknownIndicator'
  | 'tooManyCells';

export function unsupported(reason: UnsupportedReason, message: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('CROSSTAB_UNSUPPORTED', message, { reason, ...params });
}

/** A grouping set: for each axis, whether it is grouped by (true) or totalled over (false). */
export type GroupingSet = readonly boolean[];

/**
 * The sets a table with these axes needs, cells first: every prefix of the row axes, each with and
 * without the column axis. For rows (r1, r2) and column c: (r1 r2 c), (r1 r2), (r1 c), (r1), (c), ().
 */
export function groupingSets(rows: number, cols: number): GroupingSet[] {
  const sets: GroupingSet[] = [];
  for (let prefix = rows; prefix >= 0; prefix--) {
    const rowPart = Array.from({ length: rows }, (_, i) => i < prefix);
    for (const withColumn of cols === 0 ? [false] : [true, false]) {
      sets.push([...rowPart, ...(cols === 0 ? [] : [withColumn])]);
    }
  }
  return sets;
}

export interface Plan {
  query: CrosstabQuery;
  axes: CrosstabDimension[];
  sets: GroupingSet[];
  families: Set<Family>;
  /** Each family's filters: the query's, and for indicator values the total (T) when sex is neither on an axis nor filtered. */
  filters: Record<Family, CrosstabFilter[]>;
}

/** A numeric dimension's values as numbers, so "2021" from the command line matches the year 2021. */
export function normalised(filter: CrosstabFilter): CrosstabFilter {
  if (!dimensions[filter.dimension].numeric) return filter;
  return {
    dimension: filter.dimension,
    values: filter.values.map((value) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value)),
  };
}

/**
 * Checks that every measure has a meaning by every axis, that every filter applies to some measure,
 * and what measures need besides. Side by side, a filter of one family (an indicator, a sex) leaves
 * the other family's measures alone: it chooses which values the indicator measures show.
 */
export function planQuery(db: Database, query: CrosstabQuery): Plan {
  const axes = [...query.rows, ...query.cols];
  const families = new Set<Family>(query.measures.map((measure) => measures[measure].family));
  for (const measure of query.measures) {
    for (const dimension of axes) {
      if (!supports(measures[measure].family, dimension)) {
        throw unsupported('dimensionForMeasure', `${measure} cannot be broken down by ${dimension}.`, { measure, dimension });
      }
    }
  }
  for (const { dimension } of query.filters) {
    if (![...families].some((family) => supports(family, dimension))) {
      const measure = query.measures[0];
      throw unsupported('dimensionForMeasure', `${measure} cannot be filtered by ${dimension}.`, { measure, dimension });
    }
  }
  const indicatorMeasures = query.measures.filter((measure) => measures[measure].family === 'indicator');
  if (indicatorMeasures.length > 0) checkIndicatorMeasures(query, indicatorMeasures, axes);
  if (query.measures.includes('granted_sek_per_capita')) checkPopulation(db, query.population);
  const filtersOf = (family: Family) => query.filters.filter((filter) => supports(family, filter.dimension)).map(normalised);
  const indicator = filtersOf('indicator');
  if (!axes.includes('sex') && !indicator.some((filter) => filter.dimension === 'sex')) indicator.push({ dimension: 'sex', values: ['T'] });
  return { query, axes, sets: groupingSets(query.rows.length, query.cols.length), families, filters: { register: filtersOf('register'), indicator } };
}

function checkIndicatorMeasures(query: CrosstabQuery, indicatorMeasures: CrosstabMeasure[], axes: CrosstabDimension[]): void {
  const indicatorFilter = query.filters.find((filter) => filter.dimension === 'indicator');
  // Values of two indicators are in different units: a mean over both means nothing.
  if (!axes.includes('indicator') && indicatorFilter?.values.length !== 1) {
    throw unsupported('needsIndicator', `${indicatorMeasures[0]} needs one indicator, chosen by a filter, or indicator on an axis.`, {
      measure: indicatorMeasures[0],
    });
  }
  if (query.measures.includes('indicator_change')) {
    if (!query.years) throw unsupported('needsYears', 'indicator_change needs the years to compare (from and to).', { measure: 'indicator_change' });
    if (axes.includes('year') || query.filters.some((filter) => filter.dimension === 'year')) {
      throw unsupported('changeByYear', 'indicator_change is between two chosen years, so it cannot be broken down or filtered by year.', {
        measure: 'indicator_change',
        dimension: 'year',
      });
    }
  }
}

function checkPopulation(db: Database, population: string | null): void {
  if (population === null) {
    throw unsupported('needsPopulation', 'granted_sek_per_capita needs the indicator that holds the population (e.g. BE0101N1).', {
      measure: 'granted_sek_per_capita',
    });
  }
  if (!db.prepare('SELECT 1 FROM indicators WHERE code = ?').get(population)) {
    throw unsupported('unknownIndicator', `The store has no indicator ${population}.`, { indicator: population });
  }
}
