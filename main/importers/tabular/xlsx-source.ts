import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { AppError } from '../../contract/errors';
import type { TabularOptions, TabularRow, TabularSource } from './tabular-source';

/** A cell as the text a user would see typed: numbers with a decimal point, dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    if ('error' in cell) return '';
  }
  return String(value);
}

/** exceljs's and its unzipper's failures (a zip that is no workbook, a cut-off file) as FILE_MALFORMED; the file is closed. */
function unreadableAsXlsx<T>(step: Promise<T>, input: ReadStream): Promise<T> {
  return step.catch((error: unknown) => {
    input.destroy();
    throw new AppError('FILE_MALFORMED', `The file cannot be read as an XLSX workbook: ${(error as Error).message}`, { problem: 'xlsxUnreadable' });
  });
}

/** Streams the first (or the named) worksheet of an XLSX file with exceljs's streaming reader. */
export async function openXlsx(path: string, options: TabularOptions = {}): Promise<TabularSource> {
  const { size } = await stat(path);
  let bytes = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets = workbook[Symbol.asyncIterator]();
  let sheetName = '';
  let rowsOfSheet: AsyncIterator<ExcelJS.Row> | undefined;
  for (;;) {
    const next = await unreadableAsXlsx(sheets.next(), input);
    if (next.done) break;
    const sheet = next.value as unknown as { name?: string } & AsyncIterable<ExcelJS.Row>;
    sheetName = sheet.name ?? '';
    if (!options.sheet || options.sheet === sheetName) {
      rowsOfSheet = sheet[Symbol.asyncIterator]();
      break;
    }
  }
  if (!rowsOfSheet) {
    input.destroy();
    throw new AppError('FILE_MALFORMED', options.sheet ? `The workbook has no sheet named "${options.sheet}"` : 'The workbook has no sheets', { problem: 'xlsxUnreadable' });
  }
  const toCells = (row: ExcelJS.Row): string[] => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
    return cells;
  };
  let headers: string[] = [];
  for (;;) {
    const first = await unreadableAsXlsx(rowsOfSheet.next(), input);
    if (first.done) break;
    headers = toCells(first.value);
    if (headers.some((header) => header !== '')) break;
  }

  return {
    headers,
    format: { kind: 'xlsx', sheet: sheetName },
    size,
    bytesRead: () => bytes,
    async *rows(): AsyncIterable<TabularRow> {
      for (;;) {
        const next = await unreadableAsXlsx(rowsOfSheet.next(), input);
        if (next.done) return;
        const cells = toCells(next.value);
        if (cells.every((cell) => cell === '')) continue;
        yield { row: next.value.number, cells };
      }
    },
    async close() {
      input.destroy();
    },
  };
}
