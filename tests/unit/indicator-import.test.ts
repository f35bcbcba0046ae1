import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importDefinitions } from '../../main/importers/definitions/import-definitions';
import { importIndicators, type IndicatorImportOptions } from '../../main/importers/indicators/import-indicators';
import { parseWorkerAt } from '../../main/importers/indicators/parse-in-worker';
import { csvRecordBatches } from '../../main/importers/tabular/csv-records';
import type { Store } from '../../main/store/open-store';
import { builtFile } from '../support/built';
import { indicatorOptions as options, useImportFiles } from '../support/import-files';

const { tempDir, newStore, file } = useImportFiles();
const formats = resolve(import.meta.dirname, '..', 'fixtures', 'formats');

function value(store: Store, indicator: string, geo: string, period: number, sex = 'T'): number | undefined {
  return store.db
    .prepare('SELECT value FROM indicator_values WHERE indicator_code = ? AND geo_code = ? AND period = ? AND sex = ?')
    .pluck()
    .get(indicator, geo, period, sex) as number | undefined;
}

/** Every row that an import could touch, so "unchanged" can be checked byte for byte. */
function snapshot(store: Store): string {
  const hash = createHash('sha256');
  for (const table of ['indicator_values', 'indicator_value_history', 'indicator_imports']) {
    for (const row of store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const longCsv = [
  'Indikator;Kommun;År;Kön;Värde',
  'N00914;0180;2021;T;7,1',
  'N00914;0180;2021;K;6,8',
  'N00914;0180;2022;T;6,5',
  'N00914;1280;2021;T;11,9',
  'N00914;1280;2021;K;..',
  'AM0207AC;180;2021;T;81,2',
].join('\r\n');

const malformedCsv = [
  'Indikator;Kommun;År;Kön;Värde',
  'N00914;0180;2021;T;7,1',
  'N00914;9999;2021;T;7,0',
  'NOPE;0180;2021;T;7,0',
  'N00914;0180;2022;T;sju',
  'N00914;0180;2021;T;7,2',
  'N00914;0180;tjugo;T;7,2',
  'N00914;0180;2023;X;7,2',
  'OJI;0180;2022;K;1,2',
  'N00914;1280;2021;T;11,9',
].join('\n');

describe('importing indicator values from Swedish CSV', () => {
  it('reads the long form (`;`, decimal comma, BOM, CRLF) with provenance, and `..` as missing, not 0', async () => {
    const store = newStore();
    const path = file('varden.csv', `\uFEFF${longCsv}\r\n`);
    const summary = await importIndicators(store.db, path, options());
    expect(summary).toMatchObject({ rows: 6, accepted: 5, rejected: 0, inserted: 5, updated: 0, unchanged: 0, abandoned: false });
    expect(value(store, 'N00914', '0180', 2021, 'K')).toBe(6.8);
    // Excel's lost leading zero is put back.
    expect(value(store, 'AM0207AC', '0180', 2021)).toBe(81.2);
    expect(value(store, 'N00914', '1280', 2021, 'K')).toBeUndefined();
    const provenance = store.db
      .prepare('SELECT i.file_name, i.format, i.inserted FROM indicator_values v JOIN indicator_imports i ON i.id = v.import_id LIMIT 1')
      .get();
    expect(provenance).toEqual({ file_name: 'varden.csv', format: 'csv', inserted: 5 });
    store.close();
  });

  it('is idempotent, and a changed value is updated in place with the earlier one kept in history', async () => {
    const store = newStore();
    const path = file('varden.csv', longCsv);
    await importIndicators(store.db, path, options());
    const again = await importIndicators(store.db, path, options());
    expect(again).toMatchObject({ accepted: 5, inserted: 0, updated: 0, unchanged: 5 });
    expect(store.db.prepare('SELECT count(*) FROM indicator_value_history').pluck().get()).toBe(0);

    const changed = file('rättade.csv', longCsv.replace('N00914;0180;2021;T;7,1', 'N00914;0180;2021;T;7,3'));
    const third = await importIndicators(store.db, changed, options());
    expect(third).toMatchObject({ accepted: 5, inserted: 0, updated: 1, unchanged: 4 });
    expect(value(store, 'N00914', '0180', 2021)).toBe(7.3);
    const history = store.db
      .prepare(
        `SELECT h.value, old.file_name AS was_from, new.file_name AS replaced_by FROM indicator_value_history h
           JOIN indicator_imports old ON old.id = h.import_id JOIN indicator_imports new ON new.id = h.replaced_by`,
      )
      .all();
    expect(history).toEqual([{ value: 7.1, was_from: 'varden.csv', replaced_by: 'rättade.csv' }]);
    store.close();
  });

  it('reports unknown places and indicators, non-numbers, bad years and sexes and duplicate keys row by row', async () => {
    const store = newStore();
    const summary = await importIndicators(store.db, file('fel.csv', malformedCsv), options());
    expect(summary).toMatchObject({ rows: 9, accepted: 2, rejected: 7, inserted: 2 });
    expect(summary.rejects).toEqual([
      { row: 3, field: 'Kommun', code: 'geographyUnknown', params: { code: '9999' }, reason: 'unknown geography code "9999"' },
      { row: 4, field: 'Indikator', code: 'indicatorUnknown', params: { code: 'NOPE' }, reason: 'unknown indicator "NOPE"' },
      { row: 5, field: 'Värde', code: 'notANumber', params: { text: 'sju' }, reason: '"sju" is not a number' },
      {
        row: 6,
        field: null,
        code: 'duplicateValue',
        params: { indicator: 'N00914', geo: '0180', year: 2021, sex: 'T' },
        reason: 'a second value for N00914, 0180, 2021, T in the same file',
      },
      { row: 7, field: 'År', code: 'notAYear', params: { text: 'tjugo' }, reason: '"tjugo" is not a year' },
      { row: 8, field: 'Kön', code: 'notASex', params: { text: 'X' }, reason: '"X" is not a sex (T, K or M)' },
      { row: 9, field: 'Kön', code: 'noSexBreakdown', params: { indicator: 'OJI' }, reason: 'indicator OJI has no breakdown by sex' },
    ]);
    // The first of two duplicates stands; the second is reported, not silently applied.
    expect(value(store, 'N00914', '0180', 2021)).toBe(7.1);
    store.close();
  });

  it('writes nothing under --strict when a row is rejected, nor on a dry run, which still counts', async () => {
    const store = newStore();
    await importIndicators(store.db, file('varden.csv', longCsv), options());
    const before = snapshot(store);
    const strict = await importIndicators(store.db, file('fel.csv', malformedCsv), options({ strict: true }));
    expect(strict).toMatchObject({ abandoned: true, rejected: 7 });
    expect(snapshot(store)).toBe(before);
    const dry = await importIndicators(store.db, file('rättade.csv', longCsv.replace('7,1', '7,3')), options({ dryRun: true }));
    expect(dry).toMatchObject({ dryRun: true, updated: 1, unchanged: 4 });
    expect(snapshot(store)).toBe(before);
    store.close();
  });

  it('leaves the store unchanged when the file is not an indicator file', async () => {
    const store = newStore();
    const before = snapshot(store);
    await expect(importIndicators(store.db, file('x.csv', 'Namn;Adress\nA;B\n'), options())).rejects.toThrow(/Not an indicator file/);
    expect(snapshot(store)).toBe(before);
    // The store is still usable: the failed import left no transaction open.
    expect((await importIndicators(store.db, file('v.csv', longCsv), options())).inserted).toBe(5);
    store.close();
  });

  it('reads the wide form (years as columns) in Windows-1252 with quoted fields', async () => {
    const store = newStore();
    const wide = 'Indikator;Område;Kön;2020;2021;2022\nN00914;"0180";T;7,9;7,1;\nN00914;01;K;6,0;..;5,1\n';
    const summary = await importIndicators(store.db, file('bred.csv', iconv.encode(wide, 'windows-1252')), options());
    expect(summary).toMatchObject({ rows: 6, accepted: 4, rejected: 0, inserted: 4 });
    expect(value(store, 'N00914', '0180', 2020)).toBe(7.9);
    expect(value(store, 'N00914', '0180', 2022)).toBeUndefined();
    expect(value(store, 'N00914', '01', 2022, 'K')).toBe(5.1);
    store.close();
  });

  it('reads XLSX in long form', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Värden');
    sheet.addRow(['Indikator', 'Kommun', 'År', 'Kön', 'Värde']);
    sheet.addRow(['N00914', '0180', 2021, 'T', 7.1]);
    sheet.addRow(['N00914', 180, 2022, 'Kvinnor', 6.2]);
    sheet.addRow(['N00914', '0180', 2023, 'T', 'saknas']);
    const path = join(tempDir(), 'varden.xlsx');
    await workbook.xlsx.writeFile(path);
    const store = newStore();
    const summary = await importIndicators(store.db, path, options());
    expect(summary).toMatchObject({ rows: 3, accepted: 2, rejected: 1, inserted: 2 });
    expect(summary.rejects).toEqual([{ row: 4, field: 'Värde', code: 'notANumber', params: { text: 'saknas' }, reason: '"saknas" is not a number' }]);
    expect(value(store, 'N00914', '0180', 2022, 'K')).toBe(6.2);
    store.close();
  });
});

describe('importing Kolada and JSON-stat files', () => {
  it('reads a Kolada values response; a null "Missing" value is not stored', async () => {
    const store = newStore();
    const summary = await importIndicators(store.db, join(formats, 'kolada-values.json'), options());
    expect(summary).toMatchObject({ rows: 12, accepted: 11, rejected: 0, inserted: 11 });
    expect(value(store, 'N00914', '1280', 2021, 'M')).toBe(12.6);
    expect(value(store, 'N00914', '1280', 2021, 'K')).toBeUndefined();
    expect((await importIndicators(store.db, join(formats, 'kolada-values.json'), options())).unchanged).toBe(11);
    store.close();
  });

  it('reports Kolada records with unknown municipalities by their index', async () => {
    const store = newStore();
    const document = {
      values: [
        { kpi: 'N00914', municipality: '0000', period: 2021, values: [{ gender: 'T', status: '', value: 7.5 }] },
        { kpi: 'N00914', municipality: 'V15E144001301', period: 2021, values: [{ gender: 'T', status: '', value: 1 }] },
        { kpi: 'N00914', municipality: '0180', period: 2021, values: [{ gender: 'T', status: '', value: '7,1' }] },
        { kpi: 'N00914', period: 2021 },
      ],
    };
    const summary = await importIndicators(store.db, file('kolada.json', JSON.stringify(document)), options());
    expect(summary.rejects).toEqual([
      { row: 1, field: 'municipality', code: 'geographyUnknown', params: { code: 'V15E144001301' }, reason: 'unknown geography code "V15E144001301"' },
      { row: 2, field: 'value', code: 'notANumber', params: { text: '7,1' }, reason: '"7,1" is not a number' },
      { row: 3, field: null, code: 'koladaRecordInvalid', params: {}, reason: 'not a Kolada value record (kpi, municipality, period, values)' },
    ]);
    // Kolada's 0000 is the country, SCB's 00.
    expect(value(store, 'N00914', '00', 2021)).toBe(7.5);
    store.close();
  });

  it('reads an SCB JSON-stat 2.0 dataset row-major, with `..` status cells missing', async () => {
    const store = newStore();
    const summary = await importIndicators(store.db, join(formats, 'pxweb-jsonstat2.json'), options());
    expect(summary).toMatchObject({ rows: 12, accepted: 10, rejected: 0, inserted: 10 });
    // Kon 1 is men, 2 women; the last dimension (Tid) varies fastest.
    expect(value(store, 'AM0207AC', '0180', 2021, 'M')).toBe(81.2);
    expect(value(store, 'AM0207AC', '0180', 2022, 'K')).toBe(80.4);
    expect(value(store, 'AM0207AC', '1280', 2022, 'M')).toBe(71.3);
    expect(value(store, 'AM0207AC', '1280', 2021, 'K')).toBeUndefined();
    expect(value(store, 'AM0207AC', '1480', 2022, 'K')).toBe(76.1);
    store.close();
  });

  it('refuses malformed JSON and JSON-stat whose sizes do not match, leaving the store unchanged', async () => {
    const store = newStore();
    const before = snapshot(store);
    await expect(importIndicators(store.db, file('trasig.json', '{"values": ['), options())).rejects.toThrow(/not valid JSON/);
    const dataset = { class: 'dataset', id: ['Region', 'Tid'], size: [2, 1], dimension: { Region: { category: { index: { '0180': 0 } } }, Tid: { category: { index: { '2021': 0 } } } }, value: [1, 2] };
    await expect(importIndicators(store.db, file('fel.json', JSON.stringify(dataset)), options())).rejects.toThrow(/has 1 categories but size 2/);
    expect(snapshot(store)).toBe(before);
    store.close();
  });
});

describe('streaming JSON files larger than one read', () => {
  const YEARS = Array.from({ length: 150 }, (_, i) => 1950 + i);

  function municipalities(store: Store): string[] {
    return store.db.prepare("SELECT code FROM places WHERE level = 'municipality' ORDER BY code").pluck().all() as string[];
  }

  function pointCount(store: Store, indicator: string): number {
    return store.db
      .prepare('SELECT count(*) FROM indicator_points JOIN indicator_series s ON s.id = series_id WHERE s.indicator_code = ?')
      .pluck()
      .get(indicator) as number;
  }

  /** A Kolada response of several megabytes: every municipality and year, by gender, with the odd null. */
  function bigKolada(places: string[]): { text: string; values: number } {
    const records = places.flatMap((municipality, p) =>
      YEARS.slice(0, 40).map((period, y) => ({
        kpi: 'N00914',
        municipality,
        period,
        values: ['T', 'K', 'M'].map((gender, g) => ({ count: 1, gender, status: '', value: (p + y + g) % 17 === 0 ? null : p + y / 100 + g / 10 })),
      })),
    );
    return { text: JSON.stringify({ count: records.length, values: records, next_page: null }), values: records.length * 3 };
  }

  it('reads a Kolada response record by record, with rows as record indexes across chunk boundaries', async () => {
    const store = newStore();
    const known = municipalities(store);
    // An unknown place in the middle: its 40 records (a year each) are rejected by their indexes.
    const places = [...known.slice(0, 150), '9999', ...known.slice(150)];
    const { text, values } = bigKolada(places);
    expect(text.length).toBeGreaterThan(2 * 2 ** 20);
    const phases = new Set<string>();
    const path = file('kolada-stor.json', text);
    const summary = await importIndicators(store.db, path, options({ progress: (phase) => phases.add(phase) }));
    expect(summary.rejected).toBe(40 * 3);
    expect(summary.rejects[0]).toMatchObject({ row: 150 * 40, field: 'municipality' });
    expect(summary.rejects.at(-1)).toMatchObject({ row: 151 * 40 - 1, field: 'municipality' });
    const missing = summary.rows - summary.rejected - summary.accepted;
    expect(summary).toMatchObject({ rows: values, inserted: values - 120 - missing });
    expect(missing).toBeGreaterThan(0);
    expect(pointCount(store, 'N00914')).toBe(summary.accepted);
    expect(value(store, 'N00914', places[200]!, 1975, 'K')).toBeCloseTo(200 + 25 / 100 + 0.1);
    expect(phases).toEqual(new Set(['values']));
    expect((await importIndicators(store.db, path, options())).unchanged).toBe(summary.accepted);
    // The import skips foreign key checks on its own keys; the store's connection gets them back.
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('reads a JSON-stat dataset whose dimensions and statuses come after its values', async () => {
    const store = newStore();
    const places = municipalities(store);
    const cells = places.length * 3 * YEARS.length;
    const values = Array.from({ length: cells }, (_, i) => (i % 1000) + 0.125);
    // PxWeb marks unavailable cells in `status`; here every 7th, whatever number stands in `value`.
    const status = Object.fromEntries(Array.from({ length: Math.ceil(cells / 7) }, (_, k) => [String(k * 7), '..']));
    const index = (codes: readonly (string | number)[]) => Object.fromEntries(codes.map((code, i) => [String(code), i]));
    const text = JSON.stringify({
      version: '2.0',
      class: 'dataset',
      value: values,
      status,
      id: ['ContentsCode', 'Region', 'Kon', 'Tid'],
      size: [1, places.length, 3, YEARS.length],
      role: { time: ['Tid'], geo: ['Region'], metric: ['ContentsCode'] },
      dimension: {
        ContentsCode: { category: { index: { AM0207AC: 0 } } },
        Region: { category: { index: index(places) } },
        Kon: { category: { index: index(['1', '2', '1+2']) } },
        Tid: { category: { index: index(YEARS) } },
      },
    });
    expect(text.length).toBeGreaterThan(2 ** 20);
    const summary = await importIndicators(store.db, file('px-stor.json', text), options());
    const missing = Object.keys(status).length;
    expect(summary).toMatchObject({ rows: cells, rejected: 0, inserted: cells - missing });
    // Flat index of (Region p, Kon k, Tid y), the last dimension varying fastest.
    const flat = (p: number, k: number, y: number) => (p * 3 + k) * YEARS.length + y;
    expect(value(store, 'AM0207AC', places[100]!, 1951, 'K')).toBe(values[flat(100, 1, 1)]);
    expect(value(store, 'AM0207AC', places[100]!, 1950, 'M')).toBe(values[flat(100, 0, 0)]);
    expect(flat(0, 0, 7) % 7).toBe(0);
    expect(value(store, 'AM0207AC', places[0]!, 1957, 'M')).toBeUndefined();
    store.close();
  });

  it('reads a sparse JSON-stat `value` object and a status given once for every cell', async () => {
    const store = newStore();
    const dataset = (extra: object) => ({
      class: 'dataset',
      id: ['Region', 'ContentsCode', 'Tid'],
      size: [2, 1, 2],
      dimension: { Region: { category: { index: ['0180', '1280'] } }, ContentsCode: { category: { index: ['AM0207AC'] } }, Tid: { category: { index: ['2021', '2022'] } } },
      ...extra,
    });
    const sparse = await importIndicators(store.db, file('gles.json', JSON.stringify(dataset({ value: { '1': 80.5, '3': 'x' } }))), options());
    expect(sparse).toMatchObject({ rows: 4, accepted: 1, rejected: 1, rejects: [{ row: 3, field: 'value', reason: '"x" is not a number' }] });
    expect(value(store, 'AM0207AC', '0180', 2022)).toBe(80.5);
    const none = await importIndicators(store.db, file('inga.json', JSON.stringify(dataset({ value: [1, 2, 3, 4], status: '..' }))), options());
    expect(none).toMatchObject({ rows: 4, accepted: 0 });
    store.close();
  });

  it('leaves the store unchanged and says the file is cut off when a large JSON file ends early', async () => {
    const store = newStore();
    const before = snapshot(store);
    const { text } = bigKolada(municipalities(store));
    const path = file('avbruten.json', text.slice(0, Math.floor(text.length * 0.8)));
    await expect(importIndicators(store.db, path, options())).rejects.toThrow(/avbruten\.json is not valid JSON: it ends before the document does.*cut off/);
    const garbled = file('trasig.json', `${text.slice(0, 1_500_000)}}}${text.slice(1_500_000)}`);
    await expect(importIndicators(store.db, garbled, options())).rejects.toThrow(/trasig\.json is not valid JSON \(after byte 1048576\)/);
    expect(snapshot(store)).toBe(before);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.inTransaction).toBe(false);
    store.close();
  });
});

describe('a large import', () => {
  it('gives its new series ids after those already stored, writes them in batches, and finds them again on re-import', async () => {
    const store = newStore();
    // A series the view's trigger made (as demo data and edits do) before the import.
    store.db.exec("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES ('OJI', '0180', 2020, 'T', 3.5)");
    const lines = ['Indikator;Kommun;År;Kön;Värde'];
    const municipalities = store.db.prepare("SELECT code FROM geographies WHERE level = 'municipality'").pluck().all() as string[];
    for (const indicator of ['N00914', 'AM0207AC']) {
      for (const code of municipalities) for (const sex of ['T', 'K', 'M']) for (const year of [2020, 2021]) lines.push(`${indicator};${code};${year};${sex};${(year % 97) / 10}`);
    }
    const big = file('big.csv', `${lines.join('\n')}\n`);
    const series = () => store.db.prepare('SELECT count(*) FROM indicator_series').pluck().get() as number;
    const dry = await importIndicators(store.db, big, options({ dryRun: true }));
    expect(dry.inserted).toBe(lines.length - 1);
    expect(series()).toBe(1);

    const summary = await importIndicators(store.db, big, options());
    expect(summary).toMatchObject({ inserted: lines.length - 1, rejected: 0 });
    // More than one batch of series (250), every value on a series of its own key.
    expect(series()).toBe(1 + 2 * municipalities.length * 3);
    const orphans = 'SELECT count(*) FROM indicator_points p LEFT JOIN indicator_series s ON s.id = p.series_id WHERE s.id IS NULL';
    expect(store.db.prepare(orphans).pluck().get()).toBe(0);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(value(store, 'OJI', '0180', 2020)).toBe(3.5);
    expect(value(store, 'AM0207AC', municipalities.at(-1)!, 2021, 'M')).toBe((2021 % 97) / 10);

    const again = await importIndicators(store.db, big, options());
    expect(again).toMatchObject({ inserted: 0, unchanged: lines.length - 1 });
    expect(series()).toBe(1 + 2 * municipalities.length * 3);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });
});

describe('reading a CSV file in the parse worker', () => {
  // The worker is its own bundle: these run the one `npm run build` made, on files of any size.
  const parser = { ...parseWorkerAt(builtFile('main/csv-parse-worker.js')), fromBytes: 0 };
  const inWorker = (extra: Partial<IndicatorImportOptions> = {}) => options({ parseWorker: parser, ...extra });
  const onThread = (extra: Partial<IndicatorImportOptions> = {}) => options({ parseWorker: null, ...extra });
  const stored = (store: Store) => store.db.prepare('SELECT indicator_code, geo_code, period, sex, value FROM indicator_values ORDER BY 1, 2, 3, 4').all();

  /** A long file of many chunks: every municipality by sex for `years` years, with a few bad rows among them. */
  function largeCsv(store: Store, years: number): string {
    const municipalities = store.db.prepare("SELECT code FROM geographies WHERE level = 'municipality'").pluck().all() as string[];
    const lines = ['Indikator;Kommun;År;Kön;Värde'];
    for (let year = 1901; year < 1901 + years; year++) {
      for (const code of municipalities) for (const sex of ['T', 'K', 'M']) lines.push(`N00914;${code};${year};${sex};${(year % 89) / 10 + code.length}`);
      if (year % 50 === 0) lines.push(`N00914;9999;${year};T;1,0`, `OJI;0180;${year};K;1,0`, `N00914;0180;${year};T;noll`);
    }
    return file(`stor-${years}.csv`, `${lines.join('\n')}\n`);
  }

  it('reads, checks and writes exactly what reading on the importing thread does: values, series, summary and rejects', async () => {
    const cases: [string, string | Buffer][] = [
      ['varden.csv', `\uFEFF${longCsv}\r\n`],
      ['fel.csv', malformedCsv],
      ['bred.csv', iconv.encode('Indikator;Område;Kön;2020;2021;2022\nN00914;"0180";T;7,9;7,1;\nN00914;01;K;6,0;..;5,1\n', 'windows-1252')],
    ];
    for (const [name, content] of cases) {
      const [thread, worker] = [newStore(), newStore()];
      const path = file(name, content);
      const expected = await importIndicators(thread.db, path, onThread());
      expect(await importIndicators(worker.db, path, inWorker()), name).toEqual(expected);
      expect(stored(worker), name).toEqual(stored(thread));
      thread.close();
      worker.close();
    }
    const [thread, worker] = [newStore(), newStore()];
    const big = largeCsv(thread, 150);
    const expected = await importIndicators(thread.db, big, onThread());
    expect(expected.rejected).toBe(9);
    const chunks: number[] = [];
    // Windows of a thousand values: many sorted windows, each sent only when the last is written.
    const windows = inWorker({ parseWorker: { ...parser, window: 1000 }, progress: (_phase, done) => chunks.push(done) });
    expect(await importIndicators(worker.db, big, windows)).toEqual(expected);
    expect(stored(worker)).toEqual(stored(thread));
    expect(chunks.length).toBeGreaterThan(40);
    // Re-read in the worker, every value is found unchanged on the series it made.
    expect(await importIndicators(worker.db, big, inWorker())).toMatchObject({ inserted: 0, unchanged: expected.accepted });
    thread.close();
    worker.close();
  });

  it('sends windows in the file’s order when series ids are too large to sort by one exact number', async () => {
    const [thread, worker] = [newStore(), newStore()];
    for (const store of [thread, worker]) {
      store.db.exec("INSERT INTO indicator_series (id, indicator_code, geo_code, sex) VALUES (40000000, 'OJI', '0180', 'T')");
    }
    const big = largeCsv(thread, 20);
    const expected = await importIndicators(thread.db, big, onThread());
    expect(await importIndicators(worker.db, big, inWorker({ parseWorker: { ...parser, window: 1000 } }))).toEqual(expected);
    expect(stored(worker)).toEqual(stored(thread));
    const ids = worker.db.prepare('SELECT min(id), max(id) FROM indicator_series WHERE id <> 40000000').raw().get();
    expect(ids).toEqual([40000001, 40000000 + expected.accepted / 20]);
    thread.close();
    worker.close();
  });

  it('leaves the store as it was when the file is not an indicator file, or when the import fails part way', async () => {
    const store = newStore();
    await importIndicators(store.db, file('v.csv', longCsv), inWorker());
    const before = snapshot(store);
    await expect(importIndicators(store.db, file('x.csv', 'Namn;Adress\nA;B\n'), inWorker())).rejects.toThrow(/Not an indicator file/);
    expect(snapshot(store)).toBe(before);
    await expect(importIndicators(store.db, file('tom.csv', ''), inWorker())).rejects.toThrow(/tom\.csv is empty/);
    // A failure on the writing side (here the progress callback) stops the worker and rolls back.
    let calls = 0;
    const stopping = inWorker({
      progress: () => {
        if (++calls === 2) throw new Error('stopped');
      },
    });
    await expect(importIndicators(store.db, largeCsv(store, 100), stopping)).rejects.toThrow('stopped');
    expect(snapshot(store)).toBe(before);
    expect(store.db.inTransaction).toBe(false);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((await importIndicators(store.db, file('v2.csv', longCsv.replace('7,1', '7,2')), inWorker())).updated).toBe(1);
    store.close();
  });
});

describe('the fast CSV record splitter', () => {
  it('splits quoted fields, doubled quotes and line breaks inside quotes like csv-parse', async () => {
    const path = file('q.csv', 'a;b\r\n"x;1";"say ""hi"""\n\n"two\nlines";3\nlast;4');
    const rows = [];
    for await (const batch of csvRecordBatches(path, 'utf-8', ';')) rows.push(...batch);
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x;1', 'say "hi"'] },
      { row: 4, cells: ['two\nlines', '3'] },
      { row: 6, cells: ['last', '4'] },
    ]);
  });
});

describe('importing indicator definitions', () => {
  const definitions = [
    'Kod;Namn;Engelskt namn;Enhet;Källa;Bättre;Kön;Nivåer',
    'EGEN01;Trångboddhet;Overcrowding;%;Kommunens egen;lägre;TKM;municipality,deso',
    'egen 2;Fel kod;;%;;lägre;T;',
    'EGEN03;Otydlig;;%;;kanske;T;',
    'EGEN04;Fel nivå;;%;;högre;T;kvarter',
    'N00914;Arbetslöshet 16–64 år;Unemployment, age 16–64;%;Kolada;lägre;TKM;country,county,municipality',
  ].join('\n');

  it('defines new indicators and updates known ones, reporting bad rows; values of the new code are then accepted', async () => {
    const store = newStore();
    const path = file('definitioner.csv', definitions);
    const dry = await importDefinitions(store.db, path, { dryRun: true, strict: false });
    expect(dry).toMatchObject({ rows: 5, accepted: 2, rejected: 3, inserted: 1, updated: 0, unchanged: 1 });
    expect(store.db.prepare("SELECT 1 FROM indicators WHERE code = 'EGEN01'").get()).toBeUndefined();
    const summary = await importDefinitions(store.db, path, { dryRun: false, strict: false });
    expect(summary.rejects).toEqual([
      { row: 3, field: 'Kod', code: 'indicatorCodeInvalid', params: { code: 'egen 2' }, reason: '"egen 2" is not an indicator code (letters, digits, _)' },
      { row: 4, field: 'Bättre', code: 'directionInvalid', params: { text: 'kanske' }, reason: '"kanske" is not högre or lägre' },
      {
        row: 5,
        field: 'Nivåer',
        code: 'levelsInvalid',
        params: { allowed: 'country, county, municipality, regso, deso', text: 'kvarter' },
        reason: 'levels are country, county, municipality, regso, deso, not "kvarter"',
      },
    ]);
    expect(store.db.prepare("SELECT name_en, higher_is_better, sexes, levels FROM indicators WHERE code = 'EGEN01'").get()).toEqual({
      name_en: 'Overcrowding',
      higher_is_better: 0,
      sexes: 'TKM',
      levels: 'municipality,deso',
    });
    expect((await importDefinitions(store.db, path, { dryRun: false, strict: false })).unchanged).toBe(2);
    const values = await importIndicators(store.db, file('egna.csv', 'Indikator;Kommun;År;Kön;Värde\nEGEN01;0180;2023;K;4,5\nEGEN01;01;2023;T;4,0\n'), options());
    expect(values.rejects).toEqual([
      {
        row: 3,
        field: 'Kommun',
        code: 'levelNotPublished',
        params: { indicator: 'EGEN01', level: 'county' },
        reason: 'indicator EGEN01 is not published for the level county',
      },
    ]);
    expect(value(store, 'EGEN01', '0180', 2023, 'K')).toBe(4.5);
    const before = snapshot(store);
    expect((await importDefinitions(store.db, path, { dryRun: false, strict: true })).abandoned).toBe(true);
    expect(snapshot(store)).toBe(before);
    store.close();
  });
});
