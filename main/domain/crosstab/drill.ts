import type { Database } from 'better-sqlite3';
import type { CrosstabDrillArgs, CrosstabDrillResult, CrosstabFilter } from '../../contract/domains/crosstab';
import type { GridFilter } from '../../contract/domains/paging';
import { sql } from '../../store/sql';
import { normalised, unsupported } from './plan';
import { factsOf, recordSource } from './register-query';
import { supports } from './registry';

type ApplicationsFilter = CrosstabDrillResult['gridFilters'] extends (infer F)[] | null ? F : never;

const setColumns = { applicant_type: 'applicantType', stage: 'stage', status: 'status' } as const;

/**
 * The same records as filters of the applications grid, where its filters can say exactly this:
 * a set of applicant types, stages or statuses, one call year, one county or municipality (by
 * name, as the grid filters them), evaluation or not. Null when any filter is beyond them.
 */
function gridFiltersOf(db: Database, filters: readonly CrosstabFilter[]): ApplicationsFilter[] | null {
  const grid: ApplicationsFilter[] = [];
  const nameOf = db.prepare('SELECT name FROM geographies WHERE code = ?').pluck();
  for (const { dimension, values } of filters) {
    const [only] = values;
    const single = values.length === 1 && only !== null && only !== undefined;
    if (dimension === 'applicant_type' || dimension === 'stage' || dimension === 'status') {
      if (values.some((value) => typeof value !== 'string')) return null;
      grid.push({ kind: 'set', column: setColumns[dimension], values: values as string[] });
    } else if ((dimension === 'year' || dimension === 'has_evaluation') && single && typeof only === 'number') {
      grid.push({ kind: 'number', column: dimension === 'year' ? 'callYear' : 'includesEvaluation', op: 'eq', value: only });
    } else if ((dimension === 'county' || dimension === 'municipality') && single) {
      const name = nameOf.get(only) as string | undefined;
      if (name === undefined) return null;
      grid.push({ kind: 'text', column: dimension, op: 'equals', value: name });
    } else return null;
  }
  return grid satisfies GridFilter[];
}

/** Exactly the applications behind a cell or total (its filters, see cellFilters), a page of ids at a time. */
export function drillCrosstab(db: Database, args: CrosstabDrillArgs): CrosstabDrillResult {
  for (const filter of args.filters) {
    if (!supports('register', filter.dimension)) {
      throw unsupported('dimensionForMeasure', `The applications behind a cell cannot be found by ${filter.dimension}.`, { dimension: filter.dimension });
    }
  }
  const filters = args.filters.map(normalised);
  const facts = factsOf(recordSource([]), { axes: [], filters, sums: [], population: null });
  const count = sql`SELECT count(*) FROM (${facts})`;
  const page = sql`SELECT id FROM (${facts}) WHERE id > ${args.after ?? 0} ORDER BY id LIMIT ${args.limit}`;
  const ids = db.prepare(page.text).pluck().all(...page.params) as number[];
  return {
    count: db.prepare(count.text).pluck().get(...count.params) as number,
    ids,
    next: ids.length === args.limit ? ids.at(-1)! : null,
    gridFilters: gridFiltersOf(db, filters),
  };
}
