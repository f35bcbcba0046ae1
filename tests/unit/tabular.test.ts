import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDecimalMark, parseNumber } from '../../main/importers/tabular/numbers';
import { openTabular } from '../../main/importers/tabular/open-tabular';
import type { TabularSource } from '../../main/importers/tabular/tabular-source';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const sharedSample = resolve(import.meta.dirname, '..', 'fixtures', 'formats', 'applications-sv.csv');

async function readAll(source: TabularSource) {
  const rows = [];
  for await (const row of source.rows()) rows.push(row);
  await source.close();
  return rows;
}

const text = 'Diarienummer;Sökande;Sökt belopp\n2021-00012;Malmö stad;1 250 000,00\n2021-00013;"Föreningen ""Vi i Rosengård""; Malmö";380 000,50\n';

describe('reading CSV files as agencies save them', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
    ['Windows-1252', iconv.encode(text, 'windows-1252'), 'windows-1252'],
  ])('%s: å, ä and ö come through and quotes are honoured', async (_name, bytes, encoding) => {
    const path = join(tempDir(), 'file.csv');
    writeFileSync(path, bytes);
    const source = await openTabular(path);
    expect(source.format).toMatchObject({ kind: 'csv', encoding, separator: ';' });
    expect(source.headers).toEqual(['Diarienummer', 'Sökande', 'Sökt belopp']);
    const rows = await readAll(source);
    expect(rows.map((r) => r.cells[1])).toEqual(['Malmö stad', 'Föreningen "Vi i Rosengård"; Malmö']);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('finds comma and tab separators', async () => {
    for (const [separator, content] of [
      [',', 'a,b\n"1,5",2\n'],
      ['\t', 'a\tb\n1\t2\n'],
    ] as const) {
      const path = join(tempDir(), 'sep.csv');
      writeFileSync(path, content);
      const source = await openTabular(path);
      expect(source.format).toMatchObject({ separator });
      expect((await readAll(source))[0]?.cells.length).toBe(2);
    }
  });

  it('reads the shared Swedish sample file', async () => {
    const source = await openTabular(sharedSample);
    expect(source.format).toMatchObject({ encoding: 'utf-8', separator: ';', bom: true });
    expect(source.headers[0]).toBe('Diarienummer');
    expect((await readAll(source)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('reading XLSX files', () => {
  it('streams the first sheet as text cells', async () => {
    const path = join(tempDir(), 'book.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ansökningar');
    sheet.addRow(['Diarienummer', 'Sökande', 'Sökt belopp', 'Beslutsdatum']);
    sheet.addRow(['2021-00012', 'Malmö stad', 1250000.5, new Date(Date.UTC(2021, 4, 20))]);
    sheet.addRow([]);
    sheet.addRow(['2021-00014', 'Region Skåne', 2000000, null]);
    await workbook.xlsx.writeFile(path);
    const source = await openTabular(path);
    expect(source.format).toEqual({ kind: 'xlsx', sheet: 'Ansökningar' });
    expect(source.headers).toEqual(['Diarienummer', 'Sökande', 'Sökt belopp', 'Beslutsdatum']);
    const rows = await readAll(source);
    expect(rows).toEqual([
      { row: 2, cells: ['2021-00012', 'Malmö stad', '1250000.5', '2021-05-20'] },
      { row: 4, cells: ['2021-00014', 'Region Skåne', '2000000'] },
    ]);
  });
});

describe('Swedish numbers', () => {
  it.each([
    ['1 250 000,00', ',', 1250000],
    ['1\u00a0250\u00a0000,50', ',', 1250000.5],
    ['1.250.000,50', ',', 1250000.5],
    ['−3,5', ',', -3.5],
    ['12,3 %', ',', 12.3],
    ['1250000.00', '.', 1250000],
    ['1,250,000.00', '.', 1250000],
    ['7', ',', 7],
  ] as const)('%s with decimal %s is %d', (raw, mark, expected) => {
    expect(parseNumber(raw, mark)).toBe(expected);
  });

  it('treats an empty cell and `..` as missing, and text as not a number', () => {
    expect(parseNumber('', ',')).toBeNull();
    expect(parseNumber('..', ',')).toBeNull();
    expect(parseNumber('ca 5 miljoner', ',')).toBeUndefined();
    expect(parseNumber('1,2,3', ',')).toBeUndefined();
    expect(parseNumber('12.34.5', ',')).toBeUndefined();
  });

  it('reads plain figures to exactly the number Number() reads, to the last bit', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const digits = (n: number) => Array.from({ length: n }, () => random(10)).join('');
    for (let i = 0; i < 50_000; i++) {
      const whole = digits(1 + random(9));
      const fraction = random(3) === 0 ? '' : digits(1 + random(9));
      const sign = random(4) === 0 ? '-' : '';
      const text = `${sign}${whole}${fraction ? `,${fraction}` : ''}`;
      expect(Object.is(parseNumber(text, ','), Number(text.replace(',', '.'))), text).toBe(true);
      expect(Object.is(parseNumber(text.replace(',', '.'), '.'), Number(text.replace(',', '.'))), text).toBe(true);
    }
  });

  it('judges the decimal mark from the values, and from the separator when they cannot tell', () => {
    expect(detectDecimalMark(['1 250 000,00'], ',')).toBe(',');
    expect(detectDecimalMark(['1,250,000.00'], ';')).toBe('.');
    expect(detectDecimalMark(['380000.5'], ';')).toBe('.');
    expect(detectDecimalMark(['1,250'], ';')).toBe(',');
    expect(detectDecimalMark(['1,250'], ',')).toBe('.');
  });
});
