import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ImportSummary } from '../../contract/domains/imports';
import { AppError } from '../../contract/errors';
import { csvRecordBatches } from '../tabular/csv-records';
import { sniffCsv } from '../tabular/csv-source';
import { openXlsx } from '../tabular/xlsx-source';
import type { TabularRow } from '../tabular/tabular-source';
import { putJsonStatValues } from './jsonstat-values';
import { putKoladaValues } from './kolada-values';
import { decimalMarkOf, layoutOf, putRows, type Layout } from './tabular-values';
import { IndicatorValueWriter, type IndicatorFormat } from './value-writer';

export interface IndicatorImportOptions {
  /** Left out: judged from the extension, and for JSON from the document's shape. */
  format?: IndicatorFormat;
  dryRun: boolean;
  strict: boolean;
  /** The name recorded as the values' source; the file's own name when left out. */
  fileName?: string;
  progress: (phase: string, done: number, total: number | null) => void;
}

/** APIs page (Kolada) or cap (PxWeb) their responses far below this; a JSON file is read whole. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;
const XLSX_BATCH = 1000;

async function jsonDocument(path: string): Promise<unknown> {
  const { size } = await stat(path);
  if (size > MAX_JSON_BYTES) {
    throw new AppError('INVALID_ARGUMENT', `${basename(path)} is ${Math.round(size / 2 ** 20)} MB; JSON files up to 256 MB can be imported. Split the download.`);
  }
  try {
    return JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `${basename(path)} is not valid JSON: ${(error as Error).message}`);
  }
}

function jsonFormatOf(document: unknown): IndicatorFormat {
  const object = document as Record<string, unknown> | null;
  if (object && Array.isArray(object.values)) return 'kolada';
  if (object && object.class === 'dataset') return 'jsonstat';
  throw new AppError('INVALID_ARGUMENT', 'The JSON file is neither a Kolada values response nor a JSON-stat 2.0 dataset.');
}

function withLayout(headers: string[], rows: readonly TabularRow[], separator: string) {
  const layout: Layout = layoutOf(headers);
  return { layout, decimal: decimalMarkOf(layout, rows, separator) };
}

async function putCsv(writer: IndicatorValueWriter, path: string, progress: IndicatorImportOptions['progress']): Promise<void> {
  const { encoding, separator } = await sniffCsv(path);
  const { size } = await stat(path);
  let bytes = 0;
  let headers: string[] | null = null;
  let format: ReturnType<typeof withLayout> | null = null;
  for await (const batch of csvRecordBatches(path, encoding, separator, (n) => (bytes += n))) {
    let rows = batch;
    if (!headers) {
      headers = rows[0]!.cells.map((cell) => cell.trim());
      rows = rows.slice(1);
      format = withLayout(headers, rows, separator);
    }
    putRows(writer, headers, format!.layout, format!.decimal, rows);
    progress('values', bytes, size);
  }
  if (!headers) throw new AppError('INVALID_ARGUMENT', `${basename(path)} is empty.`);
}

async function putXlsx(writer: IndicatorValueWriter, path: string, progress: IndicatorImportOptions['progress']): Promise<void> {
  const source = await openXlsx(path);
  try {
    let format: ReturnType<typeof withLayout> | null = null;
    let batch: TabularRow[] = [];
    const flush = () => {
      format ??= withLayout(source.headers, batch, ',');
      putRows(writer, source.headers, format.layout, format.decimal, batch);
      batch = [];
      progress('values', source.bytesRead(), source.size);
    };
    // The layout is checked before any row is read, so a wrong file fails at once.
    layoutOf(source.headers);
    for await (const row of source.rows()) {
      batch.push(row);
      if (batch.length === XLSX_BATCH) flush();
    }
    flush();
  } finally {
    await source.close();
  }
}

function formatOfPath(path: string): IndicatorFormat | 'json' {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.json') return 'json';
  return 'csv';
}

/**
 * Imports one file of indicator values into the store in a single transaction: everything valid
 * is written, every problem is listed with its row; a dry run, or --strict with a problem, writes
 * nothing, and neither does a failure part way.
 */
export async function importIndicators(db: Database, path: string, options: IndicatorImportOptions): Promise<ImportSummary> {
  let format: IndicatorFormat | 'json' = options.format ?? formatOfPath(path);
  let document: unknown;
  if (format === 'json' || format === 'kolada' || format === 'jsonstat') {
    document = await jsonDocument(path);
    if (format === 'json') format = jsonFormatOf(document);
  }
  const writer = new IndicatorValueWriter(db, {
    fileName: options.fileName ?? basename(path),
    format,
    dryRun: options.dryRun,
    strict: options.strict,
  });
  const progress = (done: number, total: number) => options.progress('values', done, total);
  try {
    if (format === 'csv') await putCsv(writer, path, options.progress);
    else if (format === 'xlsx') await putXlsx(writer, path, options.progress);
    else if (format === 'kolada') putKoladaValues(writer, document, progress);
    else putJsonStatValues(writer, document, progress);
    return writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  }
}
