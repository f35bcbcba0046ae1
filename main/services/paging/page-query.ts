import type { Database } from 'better-sqlite3';
import type { GridFilter, GridQuery, PageCursor, PageRequest } from '../../contract/domains/paging';
import { AppError } from '../../contract/errors';
import { emptySql, sql, sqlIdentifier, sqlJoin, sqlList, type SqlFragment } from '../../store/sql';
import { statement } from '../../store/statement-cache';
import { ftsQuery, searchTerms } from './fts-query';
import type { PagedColumn, PagedTable } from './paged-table';

export interface Page<Row> {
  rows: Row[];
  next: PageCursor | null;
}

function column(table: PagedTable, key: string): PagedColumn {
  const found = Object.prototype.hasOwnProperty.call(table.columns, key) ? table.columns[key] : undefined;
  if (!found) throw new AppError('INVALID_ARGUMENT', `There is no column "${key}" in this grid.`);
  return found;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const numberOps = { eq: sql`=`, lt: sql`<`, le: sql`<=`, gt: sql`>`, ge: sql`>=` } as const;

/** What the conditions are for: a page read in sort order, or a count. */
type Purpose = 'page' | 'count';

function filterCondition(table: PagedTable, filter: GridFilter, purpose: Purpose): SqlFragment | null {
  const def = column(table, filter.column);
  if (!def.filter || def.filter.kind !== filter.kind) {
    throw new AppError('INVALID_ARGUMENT', `The column "${filter.column}" cannot be filtered as ${filter.kind}.`);
  }
  const expr = def.filter.sql ?? def.sql;
  // Unary + keeps SQLite from leading with this column's index (see ColumnFilter.broad).
  const condition = valueCondition(def.filter.broad && purpose === 'page' ? sql`+${expr}` : expr, filter);
  return condition !== null && def.filter.via ? def.filter.via(condition) : condition;
}

function valueCondition(expr: SqlFragment, filter: GridFilter): SqlFragment | null {
  switch (filter.kind) {
    case 'text':
      if (filter.value === '') return null;
      if (filter.op === 'equals') return sql`${expr} = ${filter.value}`;
      return sql`${expr} LIKE ${filter.op === 'startsWith' ? `${escapeLike(filter.value)}%` : `%${escapeLike(filter.value)}%`} ESCAPE '\\'`;
    case 'number':
      return sql`${expr} ${numberOps[filter.op]} ${filter.value}`;
    case 'set':
      return filter.values.length === 0 ? sql`0` : sql`${expr} IN ${sqlList(filter.values)}`;
  }
}

/**
 * Conditions on the base table a grid's call adds to its view beyond the grid's own filters and
 * search (the applications grid's cross-tab cell); empty for most grids.
 */
export type Scope = readonly SqlFragment[];

/** The WHERE conditions of a grid's filters and search (and its scope), over the base table alone. */
function conditionsOf(table: PagedTable, query: GridQuery, purpose: Purpose, scope: Scope): SqlFragment[] {
  const conditions: SqlFragment[] = [...scope];
  for (const filter of query.filters) {
    const condition = filterCondition(table, filter, purpose);
    if (condition) conditions.push(condition);
  }
  const terms = table.keySearch ? searchTerms(query.search) : { keys: [], match: ftsQuery(query.search) };
  for (const key of terms.keys) conditions.push(table.keySearch!(key));
  const match = terms.match;
  if (match !== null) {
    if (!table.search) throw new AppError('INVALID_ARGUMENT', 'This grid has no full-text search.');
    conditions.push(table.search(match));
  }
  return conditions;
}

function where(conditions: readonly SqlFragment[]): SqlFragment {
  return conditions.length ? sql` WHERE ${sqlJoin(conditions, ' AND ')}` : emptySql;
}

const ascending = sql`ASC`;
const descending = sql`DESC`;

/** The sort expression, its direction and the ORDER BY with the id as tiebreaker. */
function orderOf(table: PagedTable, query: GridQuery): { key: SqlFragment; direction: SqlFragment; order: SqlFragment } {
  if (!query.sort) return { key: table.id, direction: ascending, order: sql`${table.id} ASC` };
  if (!table.sortable.includes(query.sort.column)) throw new AppError('INVALID_ARGUMENT', `The column "${query.sort.column}" cannot be sorted.`);
  const { sql: key } = column(table, query.sort.column);
  const direction = query.sort.direction === 'desc' ? descending : ascending;
  return { key, direction, order: sql`${key} ${direction}, ${table.id} ${direction}` };
}

function selectList(table: PagedTable, keys: readonly string[]): SqlFragment {
  const names = Object.keys(table.columns);
  return sqlJoin(keys.map((key) => sql`${column(table, key).sql} AS ${sqlIdentifier(key, names)}`));
}

/**
 * The ids of a page, in order. After a cursor on a sort column, the rows that tie with the cursor's
 * value and the rows beyond it are read as two index ranges merged in order: SQLite seeks a
 * row-value bound `(key, id) > (?, ?)` on the key alone and would read through every row with the
 * cursor's key first (a year or a status has hundreds of thousands).
 */
export function pageIds(table: PagedTable, request: PageRequest, scope: Scope = []): { ids: SqlFragment; key: SqlFragment; order: SqlFragment } {
  const conditions = conditionsOf(table, request, 'page', scope);
  const { key, direction, order } = orderOf(table, request);
  const after = request.after;
  const beyond = direction === ascending ? sql`>` : sql`<`;
  const limit = sql`LIMIT ${request.limit} OFFSET ${request.skip}`;
  if (!after) return { key, order, ids: sql`SELECT ${table.id} FROM ${table.base}${where(conditions)} ORDER BY ${order} ${limit}` };
  if (key.text === table.id.text) {
    return { key, order, ids: sql`SELECT ${table.id} FROM ${table.base}${where([...conditions, sql`${table.id} ${beyond} ${after.id}`])} ORDER BY ${order} ${limit}` };
  }
  const ties = where([...conditions, sql`${key} = ${after.value}`, sql`${table.id} ${beyond} ${after.id}`]);
  const rest = where([...conditions, sql`${key} ${beyond} ${after.value}`]);
  return {
    key,
    order,
    ids: sql`SELECT __id FROM (SELECT ${key} AS __key, ${table.id} AS __id FROM ${table.base}${ties} UNION ALL SELECT ${key}, ${table.id} FROM ${table.base}${rest} ORDER BY 1 ${direction}, 2 ${direction} ${limit})`,
  };
}

/**
 * One page by keyset: rows after the cursor in (sort value, id) order, read through the sort
 * column's index, so a page deep in a million rows costs what the first one does. `skip` is only
 * for a jump to a page whose predecessor was never read (it is OFFSET from the nearest cursor).
 */
export function queryPage<Row>(db: Database, table: PagedTable, request: PageRequest, keys: readonly string[], scope: Scope = []): Page<Row> {
  const { ids, key, order } = pageIds(table, request, scope);
  // The page's ids are found on the base table alone (through the sort index, skipping if asked),
  // and only those rows are joined for display: skipped rows never pay for the joins.
  const query = sql`SELECT ${selectList(table, keys)}, ${key} AS "__sort", ${table.id} AS "__id" FROM ${table.base} ${table.joins} WHERE ${table.id} IN (${ids}) ORDER BY ${order}`;
  const raw = statement(db, query.text).all(...query.params) as (Record<string, unknown> & { __sort: string | number; __id: number })[];
  const lastRow = raw.at(-1);
  const rows = raw.map(({ __sort: _sort, __id: _id, ...row }) => row as Row);
  return {
    rows,
    next: lastRow && raw.length === request.limit ? { value: lastRow.__sort, id: lastRow.__id } : null,
  };
}

/**
 * How many rows a view has. A call of its own, apart from the page: counting every match costs far
 * more than reading the first hundred, and the grid shows its rows without waiting for it.
 */
export function countRows(db: Database, table: PagedTable, query: GridQuery, scope: Scope = []): number {
  const count = sql`SELECT count(*) FROM ${table.base}${where(conditionsOf(table, query, 'count', scope))}`;
  return statement(db, count.text).pluck().get(...count.params) as number;
}

/** Every row of a grid's view in its order, streamed from SQLite, for an export of exactly what is shown. */
export function iterateView<Row>(db: Database, table: PagedTable, query: GridQuery, keys: readonly string[], scope: Scope = []): IterableIterator<Row> {
  const { order } = orderOf(table, query);
  const view = sql`SELECT ${selectList(table, keys)} FROM ${table.base} ${table.joins}${where(conditionsOf(table, query, 'page', scope))} ORDER BY ${order}`;
  return db.prepare(view.text).iterate(...view.params) as IterableIterator<Row>;
}
