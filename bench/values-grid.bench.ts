import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { pageArgs, valueFilterable, valueSortable, type GridFilter, type PageRequest } from '../main/contract/calls';
import { valueKeys, valuesGrid } from '../main/services/indicators/values-grid';
import { countRows, queryPage } from '../main/services/paging/page-query';
import { openStore } from '../main/store/open-store';
import { defineBenchIndicators } from './indicator-file';

// The values grid's page latency over GRANTLENS_BENCH_VALUES values (300,000 by default, as the
// import bench; 10,000,000 for the figure). The store is filled by SQL rather than by an
// import, which bench/indicator-import.bench.ts measures: 100 indicators over every county and
// municipality, by sex, as many years as it takes. The baseline is the first page in id order.

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
     INSERT INTO indicator_points (series_id, period, value, geo_code)
     SELECT s.id, y.year, ((s.id * 7919 + y.year * 104729) % 100000) / 100.0, s.geo_code
       FROM years y, indicator_series s ORDER BY y.year, s.id LIMIT ?`,
  ).run(Math.ceil(VALUES / series), VALUES);
})();
db.exec('ANALYZE');
console.log(`values grid bench store: ${VALUES.toLocaleString('sv-SE')} values in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const schema = pageArgs(valueSortable, valueFilterable);
const request = (args: object) => schema.parse(args) as PageRequest;
const page = (args: object) => queryPage(db, valuesGrid, request(args), valueKeys);
const count = (args: object) => countRows(db, valuesGrid, request(args));
const middle = Math.floor(VALUES / 2);
const oneIndicator: GridFilter = { kind: 'set', column: 'indicator', values: [indicators[42]!] };
const oneYear: GridFilter = { kind: 'number', column: 'year', op: 'eq', value: 1901 };
// Cursors at the middle of each sort, as a user who scrolled there holds them.
started = performance.now();
const deep = Object.fromEntries(
  valueSortable.map((column) => [column, page({ sort: { column, direction: 'desc' }, skip: middle - 1, limit: 1 }).next]),
) as Record<(typeof valueSortable)[number], PageRequest['after']>;
const indicatorMiddle = Math.floor(count({ filters: [oneIndicator] }) / 2);
const deepInIndicator = page({ filters: [oneIndicator], sort: { column: 'value', direction: 'desc' }, skip: indicatorMiddle - 1, limit: 1 }).next;
console.log(`cursors at the middle of each sort found by skipping in ${((performance.now() - started) / 1000).toFixed(1)} s`);

describe(`values grid page (100 rows) over ${VALUES.toLocaleString('sv-SE')} values`, () => {
  bench('baseline: first page in id order', () => {
    page({});
  });
  bench('first page sorted by value (desc)', () => {
    page({ sort: { column: 'value', direction: 'desc' } });
  });
  for (const column of valueSortable) {
    bench(`keyset page in the middle, sorted by ${column} (desc)`, () => {
      page({ sort: { column, direction: 'desc' }, after: deep[column] });
    });
  }
  bench('jump to the middle without a cursor (OFFSET over the value index)', () => {
    page({ sort: { column: 'value', direction: 'desc' }, skip: middle });
  });
  bench('one indicator and year, first page sorted by value', () => {
    page({ filters: [oneIndicator, oneYear], sort: { column: 'value', direction: 'desc' } });
  });
  bench('one indicator, keyset page in the middle of its values sorted by value', () => {
    page({ filters: [oneIndicator], sort: { column: 'value', direction: 'desc' }, after: deepInIndicator });
  });
  bench('place name filter ("Malmö"), first page sorted by year', () => {
    page({ filters: [{ kind: 'text', column: 'placeName', op: 'equals', value: 'Malmö' }], sort: { column: 'year', direction: 'asc' } });
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
