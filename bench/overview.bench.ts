import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { generateDemo } from '../main/services/demo/generate-demo';
import { overview } from '../main/services/overview';
import { openStore } from '../main/store/open-store';
import { DEMO_BASE_DAY } from '../main/services/demo/demo-calendar';

// Figures are ratios against a baseline run in the same process on the same store: a plain
// count(*) over the applications table, the least any overview must do.

const SCALE = Number(process.env.GRANTLENS_BENCH_SCALE ?? 100);
const resourcesDir = resolve(import.meta.dirname, '..', 'resources');
const store = openStore(join(mkdtempSync(join(tmpdir(), 'grantlens-bench-')), 'bench.sqlite'), { resourcesDir });
const started = performance.now();
const result = generateDemo({ store, progress: () => {} }, { scale: SCALE, seed: 2021, today: DEMO_BASE_DAY });
const seconds = (performance.now() - started) / 1000;
const rows = result.applications + result.decisions + result.payments + result.organisations + result.indicatorValues;
console.log(
  `demo generation at scale ${SCALE}: ${result.applications.toLocaleString('sv-SE')} applications, ` +
    `${rows.toLocaleString('sv-SE')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('sv-SE')} rows/s)`,
);

const count = store.db.prepare('SELECT count(*) FROM applications').pluck();

describe(`overview over ${result.applications.toLocaleString('sv-SE')} applications`, () => {
  bench('baseline: count(*) of applications', () => {
    count.get();
  });
  bench('overview.get', () => {
    overview(store);
  });
});
