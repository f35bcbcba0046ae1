import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationRow, PageRequest } from '../../main/contract/calls';
import { pageArgs } from '../../main/contract/calls';
import { applicationFilterable, applicationSortable } from '../../main/contract/domains/register';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { ftsQuery } from '../../main/services/paging/fts-query';
import { countRows, queryPage } from '../../main/services/paging/page-query';
import { applicationKeys, applicationsGrid } from '../../main/services/register/register-grids';
import { openStore, type Store } from '../../main/store/open-store';
import { pagePlan, readAllPages } from '../support/pages';
import { resourcesDir, useTempDir } from '../support/temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();
const schema = pageArgs(applicationSortable, applicationFilterable);
let store: Store;

function page(request: Partial<Record<keyof PageRequest, unknown>>) {
  return queryPage<ApplicationRow & { id: number }>(store.db, applicationsGrid, schema.parse(request) as PageRequest, applicationKeys);
}

function count(request: Partial<Record<keyof PageRequest, unknown>>) {
  return countRows(store.db, applicationsGrid, schema.parse(request) as PageRequest);
}

const allPages = (request: Partial<Record<keyof PageRequest, unknown>>, limit = 97) => readAllPages(page, request, limit);

beforeAll(() => {
  store = openStore(join(tempDir(), 'paging.sqlite'), { resourcesDir });
  generateDemo({ store, progress: () => {} }, { scale: 1, seed: 3, today: DEMO_BASE_DAY });
  return () => store.close();
});

describe('keyset paging over the applications grid', () => {
  it.each(applicationSortable.flatMap((column) => [[column, 'asc'], [column, 'desc']] as const))(
    'gives the same rows, in the same order, as one sorted query: %s %s',
    (column, direction) => {
      const paged = allPages({ sort: { column, direction } });
      const expected = store.db
        .prepare(`SELECT a.id FROM applications a ORDER BY ${applicationsGrid.columns[column].sql.text} ${direction}, a.id ${direction}`)
        .pluck()
        .all();
      expect(paged.map((row) => row.id)).toEqual(expected);
    },
  );

  it('filters by text, set and number, counts the matches, and pages through exactly them', () => {
    const filters = [
      { kind: 'set', column: 'status', values: ['granted', 'partly_granted'] },
      { kind: 'number', column: 'requestedOre', op: 'ge', value: 100_000_000 },
      { kind: 'text', column: 'municipality', op: 'startsWith', value: 'S' },
    ];
    const rows = allPages({ filters, sort: { column: 'grantedOre', direction: 'desc' } }, 10);
    expect(rows.length).toBe(count({ filters }));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(['granted', 'partly_granted']).toContain(row.status);
      expect(row.requestedOre).toBeGreaterThanOrEqual(100_000_000);
      expect(row.municipality).toMatch(/^S/i);
    }
  });

  it('treats LIKE wildcards and quotes in a filter as plain text', () => {
    expect(count({ filters: [{ kind: 'text', column: 'title', op: 'contains', value: "%'_" }] })).toBe(0);
  });

  it('jumps to a page whose predecessor was never read with skip, and continues from there by cursor', () => {
    const sort = { column: 'requestedOre', direction: 'asc' };
    const all = allPages({ sort });
    const jumped = page({ sort, skip: 700, limit: 50 });
    expect(jumped.rows.map((r) => r.id)).toEqual(all.slice(700, 750).map((r) => r.id));
    const next = page({ sort, after: jumped.next, limit: 50 });
    expect(next.rows.map((r) => r.id)).toEqual(all.slice(750, 800).map((r) => r.id));
  });

  it('rejects a column outside the whitelist at the boundary', () => {
    expect(schema.safeParse({ sort: { column: 'received_on; DROP TABLE applications', direction: 'asc' } }).success).toBe(false);
    expect(schema.safeParse({ filters: [{ kind: 'text', column: 'summary', op: 'contains', value: 'x' }] }).success).toBe(false);
  });

  it('reads a broad filter (a status) through the sort index, not the filter index and a sort of every match', () => {
    const request = { filters: [{ kind: 'set', column: 'status', values: ['granted'] }], sort: { column: 'grantedOre', direction: 'desc' } };
    for (const after of [null, { value: 0, id: 1 }]) {
      const plan = pagePlan(store.db, applicationsGrid, schema.parse({ ...request, after }) as PageRequest);
      expect(plan).not.toMatch(/TEMP B-TREE/);
      expect(plan).toMatch(/applications_sort_granted/);
    }
  });

  it('seeks through the sort column index at any depth, never a full sort', () => {
    for (const column of applicationSortable) {
      for (const after of [null, { value: 0, id: 1 }]) {
        const plan = pagePlan(store.db, applicationsGrid, schema.parse({ sort: { column, direction: 'desc' }, after }) as PageRequest);
        expect(plan, column).not.toMatch(/TEMP B-TREE/);
        expect(plan, column).toMatch(/USING (COVERING )?INDEX/);
        if (after) expect(plan, column).toMatch(/MERGE \(UNION ALL\)/);
      }
    }
  });

});

describe('full-text search', () => {
  it('builds a quoted prefix query from any text', () => {
    expect(ftsQuery('Läxhjälp Öre')).toBe('"Läxhjälp"* "Öre"*');
    expect(ftsQuery('"OR" NEAR(a b) *')).toBe('"OR"* "NEAR"* "a"* "b"*');
    expect(ftsQuery(' -- ')).toBeNull();
  });

  it('finds titles and applicant names by prefix, with å, ä and ö as their own letters, in any case', () => {
    const found = allPages({ search: 'läxhj' });
    expect(found.length).toBeGreaterThan(0);
    for (const row of found) expect(`${row.title} ${row.organisation}`.toLowerCase()).toContain('läxhj');
    expect(count({ search: 'LÄXHJ' })).toBe(found.length);
    expect(count({ search: 'laxhj' })).toBe(0);
    const byOrganisation = allPages({ search: 'idrottsföreningen' });
    expect(byOrganisation.length).toBeGreaterThan(0);
    for (const row of byOrganisation) expect(row.organisation).toMatch(/^Idrottsföreningen/);
  });

  it('finds a case number exactly or by its beginning, with words beside it, through the case number index', () => {
    const [caseNumber, title] = store.db.prepare('SELECT case_number, title FROM applications ORDER BY id LIMIT 1 OFFSET 11').raw().get() as [string, string];
    expect(allPages({ search: caseNumber }).map((row) => row.caseNumber)).toEqual([caseNumber]);
    const prefix = caseNumber.slice(0, -1);
    const byPrefix = allPages({ search: prefix, sort: { column: 'grantedOre', direction: 'desc' } });
    expect(byPrefix.length).toBeGreaterThan(1);
    expect(byPrefix.every((row) => row.caseNumber.startsWith(prefix))).toBe(true);
    expect(count({ search: prefix })).toBe(byPrefix.length);
    const word = title.match(/\p{L}{4,}/u)![0];
    expect(allPages({ search: `${word} ${caseNumber}` }).map((row) => row.caseNumber)).toEqual([caseNumber]);
    expect(count({ search: `${caseNumber} zzzzzz` })).toBe(0);
    for (const sort of [undefined, { column: 'grantedOre', direction: 'desc' }]) {
      for (const after of [null, { value: 0, id: 1 }]) {
        const plan = pagePlan(store.db, applicationsGrid, schema.parse({ search: prefix, sort, after: sort ? after : null }) as PageRequest);
        expect(plan).toMatch(/SEARCH a USING (COVERING )?INDEX \S+ \(case_number>\? AND case_number<\?\)/);
      }
    }
  });

  it('follows an organisation renamed after its applications were indexed', () => {
    const row = page({ search: 'idrottsföreningen', limit: 1 }).rows[0]!;
    store.db.prepare('UPDATE organisations SET name = ? WHERE name = ?').run('Bågskytteklubben Ängen', row.organisation);
    expect(allPages({ search: 'bågskytte äng' }).map((r) => r.id)).toContain(row.id);
  });
});
