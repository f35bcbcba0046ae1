import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationDimensions, cellFilters, crosstabDimensions, crosstabQuery, type ApplicationCell, type ArgsIn, type CrosstabDrillResult, type CrosstabResult, type PageCursor } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { supports } from '../../main/domain/crosstab/registry';
import { Services } from '../../main/services/services';
import { crosstabStore } from '../support/crosstab-store';
import { resourcesDir } from '../support/temp-dir';

// Drill-down from any cell of the register's dimensions: crosstab.drill and the applications grid
// narrowed to the cell (applications.page/count with crosstabCell) find exactly the applications a
// plain SQL query written here, apart from the engine, finds.

// One store for the whole file: building it is the slow part, and every test only reads it.
let dir: string;
let services: Services;
/** A plain read-only connection of its own for the expected answers. */
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grantlens-drill-'));
  crosstabStore(dir).close();
  services = new Services({ resourcesDir });
  services.open(join(dir, 'crosstab.sqlite'));
  db = new Database(join(dir, 'crosstab.sqlite'), { readonly: true });
});
afterAll(() => {
  services.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Each application's area types, by the same rule as the (the type in force in its call's
 * year, else the earliest known; a named RegSO of its municipality without a type counts as none):
 * target areas split by a recursive CTE, not the engine's instr() join.
 */
const areaTypesSql = `
  WITH RECURSIVE split(id, rest, code) AS (
    SELECT id, replace(replace(target_areas, ' ', ','), ';', ',') || ',', NULL FROM applications
    UNION ALL
    SELECT id, substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1) FROM split WHERE rest <> ''
  ),
  typed AS (
    SELECT DISTINCT s.id, coalesce(
      (SELECT t.area_type FROM area_types t WHERE t.area_code = s.code AND t.year <= c.year ORDER BY t.year DESC LIMIT 1),
      (SELECT t.area_type FROM area_types t WHERE t.area_code = s.code ORDER BY t.year LIMIT 1)) AS type
    FROM split s JOIN applications a ON a.id = s.id JOIN grant_calls c ON c.id = a.call_id
    JOIN stat_areas sa ON sa.code = s.code AND sa.kind = 'regso' AND sa.municipality_code = a.municipality_code
  )`;

function callAreaIds(call: number | null, type: number | null | undefined): number[] {
  // undefined: every area type (a total over them).
  const byType =
    type === undefined
      ? '1'
      : type === null
        ? '(NOT EXISTS (SELECT 1 FROM typed WHERE typed.id = a.id) OR EXISTS (SELECT 1 FROM typed WHERE typed.id = a.id AND typed.type IS NULL))'
        : 'EXISTS (SELECT 1 FROM typed WHERE typed.id = a.id AND typed.type = @type)';
  return db
    .prepare(`${areaTypesSql} SELECT a.id FROM applications a WHERE (@call IS NULL OR a.call_id = @call) AND ${byType} ORDER BY a.id`)
    .pluck()
    .all({ call, type: type ?? null }) as number[];
}

function programmeDesignatedIds(programme: string | null, designated: number | null): number[] {
  return db
    .prepare(
      `SELECT a.id FROM applications a JOIN grant_calls c ON c.id = a.call_id
       WHERE (@programme IS NULL OR c.programme = @programme)
         AND (@designated IS NULL OR EXISTS (SELECT 1 FROM designation_members dm WHERE dm.designation_id = c.earmark_designation_id AND dm.geo_code = a.municipality_code) = @designated)
       ORDER BY a.id`,
    )
    .pluck()
    .all({ programme, designated }) as number[];
}

async function run(query: ArgsIn<'crosstab.run'>): Promise<CrosstabResult> {
  return unwrap<CrosstabResult>(await services.call('crosstab.run', query));
}

async function drilledIds(filters: ApplicationCell): Promise<{ count: number; ids: number[] }> {
  const ids: number[] = [];
  let after: number | null = null;
  let count = -1;
  for (;;) {
    const page: CrosstabDrillResult = unwrap<CrosstabDrillResult>(await services.call('crosstab.drill', { filters, after, limit: 1000 }));
    count = page.count;
    ids.push(...page.ids);
    if (page.next === null) return { count, ids };
    after = page.next;
  }
}

/** Every row of the applications grid narrowed to a cell (with the grid's own query besides), page by page, and its count. */
async function gridIds(query: Omit<ArgsIn<'applications.page'>, 'after' | 'limit'>): Promise<{ count: number; ids: number[] }> {
  const ids: number[] = [];
  let after: PageCursor | null = null;
  for (;;) {
    const page: { rows: { id: number }[]; next: PageCursor | null } = unwrap(await services.call('applications.page', { ...query, after, limit: 1000 }));
    ids.push(...page.rows.map((row) => row.id));
    if (page.next === null) break;
    after = page.next;
  }
  return { count: unwrap<number>(await services.call('applications.count', query)), ids };
}

describe('drill-down into the applications grid', () => {
  it('takes a cell by exactly the dimensions the engine reads from applications', () => {
    expect([...applicationDimensions]).toEqual(crosstabDimensions.filter((dimension) => supports('register', dimension)));
  });

  it('finds exactly each call × area type cell’s applications, totals included, as the drill and as the grid', async () => {
    const query: ArgsIn<'crosstab.run'> = { rows: ['call'], cols: ['area_type'], measures: ['applications'] };
    const result = await run(query);
    expect(result.cells.length).toBeGreaterThan(20);
    expect(result.members[1]!.map((member) => member.key)).toContain(null);
    for (const cell of result.cells) {
      const filters = cellFilters(crosstabQuery.parse(query), cell) as ApplicationCell;
      const expected = callAreaIds(cell.total[0] ? null : (cell.key[0] as number), cell.total[1] ? undefined : (cell.key[1] as number | null));
      expect(expected.length, JSON.stringify(cell)).toBe(cell.values[0]);
      expect(await drilledIds(filters)).toEqual({ count: expected.length, ids: expected });
      const grid = await gridIds({ crosstabCell: filters });
      expect(grid.count).toBe(expected.length);
      expect([...grid.ids].sort((x, y) => x - y)).toEqual(expected);
    }
  });

  it('finds exactly each programme × designated cell’s applications', async () => {
    const query: ArgsIn<'crosstab.run'> = { rows: ['programme'], cols: ['designated'], measures: ['applications'] };
    const result = await run(query);
    expect(result.members[1]!.map((member) => member.key).sort()).toEqual([0, 1]);
    for (const cell of result.cells) {
      const filters = cellFilters(crosstabQuery.parse(query), cell) as ApplicationCell;
      const expected = programmeDesignatedIds(cell.total[0] ? null : (cell.key[0] as string), cell.total[1] ? null : (cell.key[1] as number));
      expect(expected.length).toBe(cell.values[0]);
      expect(await drilledIds(filters)).toEqual({ count: expected.length, ids: expected });
      const grid = await gridIds({ crosstabCell: filters });
      expect(grid.count).toBe(expected.length);
      expect([...grid.ids].sort((x, y) => x - y)).toEqual(expected);
    }
  });

  it('combines the cell with the grid’s own filters, search and sort', async () => {
    const cell: ApplicationCell = [{ dimension: 'area_type', values: [null] }, { dimension: 'designated', values: [1] }];
    const inCell = new Set((await drilledIds(cell)).ids);
    const granted = db.prepare("SELECT id FROM applications WHERE status = 'granted'").pluck().all() as number[];
    const expected = granted.filter((id) => inCell.has(id));
    expect(expected.length).toBeGreaterThan(0);
    const sorted = await gridIds({ crosstabCell: cell, filters: [{ kind: 'set', column: 'status', values: ['granted'] }], sort: { column: 'grantedOre', direction: 'desc' } });
    expect(sorted.count).toBe(expected.length);
    expect([...sorted.ids].sort((x, y) => x - y)).toEqual(expected);
    const amounts = new Map((db.prepare('SELECT id, granted_ore FROM applications').all() as { id: number; granted_ore: number }[]).map((a) => [a.id, a.granted_ore]));
    const shown = sorted.ids.map((id) => amounts.get(id)!);
    expect(shown).toEqual([...shown].sort((x, y) => y - x));
  });

  it('exports the narrowed grid as shown: exactly the cell’s applications', async () => {
    const cell: ApplicationCell = [{ dimension: 'programme', values: ['Delmos'] }, { dimension: 'designated', values: [0] }, { dimension: 'area_type', values: [1, 2] }];
    const { ids } = await drilledIds(cell);
    expect(ids.length).toBeGreaterThan(0);
    const path = join(dir, 'cell.csv');
    const written = unwrap<{ rows: number }>(
      await services.call('applications.export', {
        fileId: services.registerFile(path).fileId,
        format: 'csv',
        query: { crosstabCell: cell },
        columns: [{ key: 'caseNumber', header: 'Diarienummer' }],
      }),
    );
    expect(written.rows).toBe(ids.length);
    const caseNumbers = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    const expected = db.prepare(`SELECT case_number FROM applications WHERE id IN (${ids.join(',')}) ORDER BY id`).pluck().all();
    expect(caseNumbers).toEqual(expected);
  });

  it('refuses a cell by a dimension applications do not have, or one dimension twice', async () => {
    for (const crosstabCell of [
      [{ dimension: 'indicator', values: ['N00914'] }],
      [{ dimension: 'sex', values: ['K'] }],
      [
        { dimension: 'year', values: [2021] },
        { dimension: 'year', values: [2022] },
      ],
      [{ dimension: 'year', values: [] }],
    ]) {
      const answer = await services.call('applications.count', { crosstabCell });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });
});
