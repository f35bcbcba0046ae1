import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { importDefinitions } from '../../main/importers/definitions/import-definitions';
import { importIndicators } from '../../main/importers/indicators/import-indicators';
import { parseWorkerAt } from '../../main/importers/indicators/parse-in-worker';
import { importRegister } from '../../main/importers/register/import-register';
import type { Store } from '../../main/store/open-store';
import { builtFile } from '../support/built';
import { grantlensSync } from '../support/grantlens-cli';
import { indicatorOptions as options, useImportFiles } from '../support/import-files';
import { repoRoot } from '../support/temp-dir';

// The files people really have: SCB's and municipalities' spreadsheets, Kolada and PxWeb JSON, and
// the mistakes made with them (issue 10, "Imports of real files"; issue 13, "Silent zero imports").

const { tempDir, newStore, file } = useImportFiles();
const formats = join(repoRoot, 'tests', 'fixtures', 'formats');

const valueCount = (store: Store) => store.db.prepare('SELECT count(*) FROM indicator_points').pluck().get() as number;

/** The AppError a promise fails with, so its code and details can be compared. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function jsonStat(sizes: number[], values: unknown[]): string {
  const dimension = (id: string, codes: string[]) => [id, { category: { index: codes } }] as const;
  return JSON.stringify({
    version: '2.0',
    class: 'dataset',
    id: ['ContentsCode', 'Region', 'Tid'],
    size: sizes,
    dimension: Object.fromEntries([
      dimension('ContentsCode', ['N00914']),
      dimension('Region', ['0180', '1280', '1480', '0114'].slice(0, sizes[1])),
      dimension('Tid', ['2020', '2021', '2022'].slice(0, sizes[2])),
    ]),
    value: values,
  });
}

describe('an import that finds no rows is refused, never "0 rows written"', () => {
  it('refuses a header-only CSV as IMPORT_EMPTY, on this thread and in the parse worker', async () => {
    const store = newStore();
    const path = file('bara-rubrik.csv', 'Indikator;Kommun;År;Värde\r\n');
    expect(await failure(importIndicators(store.db, path, options()))).toMatchObject({ code: 'IMPORT_EMPTY', details: { reason: 'headerOnly' } });
    const inWorker = options({ parseWorker: { ...parseWorkerAt(builtFile('main/csv-parse-worker.js')), fromBytes: 0 } });
    expect(await failure(importIndicators(store.db, path, inWorker))).toMatchObject({ code: 'IMPORT_EMPTY' });
    expect(store.db.prepare('SELECT count(*) FROM indicator_imports').pluck().get()).toBe(0);
  });

  it('reads a CSV whose lines end in a carriage return alone', async () => {
    const store = newStore();
    const path = file('mac.csv', ['Indikator;Kommun;År;Värde', 'N00914;0180;2021;7,1', 'N00914;1280;2021;11,9'].join('\r'));
    expect(await importIndicators(store.db, path, options())).toMatchObject({ rows: 2, accepted: 2, inserted: 2 });
  });

  it('refuses a Kolada response without values, and a JSON-stat file asked for as Kolada or the reverse', async () => {
    const store = newStore();
    const empty = file('tom.json', JSON.stringify({ count: 0, values: [] }));
    expect(await failure(importIndicators(store.db, empty, options()))).toMatchObject({ code: 'IMPORT_EMPTY', details: { reason: 'noValues' } });
    const kolada = join(formats, 'kolada-values.json');
    expect(await failure(importIndicators(store.db, kolada, options({ format: 'jsonstat' })))).toMatchObject({
      code: 'IMPORT_FORMAT_MISMATCH',
      details: { expected: 'jsonstat', found: 'kolada' },
    });
    const pxweb = join(formats, 'pxweb-jsonstat2.json');
    expect(await failure(importIndicators(store.db, pxweb, options({ format: 'kolada' })))).toMatchObject({
      code: 'IMPORT_FORMAT_MISMATCH',
      details: { expected: 'kolada', found: 'jsonstat' },
    });
    expect(valueCount(store)).toBe(0);
  });

  it('refuses a JSON-stat `value` list with fewer or more entries than cells, naming both counts', async () => {
    const store = newStore();
    const twelve = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const short = file('kort.json', jsonStat([1, 4, 3], twelve(3)));
    expect(await failure(importIndicators(store.db, short, options()))).toMatchObject({ code: 'JSONSTAT_VALUE_COUNT', details: { values: 3, cells: 12 } });
    const long = file('lang.json', jsonStat([1, 4, 3], twelve(100)));
    expect(await failure(importIndicators(store.db, long, options()))).toMatchObject({ code: 'JSONSTAT_VALUE_COUNT', details: { values: 100, cells: 12 } });
    expect(valueCount(store)).toBe(0);
  });

  it('refuses sizes of 16384 × 16384 by their product before allocating a cell for each', async () => {
    const store = newStore();
    const huge = file('stor.json', jsonStat([1, 16384, 16384], [1, 2, 3]));
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 1);
    const error = await failure(importIndicators(store.db, huge, options()));
    clearInterval(sampler);
    expect(error).toMatchObject({ code: 'JSONSTAT_VALUE_COUNT', details: { values: 3, cells: 16384 * 16384 } });
    // A cell each would be 2 GiB of numbers.
    expect(peak - before).toBeLessThan(64 * 2 ** 20);
  });

  it('refuses a register file with only its header, with the same code', async () => {
    const store = newStore();
    const path = file('ansokningar.csv', 'Diarienummer;Titel;Organisationsnummer\r\n');
    const error = await failure(importRegister(store.db, path, { kind: 'applications', dryRun: false, strict: false, progress: () => {} }));
    expect(error).toMatchObject({ code: 'IMPORT_EMPTY', details: { reason: 'headerOnly' } });
  });
});

const valuesOf = (store: Store, indicator: string) =>
  store.db
    .prepare('SELECT geo_code, period, value FROM indicator_values WHERE indicator_code = ? ORDER BY geo_code, period')
    .raw()
    .all(indicator);

describe('an indicator named in words', () => {
  it('is matched by its Swedish or English name, with case, spaces and punctuation folded', async () => {
    const store = newStore();
    // SCB's export: a title line, "0180 Stockholm" in one cell, the indicator in words with its unit.
    const summary = await importIndicators(store.db, join(formats, 'scb-arbetsloshet.csv'), options());
    expect(summary).toMatchObject({ rows: 8, accepted: 8, rejected: 0 });
    expect(summary.unknownIndicators).toBeUndefined();
    expect(valuesOf(store, 'N00914')).toContainEqual(['1280', 2022, 11.2]);
    const english = file('english.csv', 'Indicator;Municipality;Year;Value\nEMPLOYMENT RATE, age 20-64;0180;2021;81\n');
    expect(await importIndicators(store.db, english, options())).toMatchObject({ accepted: 1 });
  });

  it('says which names matched no indicator, and takes the indicator the user names for every row', async () => {
    const store = newStore();
    const path = join(formats, 'kommun-utbildning.csv');
    const checked = await importIndicators(store.db, path, options({ dryRun: true }));
    expect(checked).toMatchObject({ rows: 8, accepted: 0, rejected: 8 });
    expect(checked.unknownIndicators).toEqual([{ text: 'Eftergymnasial utbildning, andel (%)', values: 8, definable: false, name: null }]);
    expect(checked.rejects[0]).toMatchObject({ code: 'indicatorUnknown', field: 'Indikator' });

    const summary = await importIndicators(store.db, path, options({ indicator: 'UF0506EG' }));
    expect(summary).toMatchObject({ rows: 8, accepted: 8, rejected: 0 });
    expect(valuesOf(store, 'UF0506EG')).toContainEqual(['1280', 2021, 48.1]);
    // A file with no indicator column at all, once the user has said which it is.
    const noColumn = file('utan-indikator.csv', 'Kommun;2021\n0180;7,1\n');
    expect(await importIndicators(store.db, noColumn, options({ indicator: 'N00914' }))).toMatchObject({ accepted: 1 });
    expect(await failure(importIndicators(store.db, noColumn, options({ indicator: 'NOPE' })))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('takes the given indicator in the parse worker too', async () => {
    const store = newStore();
    const inWorker = options({ indicator: 'UF0506EG', parseWorker: { ...parseWorkerAt(builtFile('main/csv-parse-worker.js')), fromBytes: 0 } });
    expect(await importIndicators(store.db, join(formats, 'kommun-utbildning.csv'), inWorker)).toMatchObject({ accepted: 8, rejected: 0 });
  });
});

describe('place names beside the codes', () => {
  it('refuses a file whose labels mostly disagree with the store’s places for the same codes, naming examples', async () => {
    const store = newStore();
    // US states by FIPS code: 01 is Alabama there and Stockholms län here.
    const error = await failure(importIndicators(store.db, join(formats, 'us-gsp.json'), options({ indicator: 'N00914' })));
    expect(error).toMatchObject({ code: 'IMPORT_PLACES_DISAGREE', details: { checked: 5, disagreeing: 5 } });
    expect((error.details as { examples: unknown[] }).examples).toContainEqual({ code: '01', label: 'Alabama' });
    expect(error.message).toMatch(/01 "Alabama"/);
    expect(valueCount(store)).toBe(0);
  });

  it('allows for spelling ("Malmö kommun", "Stockholms stad", "Stockholm" for the county) and rejects the odd row that disagrees', async () => {
    const store = newStore();
    const path = file(
      'namn.csv',
      ['Kod;Namn;Indikator;2021', '0180;Stockholms stad;N00914;7,1', '1280;Malmö kommun;N00914;11,9', '01;Stockholm;N00914;6,8', '12;Skåne län;N00914;8,0', '1480;Uppsala;N00914;9,0'].join('\n'),
    );
    const summary = await importIndicators(store.db, path, options());
    expect(summary).toMatchObject({ rows: 5, accepted: 4, rejected: 1 });
    expect(summary.rejects[0]).toMatchObject({ row: 6, field: 'Kod', code: 'placeNameDisagrees', params: { code: '1480', label: 'Uppsala', name: 'Göteborg' } });
    // PxWeb's own labels agree with the store's names.
    expect(await importIndicators(store.db, join(formats, 'pxweb-jsonstat2.json'), options())).toMatchObject({ rejected: 0 });
  });
});

const definitionOf = (store: Store, code: string) =>
  store.db.prepare('SELECT name_sv, name_en, unit, source, sexes, levels, name_missing FROM indicators WHERE code = ?').get(code);

describe('indicators the store does not know', () => {
  it('are listed as definable by a check, and defined from a Kolada file by code, the name marked missing', async () => {
    const store = newStore();
    const path = join(formats, 'kolada-n00945.json');
    const checked = await importIndicators(store.db, path, options({ dryRun: true }));
    expect(checked).toMatchObject({ accepted: 0, rejected: 7 });
    expect(checked.unknownIndicators).toEqual([{ text: 'N00945', values: 7, definable: true, name: null }]);

    const summary = await importIndicators(store.db, path, options({ defineIndicators: true }));
    // Kolada's 0001 is Stockholms län; 1280's value for women is missing.
    expect(summary).toMatchObject({ rows: 7, accepted: 6, rejected: 0, definedIndicators: [{ code: 'N00945', name: null, unit: '' }] });
    expect(definitionOf(store, 'N00945')).toEqual({
      name_sv: 'N00945',
      name_en: 'N00945',
      unit: '',
      source: 'Kolada',
      sexes: 'TKM',
      levels: 'municipality,county',
      name_missing: 1,
    });
    expect(valuesOf(store, 'N00945')).toContainEqual(['1280', 2022, 76]);
    // Imported again, it is known: nothing to define.
    expect((await importIndicators(store.db, path, options({ defineIndicators: true }))).definedIndicators).toBeUndefined();
  });

  it('get their names from Kolada’s KPI metadata, which defines the KPIs the store lacks too', async () => {
    const store = newStore();
    await importIndicators(store.db, join(formats, 'kolada-n00945.json'), options({ defineIndicators: true }));
    const summary = await importDefinitions(store.db, join(formats, 'kolada-kpi.json'), { dryRun: false, strict: false });
    expect(summary).toMatchObject({ rows: 2, accepted: 2, inserted: 1, updated: 1, rejected: 0 });
    expect(definitionOf(store, 'N00945')).toMatchObject({
      name_sv: 'Förvärvsarbetande invånare 20-64 år, andel (%)',
      name_en: 'Förvärvsarbetande invånare 20-64 år, andel (%)',
      unit: '%',
      name_missing: 0,
    });
    expect(definitionOf(store, 'N00906')).toMatchObject({ source: 'Kolada', sexes: 'T', name_missing: 0 });
    const bad = file('kpi.json', JSON.stringify({ values: [{ id: 'N 1', title: 'x' }, { id: 'N1', title: '' }, 'nej'] }));
    const rejected = await importDefinitions(store.db, bad, { dryRun: true, strict: false });
    expect(rejected.rejects.map((reject) => reject.code)).toEqual(['indicatorCodeInvalid', 'nameEmpty', 'kpiRecordInvalid']);
  });

  it('are defined from JSON-stat’s category label and unit, and a given new code from a spreadsheet’s words', async () => {
    const store = newStore();
    const dataset = JSON.parse(readFileSync(join(formats, 'pxweb-jsonstat2.json'), 'utf8')) as { dimension: { ContentsCode: unknown } };
    dataset.dimension.ContentsCode = {
      label: 'tabellinnehåll',
      category: { index: { BE0101N1: 0 }, label: { BE0101N1: 'Folkmängd' }, unit: { BE0101N1: { label: 'antal', decimals: 0 } } },
    };
    const summary = await importIndicators(store.db, file('folkmangd.json', JSON.stringify(dataset)), options({ defineIndicators: true }));
    expect(summary).toMatchObject({ accepted: 10, rejected: 0, definedIndicators: [{ code: 'BE0101N1', name: 'Folkmängd', unit: 'antal' }] });
    expect(definitionOf(store, 'BE0101N1')).toMatchObject({ source: 'Statistics Sweden', sexes: 'TKM', levels: 'municipality', name_missing: 0 });

    const words = await importIndicators(store.db, join(formats, 'kommun-utbildning.csv'), options({ indicator: 'EFTERGY', defineIndicators: true }));
    expect(words).toMatchObject({ accepted: 8, definedIndicators: [{ code: 'EFTERGY', name: 'Eftergymnasial utbildning, andel (%)' }] });
    expect(definitionOf(store, 'EFTERGY')).toMatchObject({ sexes: 'T', name_missing: 0 });
  });

  it('are never defined from words, which stay unknown for the user to match', async () => {
    const store = newStore();
    const summary = await importIndicators(store.db, join(formats, 'kommun-utbildning.csv'), options({ defineIndicators: true, dryRun: true }));
    expect(summary).toMatchObject({ accepted: 0, rejected: 8 });
    expect(summary.unknownIndicators).toEqual([{ text: 'Eftergymnasial utbildning, andel (%)', values: 8, definable: false, name: null }]);
  });
});

describe('grantlens import indicators', () => {
  it('exits 2 without "written" for a file of the wrong format or with no rows, and says how to map or define what it does not know', () => {
    const db = join(tempDir(), 'cli.sqlite');
    const kolada = join(formats, 'kolada-values.json');
    const mismatch = grantlensSync('import', 'indicators', kolada, '--db', db, '--format', 'jsonstat');
    expect(mismatch).toMatchObject({ code: 2, stdout: '' });
    expect(mismatch.stderr).toMatch(/is a Kolada values response, not a JSON-stat dataset/);
    const empty = grantlensSync('import', 'indicators', file('tom.csv', 'Indikator;Kommun;År;Värde\n'), '--db', db);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toMatch(/no rows under its header/);

    const words = join(formats, 'kommun-utbildning.csv');
    const unknown = grantlensSync('import', 'indicators', words, '--db', db, '--dry-run');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(/no indicator in the store matches "Eftergymnasial utbildning, andel \(%\)" \(8 values\)/);
    expect(grantlensSync('import', 'indicators', words, '--db', db, '--indicator', 'UF0506EG')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^written: 8 rows, 8 accepted/) });

    const n00945 = join(formats, 'kolada-n00945.json');
    expect(grantlensSync('import', 'indicators', n00945, '--db', db).stdout).toMatch(/or define the codes with --define-indicators/);
    const defined = grantlensSync('import', 'indicators', n00945, '--db', db, '--define-indicators');
    expect(defined).toMatchObject({ code: 0, stdout: expect.stringMatching(/defined N00945: \(name missing\)/) });
  });
});

describe('the register import', () => {
  it('reads a file whose lines end in a carriage return alone, as csv-parse finds the line break itself', async () => {
    const store = newStore();
    const sample = readFileSync(join(formats, 'applications-sv.csv'), 'utf8').replace(/\r?\n/g, '\r');
    const summary = await importRegister(store.db, file('mac-ansokningar.csv', sample), { kind: 'applications', dryRun: true, strict: false, progress: () => {} });
    expect(summary.rows).toBe(sample.trim().split('\r').length - 1);
  });
});
