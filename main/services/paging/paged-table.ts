/**
 * A grid's whitelist: the only columns a page request may select, sort or filter by, each with the
 * fixed SQL expression that yields it. Nothing a caller sends is ever spliced into SQL; callers name
 * columns by key and every value is bound as a parameter.
 */
export interface PagedColumn {
  /** Expression for the shown value (may use the table's joins). */
  sql: string;
  /**
   * Sorting: the expression must be NOT NULL and read the base table alone. With an index on
   * (column, id) keyset paging seeks in it at any depth; without one, the grid must only let a view
   * be sorted that is narrow enough to sort for every page (the values grid: one indicator).
   */
  sortable?: boolean;
  /**
   * Filtering, against the base table only, so counting needs no joins: a joined value through a
   * correlated subquery in `sql`, or through `via`, which turns the condition on `sql` (evaluated in
   * a subquery of its own) into one on the base table, e.g. `x.series_id IN (SELECT id FROM series
   * WHERE <condition>)`: SQLite runs that subquery once, not once per row.
   */
  filter?: {
    kind: 'text' | 'number' | 'set';
    sql?: string;
    via?: (condition: string) => string;
    /**
     * A filter that matches a large share of rows (a status): a page reads the sort index and tests
     * it, rather than letting SQLite lead with this column's index and sort every match (1 s for a
     * third of a million applications). Counting still uses the index.
     */
    broad?: boolean;
  };
}

export interface PagedTable<K extends string = string> {
  /** `applications a`: the base table and its alias. */
  base: string;
  /** The base table's integer key, the tiebreaker of every sort, e.g. `a.id`. */
  id: string;
  /** LEFT JOINs for shown columns only; never needed to filter or count. */
  joins: string;
  columns: Record<K, PagedColumn>;
  /** A condition on the base table matching a full-text query bound as its one parameter. */
  search?: string;
}
