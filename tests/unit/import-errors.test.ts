import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { importIndicators } from '../../main/importers/indicators/import-indicators';
import { importRegister, previewImport } from '../../main/importers/register/import-register';
import type { Store } from '../../main/store/open-store';
import { useImportFiles } from '../support/import-files';

// What a user who chose the wrong file, or a file a program wrote badly, is told: a code with the
// values the UI words (never the parser's English as the only explanation), and nothing written.

const { tempDir, newStore, file } = useImportFiles();
const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'formats');

async function xlsxFile(name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Blad1').addRows([['Diarienummer', 'Titel'], ['2021-00012', 'Läxhjälp']]);
  const path = join(tempDir(), name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const run = (path: string) => importRegister(storeDb(), path, { kind: 'applications', dryRun: false, strict: false, progress: () => {} });
let store: Store | undefined;
function storeDb() {
  store ??= newStore();
  return store.db;
}
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('a file of the wrong kind is named before it is parsed', () => {
  it.each([
    ['a JSON file chosen as CSV', () => file('values.csv', readFileSync(join(fixtures, 'kolada-values.json'))), { expected: 'csv', found: 'json' }],
    ['a JSON file with a .json name', () => file('values.json', '[{"a": 1}]'), { expected: 'csv', found: 'json' }],
    ['an XLSX file named .csv', async () => { const xlsx = await xlsxFile('book.xlsx'); const path = join(tempDir(), 'book.csv'); copyFileSync(xlsx, path); return path; }, { expected: 'csv', found: 'xlsx' }],
    ['a CSV file named .xlsx', () => file('list.xlsx', 'Diarienummer;Titel\n2021-00012;Läxhjälp\n'), { expected: 'xlsx', found: 'csv' }],
    ['a PDF', () => file('letter.csv', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), { expected: 'csv', found: 'pdf' }],
    ['a binary file', () => file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), { expected: 'csv', found: 'binary' }],
  ])('in the register import and its preview: %s', async (_name, make, details) => {
    const path = await make();
    const expected = expect.objectContaining({ code: 'FILE_WRONG_KIND', details });
    await expect(run(path)).rejects.toThrowError(expected);
    await expect(previewImport(path, 'applications')).rejects.toThrowError(expected);
    expect(storeDb().prepare('SELECT count(*) FROM edits').pluck().get()).toBe(0);
  });

  it('in the indicator import: an XLSX named .csv and a CSV named .json', async () => {
    const xlsx = await xlsxFile('values.xlsx');
    const asCsv = join(tempDir(), 'values.csv');
    copyFileSync(xlsx, asCsv);
    const options = { dryRun: false, strict: false, progress: () => {} };
    await expect(importIndicators(storeDb(), asCsv, options)).rejects.toThrowError(
      expect.objectContaining({ code: 'FILE_WRONG_KIND', details: { expected: 'csv', found: 'xlsx' } }),
    );
    const csvAsJson = file('kolada.json', 'kpi;municipality;period\nN00945;1280;2022\n');
    await expect(importIndicators(storeDb(), csvAsJson, options)).rejects.toThrowError(
      expect.objectContaining({ code: 'FILE_WRONG_KIND', details: { expected: 'json', found: 'csv' } }),
    );
  });
});

describe('a file that cannot be read says where and why', () => {
  it('CSV: a quote that never closes, on the line it opens', async () => {
    const path = file('broken.csv', 'Diarienummer;Titel\n2021-00012;"Läxhjälp\n2021-00013;Mentorer\n');
    await expect(run(path)).rejects.toThrowError(expect.objectContaining({ code: 'FILE_MALFORMED', details: { problem: 'quoteNotClosed', line: 2 } }));
    expect(storeDb().prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
  });

  // A quote inside a field, or text after a closing one, is read as text (as the fast reader reads
  // it, csv-quotes.ts): the row is judged on its fields, not refused with the file.
  it.each([
    ['a quote inside a field', 'Diarienummer;Titel\n2021-00012;Läx"hjälp\n'],
    ['text after a closing quote', 'Diarienummer;Titel\n2021-00012;"Läx"hjälp\n'],
  ])('CSV: %s is text', async (_name, content) => {
    const summary = await run(file('quoted.csv', content));
    expect(summary).toMatchObject({ rows: 1, rejected: 1, rejects: [expect.objectContaining({ code: 'newApplicationNeedsApplicant' })] });
  });

  it('XLSX: a zip that is no workbook', async () => {
    const path = file('archive.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    await expect(run(path)).rejects.toThrowError(expect.objectContaining({ code: 'FILE_MALFORMED', details: { problem: 'xlsxUnreadable' } }));
  });

  it('JSON: a document cut off part way', async () => {
    const path = file('cut.json', '{"values": [{"kpi": "N00945", "municipality": "1280", "period": 2022, "values": [');
    await expect(importIndicators(storeDb(), path, { dryRun: false, strict: false, progress: () => {} })).rejects.toThrowError(
      expect.objectContaining({ code: 'FILE_MALFORMED', details: { problem: 'jsonCutOff' } }),
    );
  });

  it('a register file without the column an import is matched on names the field', async () => {
    const path = file('no-key.csv', 'Titel;Sökt belopp\nLäxhjälp;1 000\n');
    await expect(run(path)).rejects.toThrowError(expect.objectContaining({ code: 'COLUMNS_MISSING', details: { fields: ['caseNumber'] } }));
  });
});
