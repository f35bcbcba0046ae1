import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { calls, valueSortable, type GridFilter, type PageRequest } from '../main/contract/calls';
import { valueKeys, valuesGrid } from '../main/services/indicators/values-grid';
import { countRows, queryPage } from '../main/services/paging/page-query';
import { openStore } from '../main/store/open-store';
import { defineBenchIndicators } from './indicator-file';

// The values grid's page latency over GRANTLENS_BENCH_VALUES values (300,000 by default, as the
// import bench; 10,000,000 for the figure). The store is filled by SQL rather than by an
// import, which bench/indicator-import.bench.ts measures: 100 indicators over every county and
// municipality, by sex, as many years as it takes. The baseline is the first page in id order.
// The grid sorts within one indicator only (0006), so every sorted case filters one: a hundredth of
// the values here, which SQLite reads through the (series, year) key and sorts for each page.

const VALUES = Number(process.env.GRANTLENS_BENCH_VALUES ?? 300_000);
const resourcesDir = resolve(import.meta.dirname, '..', 'resources');
const dir = mkdtempSync(join(tmpdir(), 'grantlens-values-bench-'));
const store = openStore(join(dir, 'values.sqlite'), { resourcesDir });
// At ten million values the store takes gigabytes.
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
const db = store.db;
let started = performance.now();
const indicators = defineBenchIndicators(db, 100);
db.exec(`INSERT INTO indicator_series (indicator_code, geo_code, sex)
  SELECT i.code, g.code, x.sex FROM indicators i, geographies g, (SELECT 'T' AS sex UNION ALL SELECT 'K' UNION ALL SELECT 'M') x
   WHERE i.code LIKE 'BENCH%' ORDER BY i.code, g.code, x.sex`);
const series = db.prepare('SELECT count(*) FROM indicator_series').pluck().get() as number;
db.pragma('cache_size = -262144');
db.transaction(() => {
  db.prepare(
    `WITH RECURSIVE years (year) AS (SELECT 1901 UNION ALL SELECT year + 1 FROM years WHERE year < 1900 + ?)
     INSERT INTO indicator_points (series_id, period, value)
     SELECT s.id, y.year, ((s.id * 7919 + y.year * 104729) % 100000) / 100.0
       FROM years y, indicator_series s ORDER BY y.year, s.id LIMIT ?`,
  ).run(Math.ceil(VALUES / series), VALUES);
})();
db.exec('ANALYZE');
console.log(`values grid bench store: ${VALUES.toLocaleString('sv-SE')} values in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// Requests pass the contract's own check, as the renderer's do: a sort it refuses is never benched.
const pageSchema = calls['indicators.valuesPage'].args;
const countSchema = calls['indicators.valuesCount'].args;
const page = (args: object) => queryPage(db, valuesGrid, pageSchema.parse(args) as PageRequest, valueKeys);
const count = (args: object) => countRows(db, valuesGrid, countSchema.parse(args) as PageRequest);
const oneIndicator: GridFilter = { kind: 'set', column: 'indicator', values: [indicators[42]!] };
const oneYear: GridFilter = { kind: 'number', column: 'year', op: 'eq', value: 1901 };
const malmo: GridFilter = { kind: 'text', column: 'placeName', op: 'equals', value: 'Malmö' };
const perIndicator = count({ filters: [oneIndicator] });
// Cursors at the middle of one indicator's values in each sort, as a user who scrolled there holds them.
started = performance.now();
const middle = Math.floor(perIndicator / 2);
const deep = Object.fromEntries(
  valueSortable.map((column) => [column, page({ filters: [oneIndicator], sort: { column, direction: 'desc' }, skip: middle - 1, limit: 1 }).next]),
) as Record<(typeof valueSortable)[number], PageRequest['after']>;
console.log(`cursors at the middle of one indicator's ${perIndicator.toLocaleString('sv-SE')} values found by skipping in ${((performance.now() - started) / 1000).toFixed(1)} s`);

describe(`values grid page (100 rows) over ${VALUES.toLocaleString('sv-SE')} values`, () => {
  bench('baseline: first page in id order', () => {
    page({});
  });
  bench('one indicator and year, first page in id order (the grid opens on it)', () => {
    page({ filters: [oneIndicator, oneYear] });
  });
  // What "all indicators" shows: the year stays chosen, and the rows come in id order.
  bench('every indicator in one year, first page in id order', () => {
    page({ filters: [oneYear] });
  });
  bench('one indicator and year, first page sorted by value (desc)', () => {
    page({ filters: [oneIndicator, oneYear], sort: { column: 'value', direction: 'desc' } });
  });
  bench('one indicator, first page sorted by value (desc)', () => {
    page({ filters: [oneIndicator], sort: { column: 'value', direction: 'desc' } });
  });
  for (const column of valueSortable) {
    bench(`one indicator, keyset page in the middle, sorted by ${column} (desc)`, () => {
      page({ filters: [oneIndicator], sort: { column, direction: 'desc' }, after: deep[column] });
    });
  }
  bench('place name filter ("Malmö"), first page in id order', () => {
    page({ filters: [malmo] });
  });
  bench('place name filter ("Malmö") and one indicator, first page sorted by year', () => {
    page({ filters: [malmo, oneIndicator], sort: { column: 'year', direction: 'asc' } });
  });
});

describe(`values grid count, asked apart from the page, over ${VALUES.toLocaleString('sv-SE')} values`, () => {
  bench('every value', () => {
    count({});
  });
  bench('one indicator', () => {
    count({ filters: [oneIndicator] });
  });
  bench('one indicator and year', () => {
    count({ filters: [oneIndicator, oneYear] });
  });
});
