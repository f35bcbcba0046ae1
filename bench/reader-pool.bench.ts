import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { unwrap } from '../main/contract/errors';
import { ServiceHost } from '../main/host/service-host';

// A grid page's latency through the service host (worker threads, as the app runs it) over
// GRANTLENS_BENCH_POOL_APPLICATIONS applications (30,000 by default): alone, while a 3-second read
// holds a reader, and while an import of GRANTLENS_BENCH_POOL_IMPORT_ROWS rows (50,000) writes, as
// ratios of p50 and p95 against alone. The long read is the worker's stall fault injection: 3 s in
// SQLite statements that nothing can interrupt, as a long count or cross-tab would spend. Needs
// `npm run build` (npm run bench does it) for out/main/service-worker.js.

const APPLICATIONS = Number(process.env.GRANTLENS_BENCH_POOL_APPLICATIONS ?? 30_000);
const IMPORT_ROWS = Number(process.env.GRANTLENS_BENCH_POOL_IMPORT_ROWS ?? 50_000);
const LONG_READ_MS = 3000;
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'grantlens-pool-bench-'));
const host = new ServiceHost(join(root, 'out', 'main', 'service-worker.js'), {
  resourcesDir: join(root, 'resources'),
  stall: { call: 'applications.count', ms: LONG_READ_MS },
});
unwrap(await host.open(join(dir, 'pool.sqlite')));
unwrap(await host.call('demo.load', { scale: Math.max(1, Math.ceil(APPLICATIONS / 1504)) }));

const query = { sort: { column: 'title', direction: 'asc' }, filters: [], search: '' };
const latencies = { alone: [] as number[], 'beside a 3-second read': [] as number[], 'during an import': [] as number[] };
type Condition = keyof typeof latencies;

async function page(condition: Condition): Promise<void> {
  const started = performance.now();
  unwrap(await host.call('applications.page', { ...query, after: null, skip: 0, limit: 100 }));
  latencies[condition].push(performance.now() - started);
}

/** Runs `work` again and again until stopped: the load a condition keeps up while pages are timed. */
function keepBusy(work: (round: number) => Promise<unknown>): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    for (let round = 0; running; round++) await work(round);
  })();
  return async () => {
    running = false;
    await loop;
  };
}

function importFile(round: number): string {
  const lines = ['Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;Län;År;Sökt belopp;Beviljat belopp;Status;Steg'];
  for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`2040-${round}-${i};Malmö stad;212000-1124;Kommun;1280;12;2024;${100_000 + i},00;;Inkommen;Plan`);
  const path = join(dir, `import-${round}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let stop: () => Promise<void> = async () => {};
const options = (start: () => () => Promise<void>) => ({
  time: 4000,
  setup: () => {
    stop = start();
  },
  teardown: async () => {
    await stop();
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

afterAll(async () => {
  const alone = [...latencies.alone].sort((a, b) => a - b);
  const lines = Object.entries(latencies).map(([condition, samples]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const p95 = percentile(sorted, 0.95);
    return `  ${condition.padEnd(24)} p50 ${p50.toFixed(1)} ms (×${(p50 / percentile(alone, 0.5)).toFixed(2)}), p95 ${p95.toFixed(1)} ms (×${(p95 / percentile(alone, 0.95)).toFixed(2)}), ${sorted.length} pages`;
  });
  console.log(`grid page (100 rows, sorted by title) through the reader pool:\n${lines.join('\n')}`);
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`grid page through the service host over ${APPLICATIONS.toLocaleString('sv-SE')} applications`, () => {
  bench('baseline: alone', () => page('alone'), { time: 4000 });
  bench(
    `beside a ${LONG_READ_MS / 1000}-second read`,
    () => page('beside a 3-second read'),
    options(() => keepBusy(() => host.call('applications.count', { sort: null, filters: [], search: '' }))),
  );
  bench(
    `during an import of ${IMPORT_ROWS.toLocaleString('sv-SE')} rows`,
    () => page('during an import'),
    options(() => keepBusy((round) => host.registerFile(importFile(round)).then((file) => host.call('import.run', { fileId: unwrap<{ fileId: string }>(file).fileId, kind: 'applications' })))),
  );
});
