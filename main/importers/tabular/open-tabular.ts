import { extname } from 'node:path';
import { checkFileKind } from '../file-kind';
import { openCsv } from './csv-source';
import type { TabularOptions, TabularSource } from './tabular-source';
import { openXlsx } from './xlsx-source';

/** Opens a CSV or XLSX file by its extension; anything else is read as CSV. A file whose first bytes show another kind is refused. */
export async function openTabular(path: string, options: TabularOptions = {}): Promise<TabularSource> {
  const xlsx = extname(path).toLowerCase() === '.xlsx';
  await checkFileKind(path, xlsx ? 'xlsx' : 'csv');
  return xlsx ? openXlsx(path, options) : openCsv(path, options);
}
