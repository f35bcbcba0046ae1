import { basename } from 'node:path';
import { AppError } from '../../contract/errors';
import { csvRecordBatches } from '../tabular/csv-records';
import type { Encoding, Separator } from '../tabular/tabular-source';
import { formatOf, putRows } from './tabular-values';
import type { GivenIndicator, ValueTarget } from './value-checker';

/**
 * Hands every value of a long- or wide-form CSV file to the checker, a chunk's rows at a time; after
 * each chunk `afterChunk` hears how many bytes have been read (and may make the reading wait).
 */
export async function putCsvValues(
  checker: Pick<ValueTarget, 'put'>,
  path: string,
  encoding: Encoding,
  separator: Separator,
  given: GivenIndicator,
  afterChunk: (bytes: number) => void | Promise<void>,
): Promise<void> {
  let bytes = 0;
  let headers: string[] | null = null;
  let format: ReturnType<typeof formatOf> | null = null;
  for await (const batch of csvRecordBatches(path, encoding, separator, (n) => (bytes += n))) {
    let rows = batch;
    if (!headers) {
      // SCB's exports open with the table's title on a line of its own (blank lines are skipped already).
      const first = rows.findIndex((row) => row.cells.filter((cell) => cell.trim() !== '').length > 1);
      if (first < 0) continue;
      headers = rows[first]!.cells.map((cell) => cell.trim());
      rows = rows.slice(first + 1);
      format = formatOf(headers, rows, separator, given.indicator !== undefined);
    }
    putRows(checker, headers, format!.layout, format!.decimal, rows);
    await afterChunk(bytes);
  }
  if (!headers) throw new AppError('IMPORT_EMPTY', `${basename(path)} is empty.`, { reason: 'headerOnly' });
}
