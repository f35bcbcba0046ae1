import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageRequest, ValueRow } from '../../main/contract/calls';
import { calls, valueSortable } from '../../main/contract/calls';
import { AppError } from '../../main/contract/errors';
import { validateCall } from '../../main/contract/validate';
import { importIndicators } from '../../main/importers/indicators/import-indicators';
import { valueKeys, valuesGrid } from '../../main/services/indicators/values-grid';
import { countRows, queryPage } from '../../main/services/paging/page-query';
import { openStore, type Store } from '../../main/store/open-store';
import { pagePlan, readAllPages } from '../support/pages';
import { resourcesThrough } from '../support/resources-through';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const formats = resolve(import.meta.dirname, '..', 'fixtures', 'formats');
type Request = Partial<Record<keyof PageRequest, unknown>>;
let store: Store;

// Every request passes the boundary's own check first, as one from the renderer does: a sort the
// contract refuses never reaches the SQL.
const pageRequest = (request: Request) => validateCall('indicators.valuesPage', request).args as PageRequest;
const page = (request: Request) => queryPage<ValueRow>(store.db, valuesGrid, pageRequest(request), valueKeys);
const count = (request: Request) => countRows(store.db, valuesGrid, validateCall('indicators.valuesCount', request).args as PageRequest);

const allPages = (request: Request, limit = 97) => readAllPages(page, request, limit);
const amOnly = { kind: 'set', column: 'indicator', values: ['AM0207AC'] } as const;

/** Values with many ties (one decimal, a narrow range), so the id must break them for keyset paging to be right. */
function putValues(db: Store['db']): void {
  const places = db.prepare("SELECT code FROM places WHERE level <> 'regso' AND level <> 'deso' ORDER BY code").pluck().all() as string[];
  const put = db.prepare('INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, ?, ?)');
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  db.transaction(() => {
    for (const period of [2019, 2020, 2021]) {
      for (const geo of places) {
        for (const sex of ['T', 'K', 'M']) put.run('AM0207AC', geo, period, sex, Math.round(700 + next() * 100) / 10);
        put.run('OJI', geo, period, 'T', Math.round(next() * 50) / 10);
      }
      put.run('AM0207AC', '0180R001', period, 'T', 55.5);
    }
  })();
}

beforeAll(async () => {
  const dir = tempDir();
  store = openStore(join(dir, 'values.sqlite'), { resourcesDir });
  store.db.exec("INSERT INTO stat_areas (code, kind, name, municipality_code) VALUES ('0180R001', 'regso', 'Rinkeby', '0180')");
  putValues(store.db);
  await importIndicators(store.db, join(formats, 'kolada-values.json'), { dryRun: false, strict: false, progress: () => {} });
  return () => store.close();
});

describe('the values grid, paged in SQLite', () => {
  it('shows each value with its indicator, place, level, year, sex and the file it came from', () => {
    const [malmo] = page({
      filters: [
        { kind: 'set', column: 'indicator', values: ['N00914'] },
        { kind: 'text', column: 'geoCode', op: 'equals', value: '1280' },
        { kind: 'number', column: 'year', op: 'eq', value: 2022 },
        { kind: 'set', column: 'sex', values: ['T'] },
      ],
    }).rows;
    expect(malmo).toMatchObject({ indicator: 'N00914', geoCode: '1280', placeName: 'Malmö', level: 'municipality', year: 2022, sex: 'T', value: 11.2 });
    expect(malmo!.source).toMatch(/^kolada-values\.json \(\d{4}-\d\d-\d\d\)$/);
    const [rinkeby] = page({ filters: [{ kind: 'text', column: 'placeName', op: 'equals', value: 'Rinkeby' }] }).rows;
    expect(rinkeby).toMatchObject({ geoCode: '0180R001', level: 'regso', source: null });
  });

  it('gives every value of every indicator once, in id order, when unsorted', () => {
    const paged = allPages({}, 500);
    expect(paged.map((row) => row.id)).toEqual(store.db.prepare('SELECT id FROM indicator_points ORDER BY id').pluck().all());
  });

  // Each sort as one query apart from the grid's SQL, which reads the place through a subquery.
  const sortedBy = { geoCode: 's.geo_code', year: 'p.period', value: 'p.value' } as const;
  it.each(valueSortable.flatMap((column) => [[column, 'asc'], [column, 'desc']] as const))(
    "gives one indicator's every value once, in the order of one sorted query: %s %s",
    (column, direction) => {
      const paged = allPages({ filters: [amOnly], sort: { column, direction } }, 97);
      const expected = store.db
        .prepare(
          `SELECT p.id FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id WHERE s.indicator_code = 'AM0207AC'
            ORDER BY ${sortedBy[column]} ${direction}, p.id ${direction}`,
        )
        .pluck()
        .all();
      expect(expected.length).toBeGreaterThan(500);
      expect(paged.map((row) => row.id)).toEqual(expected);
    },
  );

  it('refuses at the boundary a sort of several indicators, or of all of them, as values in different units', () => {
    const sort = { column: 'value', direction: 'desc' };
    for (const filters of [
      [],
      [{ kind: 'set', column: 'indicator', values: ['AM0207AC', 'OJI'] }],
      [{ kind: 'set', column: 'indicator', values: [] }],
      [{ kind: 'text', column: 'geoCode', op: 'equals', value: '1280' }],
    ]) {
      let refused: unknown;
      try {
        pageRequest({ filters, sort });
      } catch (error) {
        refused = error;
      }
      expect(refused, JSON.stringify(filters)).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'sort' }] } });
      expect((refused as AppError).message).toMatch(/one indicator/);
    }
    expect(calls['indicators.valuesPage'].args.safeParse({ sort }).success).toBe(false);
    // Unsorted, any indicators page; a count has no order and is never refused.
    expect(page({ filters: [{ kind: 'set', column: 'indicator', values: ['AM0207AC', 'OJI'] }] }).rows).toHaveLength(100);
    expect(count({ sort })).toBe(store.db.prepare('SELECT count(*) FROM indicator_points').pluck().get());
  });

  it('filters by indicator, year, level, place and sex, counts the matches, and pages through exactly them in every sort', () => {
    const filters = [
      { kind: 'set', column: 'indicator', values: ['AM0207AC'] },
      { kind: 'number', column: 'year', op: 'ge', value: 2020 },
      { kind: 'set', column: 'level', values: ['municipality', 'regso'] },
      { kind: 'text', column: 'placeName', op: 'startsWith', value: 'S' },
      { kind: 'set', column: 'sex', values: ['T', 'K'] },
    ];
    // The same view computed apart from the grid's SQL: through the 0001-shaped view and the places.
    const expected = store.db
      .prepare(
        `SELECT count(*) FROM indicator_values v JOIN places pl ON pl.code = v.geo_code
          WHERE v.indicator_code = 'AM0207AC' AND v.period >= 2020 AND pl.level IN ('municipality', 'regso')
            AND pl.name LIKE 'S%' AND v.sex IN ('T', 'K')`,
      )
      .pluck()
      .get() as number;
    expect(expected).toBeGreaterThan(50);
    expect(count({ filters })).toBe(expected);
    for (const column of valueSortable) {
      const rows = allPages({ filters, sort: { column, direction: 'desc' } }, 10);
      expect(rows, column).toHaveLength(expected);
      for (const row of rows) {
        expect(row).toMatchObject({ indicator: 'AM0207AC', level: 'municipality' });
        expect(row.year).toBeGreaterThanOrEqual(2020);
        expect(row.placeName).toMatch(/^S/i);
        expect(['T', 'K']).toContain(row.sex);
      }
      const keys = rows.map((row) => row[column]);
      expect(keys).toEqual([...keys].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    }
  });

  it('filters the value itself and the place code, and counts nothing for a code no place has', () => {
    const filters = [amOnly, { kind: 'number', column: 'value', op: 'gt', value: 79.5 }];
    const rows = allPages({ filters, sort: { column: 'value', direction: 'asc' } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBe(count({ filters }));
    expect(rows.every((row) => row.indicator === 'AM0207AC' && row.value > 79.5)).toBe(true);
    expect(rows.map((row) => row.value)).toEqual(rows.map((row) => row.value).sort((a, b) => a - b));
    expect(count({ filters: [{ kind: 'text', column: 'geoCode', op: 'startsWith', value: '12' }] })).toBe(
      store.db.prepare("SELECT count(*) FROM indicator_values WHERE geo_code LIKE '12%'").pluck().get(),
    );
    expect(count({ filters: [{ kind: 'text', column: 'geoCode', op: 'equals', value: '9999' }] })).toBe(0);
  });

  it("reads one indicator's values through its series and their (series, year) key, never every value", () => {
    const plan = (request: Request) => pagePlan(store.db, valuesGrid, pageRequest(request));
    const oneYear = { kind: 'number', column: 'year', op: 'eq', value: 2020 } as const;
    const views: [string, Request][] = [
      ['one indicator, unsorted', { filters: [amOnly] }],
      ...valueSortable.flatMap((column) =>
        [null, { value: column === 'geoCode' ? '1280' : 50, id: 1000 }].map((after): [string, Request] => [
          `one indicator sorted by ${column}${after ? ' after a cursor' : ''}`,
          { filters: [amOnly], sort: { column, direction: 'desc' }, after },
        ]),
      ),
    ];
    // The grid's opening view (one indicator, its latest year, in id order) and that year sorted:
    // the key is searched for the year too.
    const yearViews: [string, Request][] = [
      ['one indicator and year, unsorted', { filters: [amOnly, oneYear] }],
      ['one indicator and year sorted by value', { filters: [amOnly, oneYear], sort: { column: 'value', direction: 'asc' } }],
    ];
    for (const [view, request] of [...views, ...yearViews]) {
      const steps = plan(request);
      expect(steps, view).toMatch(/SEARCH indicator_series USING COVERING INDEX sqlite_autoindex_indicator_series_1 \(indicator_code=\?\)/);
      expect(steps, view).toMatch(/SEARCH p USING (COVERING )?INDEX sqlite_autoindex_indicator_points_1 \(series_id=\?/);
      // Neither the table nor its key is read from end to end (a SCAN, with or without an index).
      expect(steps, view).not.toMatch(/^SCAN p\b/m);
    }
    for (const [view, request] of yearViews) expect(plan(request), view).toMatch(/\(series_id=\? AND period=\?\)/);
  });
});

describe('migrations 0005 and 0006', () => {
  it('keep every value of a 0004 store with its import, leave the values lean, and the triggers work', () => {
    const before = resourcesThrough(4, tempDir());
    const path = join(tempDir(), 'upgrade.sqlite');
    const old = openStore(path, { resourcesDir: before });
    expect(old.schemaVersion).toBe(4);
    putValues(old.db);
    old.db.exec("INSERT INTO indicator_imports (id, file_name, format, imported_at) VALUES (1, 'a.csv', 'csv', '2024-01-01')");
    old.db.exec('UPDATE indicator_points SET import_id = 1 WHERE period = 2020');
    const snapshot = (db: Store['db']) => db.prepare('SELECT * FROM indicator_values ORDER BY indicator_code, geo_code, period, sex').all();
    const values = snapshot(old.db);
    old.close();

    // Through 0006 only: later migrations have tests of their own.
    const upgraded = openStore(path, { resourcesDir: resourcesThrough(6, tempDir()) });
    const db = upgraded.db;
    expect(upgraded.schemaVersion).toBe(6);
    expect(snapshot(db)).toEqual(values);
    // 0006: no place copied onto each value, and none of 0005's three sort indexes.
    expect(db.prepare("SELECT name FROM pragma_table_info('indicator_points') ORDER BY cid").pluck().all()).toEqual([
      'id',
      'series_id',
      'period',
      'value',
      'import_id',
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'indicator_points'").pluck().all()).toEqual([
      'sqlite_autoindex_indicator_points_1',
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'indicator_series_place'").pluck().get()).toBe(1);
    // The view's triggers and the history trigger work on the rebuilt table.
    db.prepare("UPDATE indicator_values SET value = 1, import_id = 1 WHERE indicator_code = 'OJI' AND geo_code = '0180' AND period = 2021").run();
    expect(db.prepare('SELECT count(*) FROM indicator_value_history').pluck().get()).toBe(1);
    db.prepare("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value, import_id) VALUES ('OJI', '1280', 2022, 'T', 4.5, 1)").run();
    expect(
      db.prepare("SELECT value, import_id FROM indicator_values WHERE indicator_code = 'OJI' AND geo_code = '1280' AND period = 2022 AND sex = 'T'").get(),
    ).toEqual({ value: 4.5, import_id: 1 });
    expect(snapshot(db)).toHaveLength(values.length + 1);
    upgraded.close();
  });
});
