import { extname } from 'node:path';
import { openCsv } from './csv-source';
import type { TabularOptions, TabularSource } from './tabular-source';
import { openXlsx } from './xlsx-source';

/** Opens a CSV or XLSX file by its extension; anything else is read as CSV. */
export function openTabular(path: string, options: TabularOptions = {}): Promise<TabularSource> {
  return extname(path).toLowerCase() === '.xlsx' ? openXlsx(path, options) : openCsv(path, options);
}
