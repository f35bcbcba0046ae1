import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { importIndicators } from '../main/importers/indicators/import-indicators';
import { csvRecordBatches } from '../main/importers/tabular/csv-records';
import { openCsv } from '../main/importers/tabular/csv-source';
import { openStore } from '../main/store/open-store';
import { defineBenchIndicators, writeLongCsv } from './indicator-file';

// GRANTLENS_BENCH_VALUES=10000000 npm run bench gives the figure (several minutes); the
// default keeps `npm run bench` within a minute. The rate is for a fresh import into a store,
// parsing, validation and writing included, then for re-importing the same file (all unchanged),
// once with the years outermost (the hardest order for the key) and once in key order.

const VALUES = Number(process.env.GRANTLENS_BENCH_VALUES ?? 300_000);
const resourcesDir = resolve(import.meta.dirname, '..', 'resources');
const dir = mkdtempSync(join(tmpdir(), 'grantlens-bench-'));
let indicators: string[] = [];
let places: string[] = [];

for (const order of ['years-outer', 'key-order'] as const) {
  const store = openStore(join(dir, `${order}.sqlite`), { resourcesDir });
  indicators = defineBenchIndicators(store.db, 100);
  places = store.db.prepare('SELECT code FROM geographies ORDER BY code').pluck().all() as string[];
  const file = join(dir, `${order}.csv`);
  await writeLongCsv(file, VALUES, indicators, places, order);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  for (const run of ['import', 're-import']) {
    const started = performance.now();
    const summary = await importIndicators(store.db, file, { dryRun: false, strict: false, progress: () => {} });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `indicator ${run} of ${VALUES.toLocaleString('sv-SE')} values (${order}): ${seconds.toFixed(1)} s, ` +
        `${Math.round(VALUES / seconds).toLocaleString('sv-SE')} values/s ` +
        `(inserted ${summary.inserted.toLocaleString('sv-SE')}, unchanged ${summary.unchanged.toLocaleString('sv-SE')}, rejected ${summary.rejected})`,
    );
  }
  clearInterval(sampler);
  console.log(`peak resident memory during the ${order} imports: ${Math.round(peakRss / 2 ** 20)} MB`);
  store.close();
  rmSync(file);
}

const sample = join(dir, 'sample.csv');
await writeLongCsv(sample, 100_000, indicators, places);

describe('reading 100,000 long-form CSV rows', () => {
  bench('baseline: csv-parse through the shared tabular reader', async () => {
    const source = await openCsv(sample);
    for await (const _row of source.rows());
    await source.close();
  });
  bench('indicators: the chunked record splitter', async () => {
    for await (const _batch of csvRecordBatches(sample, 'utf-8', ';'));
  });
});
