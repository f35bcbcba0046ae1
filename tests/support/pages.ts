import type { PageCursor } from '../../main/contract/calls';

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
