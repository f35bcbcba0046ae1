import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../../contract/errors';
import type { TabularOptions, TabularRow, TabularSource } from './tabular-source';
import { checkXlsxLimits } from './xlsx-limits';

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

/** exceljs's and its unzipper's failures (a zip that is no workbook, a cut-off file) as FILE_MALFORMED; this module's own refusals go on as they are. */
function unreadable(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('FILE_MALFORMED', `${basename(path)} cannot be read as an XLSX workbook: ${String((error as Error)?.message ?? error).slice(0, 200)}`, {
    problem: 'xlsxUnreadable',
  });
}

/**
 * Streams the first (or the named) worksheet of an XLSX file with exceljs's streaming reader, once
 * its zip directory has shown it within the limits (xlsx-limits.ts).
 */
export async function openXlsx(path: string, options: TabularOptions = {}): Promise<TabularSource> {
  await checkXlsxLimits(path);
  const { size } = await stat(path);
  let bytes = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  /** The next of an exceljs iterator; a failure closes the file and is worded. */
  const next = async <T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> => {
    try {
      return await iterator.next();
    } catch (error) {
      input.destroy();
      throw unreadable(path, error);
    }
  };
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
    const found = await next(sheets);
    if (found.done) break;
    const sheet = found.value as unknown as { name?: string } & AsyncIterable<ExcelJS.Row>;
    sheetName = sheet.name ?? '';
    if (!options.sheet || options.sheet === sheetName) {
      rowsOfSheet = sheet[Symbol.asyncIterator]();
      break;
    }
  }
  if (!rowsOfSheet) {
    input.destroy();
    throw new AppError('FILE_MALFORMED', options.sheet ? `The workbook has no sheet named "${options.sheet}".` : `${basename(path)} has no worksheets.`, {
      problem: 'xlsxUnreadable',
    });
  }
  const toCells = (row: ExcelJS.Row): string[] => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
    return cells;
  };
  let headers: string[] = [];
  for (;;) {
    const first = await next(rowsOfSheet);
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
        const row = await next(rowsOfSheet);
        if (row.done) return;
        const cells = toCells(row.value);
        if (cells.every((cell) => cell === '')) continue;
        yield { row: row.value.number, cells };
      }
    },
    async close() {
      input.destroy();
    },
  };
}
