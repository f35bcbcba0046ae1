import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import type { ImportSummary } from '../main/contract/domains/imports';
import { importIndicators } from '../main/importers/indicators/import-indicators';
import type { ParseWorker } from '../main/domain/parse-worker';
import { parseWorkerAt } from '../main/importers/indicators/parse-in-worker';
import { csvRecordBatches } from '../main/importers/tabular/csv-records';
import { openCsv } from '../main/importers/tabular/csv-source';
import { openStore, type Store } from '../main/store/open-store';
import { benchValueKeys, writeLongCsv } from './indicator-file';

// GRANTLENS_BENCH_VALUES=10000000 npm run bench gives the figure (a few minutes); the
// default keeps `npm run bench` within a minute. The rate is for a fresh import into a store,
// parsing, validation and writing included, then for re-importing the same file (all unchanged),
// once with the years outermost (the hardest order for the key) and once in key order. The file
// is read by the parse worker, as the app reads large files (`npm run bench` builds it first); the
// baseline is the same fresh import read on the importing thread.

const VALUES = Number(process.env.GRANTLENS_BENCH_VALUES ?? 300_000);
const root = resolve(import.meta.dirname, '..');
const resourcesDir = join(root, 'resources');
const parseWorker = { ...parseWorkerAt(join(root, 'out', 'main', 'csv-parse-worker.js')), fromBytes: 0 };
if (!existsSync(parseWorker.file)) throw new Error(`${parseWorker.file} is missing: run \`npm run build\` first (npm run bench does).`);
const dir = mkdtempSync(join(tmpdir(), 'grantlens-bench-'));
let indicators: string[] = [];
let places: string[] = [];
const count = (n: number) => Math.round(n).toLocaleString('sv-SE');

async function timedImport(store: Store, file: string, worker: ParseWorker | null): Promise<{ seconds: number; summary: ImportSummary }> {
  const started = performance.now();
  const summary = await importIndicators(store.db, file, { dryRun: false, strict: false, progress: () => {}, parseWorker: worker });
  return { seconds: (performance.now() - started) / 1000, summary };
}

for (const order of ['years-outer', 'key-order'] as const) {
  const newStore = (name: string) => {
    const store = openStore(join(dir, `${order}-${name}.sqlite`), { resourcesDir });
    ({ indicators, places } = benchValueKeys(store.db, 100));
    return store;
  };
  const baselineStore = newStore('baseline');
  const file = join(dir, `${order}.csv`);
  await writeLongCsv(file, VALUES, indicators, places, order);
  const baseline = await timedImport(baselineStore, file, null);
  baselineStore.close();
  console.log(`indicator import of ${count(VALUES)} values (${order}), read on the importing thread (baseline): ${baseline.seconds.toFixed(1)} s, ${count(VALUES / baseline.seconds)} values/s`);

  const store = newStore('worker');
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  for (const run of ['import', 're-import']) {
    const { seconds, summary } = await timedImport(store, file, parseWorker);
    console.log(
      `indicator ${run} of ${count(VALUES)} values (${order}), read in the parse worker: ${seconds.toFixed(1)} s, ` +
        `${count(VALUES / seconds)} values/s` +
        (run === 'import' ? `, ${(baseline.seconds / seconds).toFixed(2)}x the baseline` : '') +
        ` (inserted ${count(summary.inserted)}, unchanged ${count(summary.unchanged)}, rejected ${summary.rejected})`,
    );
  }
  clearInterval(sampler);
  // The worker's heap is in the process's resident memory too.
  console.log(`peak resident memory during the ${order} imports in the worker: ${Math.round(peakRss / 2 ** 20)} MB`);
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
