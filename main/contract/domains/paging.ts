import { z } from 'zod';

// Server-side paging for any grid over a large table: the renderer asks for a page by sort, filters,
// full-text search and a keyset cursor; column names are checked against each grid's whitelist here,
// at the boundary, and again where the SQL is built.

type Names = readonly [string, ...string[]];

/** A row's id: SQLite gives rows ids from 1, so 0 and negatives are never one. */
export const rowId = z.number().int().min(1);

/**
 * The longest sort value a cursor carries: above every text field's own limit (a title is 300
 * characters), so any row can end a page, and far below what would cost a query time.
 */
const MAX_CURSOR_TEXT = 2000;

/** Where the previous page ended: its last row's sort value and id. The next page starts after it. */
export const pageCursor = z.strictObject({
  value: z.union([z.string().max(MAX_CURSOR_TEXT), z.number()]),
  id: rowId,
});

export function gridFilter<F extends Names>(filterable: F) {
  const column = z.enum(filterable);
  return z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('text'),
      column,
      op: z.enum(['contains', 'equals', 'startsWith']),
      value: z.string().max(200),
    }),
    z.strictObject({ kind: z.literal('number'), column, op: z.enum(['eq', 'lt', 'le', 'gt', 'ge']), value: z.number() }),
    z.strictObject({ kind: z.literal('set'), column, values: z.array(z.string().max(100)).max(100) }),
  ]);
}

/** What a grid shows: the sort, filters and search a page request and an export share. */
export function gridQuery<S extends Names, F extends Names>(sortable: S, filterable: F) {
  return z.strictObject({
    sort: z.strictObject({ column: z.enum(sortable), direction: z.enum(['asc', 'desc']) }).nullable().default(null),
    filters: z.array(gridFilter(filterable)).max(20).default([]),
    /** Full-text search; words match as prefixes, all of them must occur. */
    search: z.string().max(200).default(''),
  });
}

export function pageArgs<S extends Names, F extends Names>(sortable: S, filterable: F) {
  return gridQuery(sortable, filterable).extend({
    after: pageCursor.nullable().default(null),
    /** Rows to skip after the cursor (or from the start): only for a jump to a page whose predecessor was never read. */
    skip: z.number().int().min(0).max(100_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  });
}

export function pageResult<R extends z.ZodType>(row: R) {
  return z.object({
    rows: z.array(row),
    /** The cursor for the next page; null when this page was the last. */
    next: pageCursor.nullable(),
  });
}

/** The rows a view has, asked for apart from its pages (see countRows). */
export const rowCount = z.number().int().min(0);

export type PageCursor = z.output<typeof pageCursor>;
export type GridFilter = z.output<ReturnType<typeof gridFilter<Names>>>;
export type GridQuery = z.output<ReturnType<typeof gridQuery<Names, Names>>>;
export type PageRequest = z.output<ReturnType<typeof pageArgs<Names, Names>>>;
