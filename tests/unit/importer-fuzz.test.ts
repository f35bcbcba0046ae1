import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../main/contract/domains/imports';
import { AppError, errorCodes } from '../../main/contract/errors';
import { rejectReasons } from '../../main/contract/reject-reasons';
import { importAreas } from '../../main/importers/areas/import-areas';
import { importIndicators } from '../../main/importers/indicators/import-indicators';
import { importRegister } from '../../main/importers/register/import-register';
import { openStore, type Store } from '../../main/store/open-store';
import { repoRoot, resourcesDir, useTempDir } from '../support/temp-dir';

// Every importer over malformed versions of a good file: each ends in a summary whose rejects have
// known codes, or in a refusal with a known error code (never INTERNAL, never a crash), and a
// refusal leaves the store as it was. Runs are few and files small, so this stays a few seconds
// of `npm test`; GRANTLENS_FUZZ_RUNS=500 runs it harder.

const RUNS = Number(process.env.GRANTLENS_FUZZ_RUNS ?? 8);
const tempDir = useTempDir();
const formats = join(repoRoot, 'tests', 'fixtures', 'formats');
const knownErrors = errorCodes.filter((code) => code !== 'INTERNAL');

type Importer = (store: Store, path: string) => Promise<ImportSummary>;

/** What an import could have changed, as counts of every table it writes. */
function contentOf(store: Store): Record<string, number> {
  const tables = ['applications', 'organisations', 'decisions', 'grant_calls', 'edits', 'indicator_points', 'indicator_series', 'indicator_imports', 'stat_areas', 'area_types'];
  return Object.fromEntries(tables.map((table) => [table, store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
}

/** One way to spoil a file; `at` is a place in it, from 0 (start) to 1 (end). */
const spoil = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.oneof(fc.constant(Buffer.from([0])), fc.constant(Buffer.from('"')), fc.uint8Array({ minLength: 1, maxLength: 16 }).map(Buffer.from), fc.string({ maxLength: 12 }).map((text) => Buffer.from(text))) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }).map(Buffer.from) }),
  fc.record({ kind: fc.constant('bigField' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('utf16' as const) }),
  fc.record({ kind: fc.constant('wideHeader' as const) }),
);
type Spoil = typeof spoil extends fc.Arbitrary<infer T> ? T : never;

function spoiled(file: Buffer, spoils: Spoil[]): Buffer {
  let bytes = file;
  for (const change of spoils) {
    const at = 'at' in change ? Math.floor(change.at * bytes.length) : 0;
    if (change.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
    else if (change.kind === 'overwrite') bytes = Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at + change.bytes.length)]);
    // A one-megabyte field (or member, or cell of text) in the middle of the file.
    else if (change.kind === 'bigField') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(2 ** 20, 'x'), bytes.subarray(at)]);
    else if (change.kind === 'utf16') bytes = iconv.encode(bytes.toString('utf8'), 'utf-16le', { addBOM: true });
    // 100,000 columns in front of the first line.
    else bytes = Buffer.concat([Buffer.from(`${Array.from({ length: 100_000 }, (_, i) => `k${i}`).join(';')};`), bytes]);
  }
  return bytes;
}

/** Runs one spoiled file through an importer and checks how it ended. */
async function endsClearly(store: Store, importer: Importer, path: string): Promise<void> {
  const before = contentOf(store);
  try {
    const summary = await importer(store, path);
    for (const reject of summary.rejects) expect(Object.keys(rejectReasons), reject.reason).toContain(reject.code);
    expect(summary.rejected).toBeGreaterThanOrEqual(summary.rejects.length);
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`not a clear reason: ${String((error as Error)?.stack ?? error)}`);
    expect(knownErrors, error.message).toContain(error.code);
    expect(error.message.length, 'a reason, not the file').toBeLessThan(2000);
    expect(contentOf(store)).toEqual(before);
  }
}

/** A file's bytes, shown in a counterexample by how they were made rather than byte by byte. */
interface Input {
  bytes: Buffer;
  [fc.toStringMethod](): string;
}

function input(bytes: Buffer, made: unknown): Input {
  const text = JSON.stringify(made, (_key, value: unknown) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value));
  return { bytes, [fc.toStringMethod]: () => `${text.slice(0, 2000)} (${bytes.length} bytes)` };
}

async function fuzz(name: string, base: Buffer, importer: Importer, extra: fc.Arbitrary<Buffer> | null = null): Promise<void> {
  const dir = tempDir();
  const store = openStore(join(dir, 'store.sqlite'), { resourcesDir });
  const path = join(dir, name);
  const inputs = fc.array(spoil, { minLength: 1, maxLength: 3 }).map((spoils) => input(spoiled(base, spoils), spoils));
  const others = extra?.map((bytes) => input(bytes, bytes.subarray(0, 300).toString('latin1')));
  await fc.assert(
    fc.asyncProperty(others ? fc.oneof(inputs, others) : inputs, async ({ bytes }) => {
      writeFileSync(path, bytes);
      await endsClearly(store, importer, path);
    }),
    { numRuns: RUNS },
  );
  store.close();
}

const register: Importer = (store, path) => importRegister(store.db, path, { kind: 'applications', dryRun: false, strict: false, progress: () => {} });
const indicators: Importer = (store, path) => importIndicators(store.db, path, { dryRun: false, strict: false, progress: () => {} });
const areas: Importer = (store, path) => importAreas(store.db, path, { dryRun: false, strict: false });

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Blad1').addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const applicationRows = [
  ['Diarienummer', 'Sökande', 'Organisationsnummer', 'Typ', 'År', 'Sökt belopp', 'Steg', 'Titel', 'Inkom'],
  ['2021-00012', 'Malmö stad', '212000-1124', 'Kommun', '2021', '1 250 000,50', 'Insats', 'Läxhjälp i Rosengård', '2021-03-01'],
  ['2021-00020', 'Föreningen Ängsö', '802400-0005', 'Ideell förening', '2021', '380 000', 'Kartläggning', 'Ängsö "kartlägger"', '2021-03-02'],
];
const valueRows = [
  ['Indikator', 'Kommun', 'År', 'Kön', 'Värde'],
  ['N00914', '0180', '2021', 'T', '7,1'],
  ['N00914', '1280', '2021', 'K', '6,8'],
  ['N00914', '0180', '2022', 'T', '..'],
];
const csvOf = (rows: string[][]) => Buffer.from(`${rows.map((row) => row.map((cell) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(';')).join('\r\n')}\r\n`);

/** JSON that is valid but wrong where it matters: deep nesting, sizes that disagree with the values, strings where numbers belong. */
function jsonStatVariants(document: Record<string, unknown>): fc.Arbitrary<Buffer> {
  const deep = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  return fc.oneof(
    fc.integer({ min: 1, max: 100_000 }).map((depth) => Buffer.from(JSON.stringify({ ...document, value: 0 }).replace('"value":0', `"value":${deep(depth)}`))),
    fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 4 }).map((size) => Buffer.from(JSON.stringify({ ...document, size }))),
    fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.constant('..')), { maxLength: 30 }).map((value) => Buffer.from(JSON.stringify({ ...document, value }))),
  );
}

describe('every importer ends malformed input with a clear reason and, when it refuses, no change', () => {
  it('register CSV', async () => {
    await fuzz('applications.csv', csvOf(applicationRows), register);
  });

  it('register XLSX', async () => {
    await fuzz('applications.xlsx', await xlsxOf(applicationRows), register, fc.uint8Array({ maxLength: 4096 }).map(Buffer.from));
  });

  it('indicator CSV', async () => {
    await fuzz('values.csv', csvOf(valueRows), indicators);
  });

  it('indicator XLSX', async () => {
    await fuzz('values.xlsx', await xlsxOf(valueRows), indicators, fc.uint8Array({ maxLength: 4096 }).map(Buffer.from));
  });

  it('JSON-stat', async () => {
    const base = readFileSync(join(formats, 'pxweb-jsonstat2.json'));
    await fuzz('values.json', base, (store, path) => importIndicators(store.db, path, { format: 'jsonstat', dryRun: false, strict: false, progress: () => {} }), jsonStatVariants(JSON.parse(base.toString('utf8'))));
  });

  it('Kolada', async () => {
    const base = readFileSync(join(formats, 'kolada-values.json'));
    const document = JSON.parse(base.toString('utf8')) as { values: Record<string, unknown>[] };
    // Kolada's fields with strings where numbers belong, objects where strings do.
    const odd = fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.object({ maxDepth: 2 }), fc.array(fc.string(), { maxLength: 3 }));
    const records = fc.array(fc.record({ kpi: odd, municipality: odd, period: odd, values: fc.oneof(odd, fc.array(fc.record({ gender: odd, value: odd }), { maxLength: 3 })) }), { maxLength: 5 });
    await fuzz('kolada.json', base, indicators, records.map((values) => Buffer.from(JSON.stringify({ ...document, values }))));
  });

  it('areas', async () => {
    const rows = [['Kod', 'Namn', 'RegSO', 'Områdestyp', 'År'], ['0180R001', 'Rinkeby', '', '1', '2021'], ['0180C1010', '', '0180R001', '', '']];
    await fuzz('areas.csv', csvOf(rows), areas);
  });
});
