import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageRequest, ValueRow } from '../../main/contract/calls';
import { pageArgs, valueFilterable, valueSortable } from '../../main/contract/calls';
import { importIndicators } from '../../main/importers/indicators/import-indicators';
import { valueKeys, valuesGrid } from '../../main/services/indicators/values-grid';
import { countRows, queryPage } from '../../main/services/paging/page-query';
import { openStore, type Store } from '../../main/store/open-store';
import { pagePlan, readAllPages } from '../support/pages';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const formats = resolve(import.meta.dirname, '..', 'fixtures', 'formats');
const schema = pageArgs(valueSortable, valueFilterable);
type Request = Partial<Record<keyof PageRequest, unknown>>;
let store: Store;

const page = (request: Request) => queryPage<ValueRow>(store.db, valuesGrid, schema.parse(request) as PageRequest, valueKeys);
const count = (request: Request) => countRows(store.db, valuesGrid, schema.parse(request) as PageRequest);

const allPages = (request: Request, limit = 97) => readAllPages(page, request, limit);

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

  it.each(valueSortable.flatMap((column) => [[column, 'asc'], [column, 'desc']] as const))(
    'gives every value once, in the order of one sorted query: %s %s',
    (column, direction) => {
      const paged = allPages({ sort: { column, direction } }, 500);
      const expected = store.db
        .prepare(`SELECT p.id FROM indicator_points p ORDER BY ${valuesGrid.columns[column].sql} ${direction}, p.id ${direction}`)
        .pluck()
        .all();
      expect(paged.map((row) => row.id)).toEqual(expected);
    },
  );

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
    const rows = allPages({ filters: [{ kind: 'number', column: 'value', op: 'gt', value: 79.5 }], sort: { column: 'value', direction: 'asc' } });
    expect(rows.length).toBe(count({ filters: [{ kind: 'number', column: 'value', op: 'gt', value: 79.5 }] }));
    expect(rows.every((row) => row.value > 79.5)).toBe(true);
    expect(count({ filters: [{ kind: 'text', column: 'geoCode', op: 'startsWith', value: '12' }] })).toBe(
      store.db.prepare("SELECT count(*) FROM indicator_values WHERE geo_code LIKE '12%'").pluck().get(),
    );
    expect(count({ filters: [{ kind: 'text', column: 'geoCode', op: 'equals', value: '9999' }] })).toBe(0);
  });

  it('seeks through the sort column index at any depth, never a full sort', () => {
    for (const column of valueSortable) {
      for (const after of [null, { value: 0, id: 0 }]) {
        const plan = pagePlan(store.db, valuesGrid, schema.parse({ sort: { column, direction: 'desc' }, after }) as PageRequest);
        expect(plan, column).not.toMatch(/TEMP B-TREE/);
        expect(plan, column).toMatch(/USING (COVERING )?INDEX/);
        if (after) expect(plan, column).toMatch(/MERGE \(UNION ALL\)/);
      }
    }
  });

});

describe('migration 0005', () => {
  it('keeps every value of a 0004 store, with its import, and gives each its place for sorting', () => {
    const before = tempDir();
    cpSync(resourcesDir, before, { recursive: true });
    rmSync(join(before, 'migrations', '0005-values-grid.sql'));
    const path = join(tempDir(), 'upgrade.sqlite');
    const old = openStore(path, { resourcesDir: before });
    expect(old.schemaVersion).toBe(4);
    putValues(old.db);
    old.db.exec("INSERT INTO indicator_imports (id, file_name, format, imported_at) VALUES (1, 'a.csv', 'csv', '2024-01-01')");
    old.db.exec("UPDATE indicator_points SET import_id = 1 WHERE period = 2020");
    const snapshot = (db: Store['db']) => db.prepare('SELECT * FROM indicator_values ORDER BY indicator_code, geo_code, period, sex').all();
    const values = snapshot(old.db);
    old.close();

    const upgraded = openStore(path, { resourcesDir });
    expect(upgraded.schemaVersion).toBe(5);
    expect(snapshot(upgraded.db)).toEqual(values);
    expect(
      upgraded.db.prepare('SELECT count(*) FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id WHERE p.geo_code IS NOT s.geo_code').pluck().get(),
    ).toBe(0);
    // The view's triggers and the history trigger work on the rebuilt table.
    upgraded.db.prepare("UPDATE indicator_values SET value = 1, import_id = 1 WHERE indicator_code = 'OJI' AND geo_code = '0180' AND period = 2021").run();
    expect(upgraded.db.prepare('SELECT count(*) FROM indicator_value_history').pluck().get()).toBe(1);
    upgraded.close();
  });
});
