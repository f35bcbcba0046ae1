import type { Database } from 'better-sqlite3';
import type { CrosstabDrillArgs, CrosstabDrillResult, CrosstabFilter } from '../../contract/domains/crosstab';
import { sql, type SqlFragment } from '../../store/sql';
import { normalised, unsupported } from './plan';
import { factsOf, recordSource } from './register-query';
import { supports } from './registry';

/**
 * `SELECT id` of exactly the applications behind a cell or total (its filters, see cellFilters),
 * each once: the drill-down pages it, and the applications grid narrows to it.
 */
export function cellApplicationIds(filters: readonly CrosstabFilter[]): SqlFragment {
  for (const filter of filters) {
    if (!supports('register', filter.dimension)) {
      throw unsupported('dimensionForMeasure', `The applications behind a cell cannot be found by ${filter.dimension}.`, { dimension: filter.dimension });
    }
  }
  return sql`SELECT id FROM (${factsOf(recordSource([]), { axes: [], filters: filters.map(normalised), sums: [], population: null })})`;
}

/** The applications behind a cell or total, a page of ids at a time. */
export function drillCrosstab(db: Database, args: CrosstabDrillArgs): CrosstabDrillResult {
  const ids = cellApplicationIds(args.filters);
  const count = sql`SELECT count(*) FROM (${ids})`;
  const page = sql`SELECT id FROM (${ids}) WHERE id > ${args.after ?? 0} ORDER BY id LIMIT ${args.limit}`;
  const found = db.prepare(page.text).pluck().all(...page.params) as number[];
  return {
    count: db.prepare(count.text).pluck().get(...count.params) as number,
    ids: found,
    next: found.length === args.limit ? found.at(-1)! : null,
  };
}
