import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { applicationFilterable, applicationSortable, pageArgs, type PageRequest } from '../main/contract/calls';
import { importRegister } from '../main/importers/register/import-register';
import { openCsv } from '../main/importers/tabular/csv-source';
import { generateDemo } from '../main/services/demo/generate-demo';
import { countRows, queryPage } from '../main/services/paging/page-query';
import { applicationKeys, applicationsGrid } from '../main/services/register/register-grids';
import { openStore } from '../main/store/open-store';
import { DEMO_BASE_DAY } from '../main/services/demo/demo-calendar';

// Grid page latency over GRANTLENS_BENCH_APPLICATIONS applications (1,000,000 by default; the demo
// takes a few minutes to build that) and import speed over GRANTLENS_BENCH_IMPORT_ROWS rows. Each is
// set against a baseline in the same process: the first page in id order, and reading the same CSV
// file without writing anything.

const APPLICATIONS = Number(process.env.GRANTLENS_BENCH_APPLICATIONS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.GRANTLENS_BENCH_IMPORT_ROWS ?? 100_000);
const resourcesDir = resolve(import.meta.dirname, '..', 'resources');
const dir = mkdtempSync(join(tmpdir(), 'grantlens-register-bench-'));
const store = openStore(join(dir, 'register.sqlite'), { resourcesDir });
const scale = Math.max(1, Math.ceil(APPLICATIONS / 1504));
let started = performance.now();
const demo = generateDemo({ store, progress: () => {} }, { scale, seed: 2021, today: DEMO_BASE_DAY });
console.log(`register bench store: ${demo.applications.toLocaleString('sv-SE')} applications in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const schema = pageArgs(applicationSortable, applicationFilterable);
const request = (args: object) => schema.parse(args) as PageRequest;
const page = (args: object) => queryPage(store.db, applicationsGrid, request(args), applicationKeys);
const count = (args: object) => countRows(store.db, applicationsGrid, request(args));
const middle = Math.floor(demo.applications / 2);
// The cursors at the middle of two sorts, as a user who scrolled there holds them.
const deepByRequested = page({ sort: { column: 'requestedOre', direction: 'desc' }, skip: middle - 1, limit: 1 });
const deepByTitle = page({ sort: { column: 'title', direction: 'asc' }, skip: middle - 1, limit: 1 });

// An import file of the size asked for, in the shared Swedish format.
const csvPath = join(dir, 'applications.csv');
const lines = ['Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;Län;År;Sökt belopp;Beviljat belopp;Status;Steg'];
for (let i = 0; i < IMPORT_ROWS; i++) {
  lines.push(`2030-${i};Malmö stad;212000-1124;Kommun;1280;12;2024;${(100_000 + i).toLocaleString('sv-SE')},00;;Inkommen;Plan`);
}
writeFileSync(csvPath, `\uFEFF${lines.join('\r\n')}\r\n`);
const importStore = openStore(join(dir, 'import.sqlite'), { resourcesDir });
started = performance.now();
const summary = await importRegister(importStore.db, csvPath, { kind: 'applications', dryRun: false, strict: false, progress: () => {} });
const importSeconds = (performance.now() - started) / 1000;
started = performance.now();
const source = await openCsv(csvPath);
let read = 0;
for await (const _row of source.rows()) read++;
await source.close();
const readSeconds = (performance.now() - started) / 1000;
console.log(
  `import: ${summary.inserted.toLocaleString('sv-SE')} rows in ${importSeconds.toFixed(1)} s = ${Math.round(summary.inserted / importSeconds).toLocaleString('sv-SE')} rows/s ` +
    `(baseline, reading the file only: ${Math.round(read / readSeconds).toLocaleString('sv-SE')} rows/s); ` +
    `re-import of the same file changes nothing: see the unit tests`,
);

describe(`applications grid page (100 rows) over ${demo.applications.toLocaleString('sv-SE')} applications`, () => {
  bench('baseline: first page in id order', () => {
    page({});
  });
  bench('first page sorted by title', () => {
    page({ sort: { column: 'title', direction: 'asc' } });
  });
  bench('keyset page in the middle, sorted by requested amount (desc)', () => {
    page({ sort: { column: 'requestedOre', direction: 'desc' }, after: deepByRequested.next });
  });
  bench('keyset page in the middle, sorted by title', () => {
    page({ sort: { column: 'title', direction: 'asc' }, after: deepByTitle.next });
  });
  bench('jump to the middle without a cursor (OFFSET over the sort index)', () => {
    page({ sort: { column: 'requestedOre', direction: 'desc' }, skip: middle });
  });
  // A new view's rows show after its first page; its count is a call of its own, answered after.
  const searched = { search: 'läxhj' };
  const granted = { filters: [{ kind: 'set', column: 'status', values: ['granted'] }], sort: { column: 'grantedOre', direction: 'desc' } };
  bench('full-text search "läxhj", first page', () => {
    page(searched);
  });
  bench('full-text search "läxhj", its count (asked apart)', () => {
    count(searched);
  });
  bench('status filter, sorted by granted amount, first page', () => {
    page(granted);
  });
  bench('status filter, its count (asked apart)', () => {
    count(granted);
  });
});
