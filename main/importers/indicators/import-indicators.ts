import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ImportSummary } from '../../contract/domains/imports';
import type { IndicatorFormat } from '../../contract/domains/indicators';
import type { ParseWorker } from '../../domain/parse-worker';
import type { ReportProgress } from '../../domain/progress';
import { sniffCsv } from '../tabular/csv-source';
import { openXlsx } from '../tabular/xlsx-source';
import type { TabularRow } from '../tabular/tabular-source';
import { putJson } from './json-values';
import { putCsvValues } from './csv-values';
import { putCsvInWorker } from './parse-in-worker';
import { formatOf, layoutOf, putRows } from './tabular-values';
import { IndicatorValueWriter } from './value-writer';

export interface IndicatorImportOptions {
  /** Left out: judged from the extension, and for JSON from the document's shape. */
  format?: IndicatorFormat;
  dryRun: boolean;
  strict: boolean;
  /** The name recorded as the values' source; the file's own name when left out. */
  fileName?: string;
  progress: ReportProgress;
  /** Where large CSV files are read; left out or null, on this thread. */
  parseWorker?: ParseWorker | null;
}

const XLSX_BATCH = 1000;

async function putCsv(writer: IndicatorValueWriter, path: string, options: IndicatorImportOptions): Promise<void> {
  const { encoding, separator } = await sniffCsv(path);
  const { size } = await stat(path);
  const onBytes = (bytes: number) => options.progress('values', bytes, size);
  const worker = options.parseWorker;
  if (worker && size >= worker.fromBytes) await putCsvInWorker(writer, worker, { path, encoding, separator }, onBytes);
  else await putCsvValues(writer, path, encoding, separator, onBytes);
}

async function putXlsx(writer: IndicatorValueWriter, path: string, progress: IndicatorImportOptions['progress']): Promise<void> {
  const source = await openXlsx(path);
  try {
    let format: ReturnType<typeof formatOf> | null = null;
    let batch: TabularRow[] = [];
    const flush = () => {
      format ??= formatOf(source.headers, batch, ',');
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
  const format = options.format ?? formatOfPath(path);
  // A JSON file's kind shows only as it is read, so its writer (which records the format) starts then.
  const started: { writer?: IndicatorValueWriter } = {};
  const open = (found: IndicatorFormat) =>
    (started.writer ??= new IndicatorValueWriter(db, {
      fileName: options.fileName ?? basename(path),
      format: found,
      dryRun: options.dryRun,
      strict: options.strict,
    }));
  try {
    if (format === 'csv') await putCsv(open(format), path, options);
    else if (format === 'xlsx') await putXlsx(open(format), path, options.progress);
    else await putJson(open, path, format, options.progress);
    return started.writer!.finish();
  } catch (error) {
    started.writer?.abort();
    throw error;
  }
}
