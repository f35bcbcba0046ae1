import type { SqlFragment } from '../../store/sql';

/**
 * Filtering, against the base table only, so counting needs no joins: a joined value through a
 * correlated subquery in `sql`, or through `via`, which turns the condition on `sql` (evaluated in a
 * subquery of its own) into one on the base table, e.g. `x.series_id IN (SELECT id FROM series WHERE
 * <condition>)`: SQLite runs that subquery once, not once per row.
 */
export interface ColumnFilter {
  kind: 'text' | 'number' | 'set';
  sql?: SqlFragment;
  via?: (condition: SqlFragment) => SqlFragment;
  /**
   * A filter that matches a large share of rows (a status): a page reads the sort index and tests
   * it, rather than letting SQLite lead with this column's index and sort every match (1 s for a
   * third of a million applications). Counting still uses the index.
   */
  broad?: boolean;
}

/**
 * One column of a grid's whitelist, with the fixed SQL that yields it. Nothing a caller sends is
 * ever spliced into SQL; callers name columns by key and every value is bound.
 */
export interface PagedColumn {
  /** Expression for the shown value (may use the table's joins). */
  sql: SqlFragment;
  filter?: ColumnFilter;
}

/**
 * A grid's columns: exactly those the contract lists as filterable have a filter (`F`), so the
 * contract's list is the one declaration of what a grid can filter by.
 */
export type PagedColumns<K extends string, F extends K> = string extends K
  ? Record<string, PagedColumn>
  : { [P in K]: P extends F ? PagedColumn & { filter: ColumnFilter } : PagedColumn & { filter?: never } };

export interface PagedTable<K extends string = string, S extends K = K, F extends K = K> {
  /** `applications a`: the base table and its alias. */
  base: SqlFragment;
  /** The base table's integer key, the tiebreaker of every sort, e.g. `a.id`. */
  id: SqlFragment;
  /** LEFT JOINs for shown columns only; never needed to filter or count. */
  joins: SqlFragment;
  columns: PagedColumns<K, F>;
  /**
   * The columns a page may be sorted by: the contract's list. Each one's expression must be NOT NULL
   * and read the base table alone. With an index on (column, id) keyset paging seeks in it at any
   * depth; without one, the grid must only let a view be sorted that is narrow enough to sort for
   * every page (the values grid: one indicator).
   */
  sortable: readonly S[];
  /** A condition on the base table matching a full-text query. */
  search?: (match: string) => SqlFragment;
  /** A condition on the base table matching rows whose key (the case number) starts with a prefix, read through its index. */
  keySearch?: (prefix: string) => SqlFragment;
}
