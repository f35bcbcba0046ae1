import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ImportSummary } from '../../contract/domains/imports';
import type { IndicatorFormat } from '../../contract/domains/indicators';
import { AppError } from '../../contract/errors';
import type { ParseWorker } from '../../domain/parse-worker';
import type { ReportProgress } from '../../domain/progress';
import { checkFileKind } from '../file-kind';
import { runImport } from '../import-transaction';
import { sniffCsv } from '../tabular/csv-source';
import { openXlsx } from '../tabular/xlsx-source';
import type { TabularRow } from '../tabular/tabular-source';
import { putJson } from './json-values';
import { putCsvValues } from './csv-values';
import { putCsvInWorker } from './parse-in-worker';
import { formatOf, layoutOf, putRows } from './tabular-values';
import { ValueChecker, type CheckCounts, type PlaceLabelCheck } from './value-checker';
import { IndicatorValueWriter, VALUE_IMPORT_PRAGMAS } from './value-writer';

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
  /** Every value is of this indicator, whatever the file names or whether it names one (`--indicator`). */
  indicator?: string | undefined;
  /** Define the indicators the file names by code and the store lacks, rather than reject their values (`--define-indicators`). */
  defineIndicators?: boolean | undefined;
}

const XLSX_BATCH = 1000;

/** A file's values through one checker into the writer; the parse worker, for a large CSV file, checks them itself. */
async function readValues(
  writer: IndicatorValueWriter,
  path: string,
  format: IndicatorFormat | 'json',
  { progress, parseWorker, indicator, defineIndicators }: IndicatorImportOptions,
): Promise<{ format: IndicatorFormat; counts: CheckCounts }> {
  const given = { indicator, define: defineIndicators };
  if (indicator !== undefined && !defineIndicators && !writer.catalogue.indicators.has(indicator)) {
    throw new AppError('INVALID_ARGUMENT', `There is no indicator ${indicator}: define it first, or choose one the store has.`, { indicator });
  }
  const checker = new ValueChecker(writer.catalogue, writer, given);
  if (format === 'csv') {
    const { encoding, separator } = await sniffCsv(path);
    const { size } = await stat(path);
    const onBytes = (bytes: number) => progress('values', bytes, size);
    if (parseWorker && size >= parseWorker.fromBytes) {
      return { format, counts: await putCsvInWorker(writer, parseWorker, { path, encoding, separator }, given, onBytes) };
    }
    await putCsvValues(checker, path, encoding, separator, given, onBytes);
    return { format, counts: checker.counts };
  }
  if (format === 'xlsx') {
    await putXlsx(checker, path, progress, indicator !== undefined);
    return { format, counts: checker.counts };
  }
  return { format: await putJson(checker, path, format, progress), counts: checker.counts };
}

async function putXlsx(checker: ValueChecker, path: string, progress: ReportProgress, indicatorGiven: boolean): Promise<void> {
  const source = await openXlsx(path);
  try {
    let format: ReturnType<typeof formatOf> | null = null;
    let batch: TabularRow[] = [];
    const flush = () => {
      format ??= formatOf(source.headers, batch, ',', indicatorGiven);
      putRows(checker, source.headers, format.layout, format.decimal, batch);
      batch = [];
      progress('values', source.bytesRead(), source.size);
    };
    // The layout is checked before any row is read, so a wrong file fails at once.
    layoutOf(source.headers, indicatorGiven);
    for await (const row of source.rows()) {
      batch.push(row);
      if (batch.length === XLSX_BATCH) flush();
    }
    flush();
  } finally {
    await source.close();
  }
}

/**
 * A file whose place labels mostly disagree with the store's names for their codes is about other
 * places (US states by FIPS code read as Swedish counties): refused whole, naming examples. A few
 * disagreements are only those rows' rejects.
 */
function refuseDisagreeingPlaces({ checked, disagreeing, examples }: PlaceLabelCheck): void {
  if (disagreeing * 2 <= checked) return;
  const named = examples.map(({ code, label }) => `${code} "${label}"`).join(', ');
  throw new AppError(
    'IMPORT_PLACES_DISAGREE',
    `${disagreeing} of the ${checked} places in the file are named otherwise than the store's places with the same codes (${named}): the file is about other places.`,
    { checked, disagreeing, examples },
  );
}

function formatOfPath(path: string): IndicatorFormat | 'json' {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.json') return 'json';
  return 'csv';
}

/**
 * Imports one file of indicator values into the store in a single transaction: the file's reader
 * hands each value to the checker, which hands the good ones to the writer. Everything valid is
 * written, every problem is listed with its row; a dry run, or --strict with a problem, writes
 * nothing, and neither does a failure part way.
 */
export async function importIndicators(db: Database, path: string, options: IndicatorImportOptions): Promise<ImportSummary> {
  const asked = options.format ?? formatOfPath(path);
  await checkFileKind(path, asked === 'csv' || asked === 'xlsx' ? asked : 'json');
  const empty = asked === 'csv' || asked === 'xlsx' ? 'headerOnly' : 'noValues';
  return runImport(db, { dryRun: options.dryRun, strict: options.strict, pragmas: VALUE_IMPORT_PRAGMAS, empty }, async (transaction) => {
    const writer = new IndicatorValueWriter(db);
    const { format, counts } = await readValues(writer, path, asked, options);
    refuseDisagreeingPlaces(counts.places);
    return writer.finish({ fileName: options.fileName ?? basename(path), format }, counts, transaction);
  });
}
