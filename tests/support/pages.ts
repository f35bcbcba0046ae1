import type { Database } from 'better-sqlite3';
import type { PageCursor, PageRequest } from '../../main/contract/calls';
import { pageIds } from '../../main/services/paging/page-query';
import type { PagedTable } from '../../main/services/paging/paged-table';

type Request = Record<string, unknown>;

/** Every row of a grid's view, read page by page through the keyset cursor, as the grid scrolls. */
export function readAllPages<Row>(page: (request: Request) => { rows: Row[]; next: PageCursor | null }, request: Request, limit: number): Row[] {
  const rows: Row[] = [];
  let after: PageCursor | null = null;
  for (;;) {
    const result = page({ ...request, after, limit });
    rows.push(...result.rows);
    if (!result.next) return rows;
    after = result.next;
  }
}

/** SQLite's plan for the ids of one page of a grid, one step a line. */
export function pagePlan(db: Database, table: PagedTable, request: PageRequest): string {
  const { ids } = pageIds(table, request);
  return (db.prepare(`EXPLAIN QUERY PLAN ${ids.text}`).all(...ids.params) as { detail: string }[]).map((step) => step.detail).join('\n');
}
