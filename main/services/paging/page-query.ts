import type { Database } from 'better-sqlite3';
import type { GridFilter, GridQuery, PageCursor, PageRequest } from '../../contract/domains/paging';
import { AppError } from '../../contract/errors';
import { statement } from '../../store/statement-cache';
import { ftsQuery } from './fts-query';
import type { PagedColumn, PagedTable } from './paged-table';

type Param = string | number;

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

const numberOps = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** What the conditions are for: a page read in sort order, or a count. */
type Purpose = 'page' | 'count';

function filterCondition(table: PagedTable, filter: GridFilter, params: Param[], purpose: Purpose): string | null {
  const def = column(table, filter.column);
  if (!def.filter || def.filter.kind !== filter.kind) {
    throw new AppError('INVALID_ARGUMENT', `The column "${filter.column}" cannot be filtered as ${filter.kind}.`);
  }
  const expr = def.filter.sql ?? def.sql;
  // Unary + keeps SQLite from leading with this column's index (see PagedColumn.filter.broad).
  const condition = valueCondition(def.filter.broad && purpose === 'page' ? `+${expr}` : expr, filter, params);
  return condition !== null && def.filter.via ? def.filter.via(condition) : condition;
}

function valueCondition(expr: string, filter: GridFilter, params: Param[]): string | null {
  switch (filter.kind) {
    case 'text':
      if (filter.value === '') return null;
      if (filter.op === 'equals') {
        params.push(filter.value);
        return `${expr} = ?`;
      }
      params.push(filter.op === 'startsWith' ? `${escapeLike(filter.value)}%` : `%${escapeLike(filter.value)}%`);
      return `${expr} LIKE ? ESCAPE '\\'`;
    case 'number':
      params.push(filter.value);
      return `${expr} ${numberOps[filter.op]} ?`;
    case 'set':
      params.push(...filter.values);
      return filter.values.length === 0 ? '0' : `${expr} IN (${filter.values.map(() => '?').join(', ')})`;
  }
}

/** The WHERE conditions of a grid's sort, filters and search, over the base table alone. */
function whereOf(table: PagedTable, query: GridQuery, purpose: Purpose): { conditions: string[]; params: Param[] } {
  const conditions: string[] = [];
  const params: Param[] = [];
  for (const filter of query.filters) {
    const condition = filterCondition(table, filter, params, purpose);
    if (condition) conditions.push(condition);
  }
  const match = ftsQuery(query.search);
  if (match !== null) {
    if (!table.search) throw new AppError('INVALID_ARGUMENT', 'This grid has no full-text search.');
    conditions.push(table.search);
    params.push(match);
  }
  return { conditions, params };
}

/** The sort expression, its direction and the ORDER BY with the id as tiebreaker. */
function orderOf(table: PagedTable, query: GridQuery): { key: string; direction: 'ASC' | 'DESC'; order: string } {
  if (!query.sort) return { key: table.id, direction: 'ASC', order: `${table.id} ASC` };
  const def = column(table, query.sort.column);
  if (!def.sortable) throw new AppError('INVALID_ARGUMENT', `The column "${query.sort.column}" cannot be sorted.`);
  const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
  return { key: def.sql, direction, order: `${def.sql} ${direction}, ${table.id} ${direction}` };
}

function selectList(table: PagedTable, keys: readonly string[]): string {
  return keys.map((key) => `${column(table, key).sql} AS "${key}"`).join(', ');
}

/**
 * The ids of a page, in order, ending in `LIMIT ? OFFSET ?`. After a cursor on a sort column, the
 * rows that tie with the cursor's value and the rows beyond it are read as two index ranges merged
 * in order: SQLite seeks a row-value bound `(key, id) > (?, ?)` on the key alone and would read
 * through every row with the cursor's key first (a year or a status has hundreds of thousands).
 */
export function pageIds(table: PagedTable, request: PageRequest): { sql: string; params: Param[]; key: string; order: string } {
  const { conditions, params } = whereOf(table, request, 'page');
  const { key, direction, order } = orderOf(table, request);
  const after = request.after;
  const where = (...extra: string[]) => {
    const all = [...conditions, ...extra];
    return all.length ? ` WHERE ${all.join(' AND ')}` : '';
  };
  const beyond = direction === 'ASC' ? '>' : '<';
  if (!after) return { sql: `SELECT ${table.id} FROM ${table.base}${where()} ORDER BY ${order} LIMIT ? OFFSET ?`, params, key, order };
  if (key === table.id) {
    return { sql: `SELECT ${table.id} FROM ${table.base}${where(`${table.id} ${beyond} ?`)} ORDER BY ${order} LIMIT ? OFFSET ?`, params: [...params, after.id], key, order };
  }
  return {
    key,
    order,
    sql:
      `SELECT __id FROM (SELECT ${key} AS __key, ${table.id} AS __id FROM ${table.base}${where(`${key} = ?`, `${table.id} ${beyond} ?`)}` +
      ` UNION ALL SELECT ${key}, ${table.id} FROM ${table.base}${where(`${key} ${beyond} ?`)}` +
      ` ORDER BY 1 ${direction}, 2 ${direction} LIMIT ? OFFSET ?)`,
    params: [...params, after.value, after.id, ...params, after.value],
  };
}

/**
 * One page by keyset: rows after the cursor in (sort value, id) order, read through the sort
 * column's index, so a page deep in a million rows costs what the first one does. `skip` is only
 * for a jump to a page whose predecessor was never read (it is OFFSET from the nearest cursor).
 */
export function queryPage<Row>(db: Database, table: PagedTable, request: PageRequest, keys: readonly string[]): Page<Row> {
  const { sql: ids, params: idParams, key, order } = pageIds(table, request);
  // The page's ids are found on the base table alone (through the sort index, skipping if asked),
  // and only those rows are joined for display: skipped rows never pay for the joins.
  const sql = `SELECT ${selectList(table, keys)}, ${key} AS "__sort", ${table.id} AS "__id" FROM ${table.base} ${table.joins} WHERE ${table.id} IN (${ids}) ORDER BY ${order}`;
  const raw = statement(db, sql).all(...idParams, request.limit, request.skip) as (Record<string, unknown> & { __sort: Param; __id: number })[];
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
export function countRows(db: Database, table: PagedTable, query: GridQuery): number {
  const { conditions, params } = whereOf(table, query, 'count');
  return statement(db, `SELECT count(*) FROM ${table.base}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`)
    .pluck()
    .get(...params) as number;
}

/** Every row of a grid's view in its order, streamed from SQLite, for an export of exactly what is shown. */
export function iterateView<Row>(db: Database, table: PagedTable, query: GridQuery, keys: readonly string[]): IterableIterator<Row> {
  const { conditions, params } = whereOf(table, query, 'page');
  const { order } = orderOf(table, query);
  const sql =
    `SELECT ${selectList(table, keys)} FROM ${table.base} ${table.joins}` +
    `${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${order}`;
  return db.prepare(sql).iterate(...params) as IterableIterator<Row>;
}
