import { stat } from 'node:fs/promises';
import { AppError } from '../../contract/errors';
import type { ReportProgress } from '../../domain/progress';
import { JsonObjectReader, type ElementSink } from '../json/json-object-reader';
import { JsonStatCells } from './jsonstat-cells';
import { cellCount, putJsonStatValues } from './jsonstat-values';
import { koladaRecordSink } from './kolada-values';
import type { ValueTarget } from './value-checker';

type JsonFormat = 'kolada' | 'jsonstat';

const skip: ElementSink = () => {};

/**
 * Streams a Kolada values response or a JSON-stat dataset (`json`: whichever the file is) to the
 * checker, and says which it was. Kolada's records are checked as they are read; a JSON-stat
 * dataset's cells are kept compactly until the end of the file, where its dimensions and statuses
 * are sure to have been read, and then checked.
 */
export async function putJson(checker: ValueTarget, path: string, format: JsonFormat | 'json', progress: ReportProgress): Promise<JsonFormat> {
  const { size } = await stat(path);
  const maybeKolada = format !== 'jsonstat';
  const maybeJsonStat = format !== 'kolada';
  let records: ElementSink | null = null;
  const reader: JsonObjectReader = new JsonObjectReader(path, {
    // A top-level `values` list is what makes a file Kolada's, so its records can be written at once.
    values: maybeKolada
      ? (key, record) => {
          if (typeof key !== 'number') throw notKolada();
          records ??= koladaRecordSink(checker);
          records(key, record);
        }
      : skip,
    value: maybeJsonStat ? (key, raw) => cells.putValue(key, raw) : skip,
    status: maybeJsonStat ? (key, status) => cells.putStatus(key, status) : skip,
  });
  const cells = new JsonStatCells(() => cellCount(reader.members.size), size);
  let bytes = 0;
  // Kolada's records are written as they are read; a JSON-stat dataset is only read at this stage.
  await reader.read((n) => progress(records ? 'values' : 'reading', (bytes += n), size));

  if (reader.streamedAs.values === 'array') {
    // Asked for JSON-stat, a Kolada file's records went by unread: it is the wrong format, not an empty file.
    if (format === 'jsonstat') throw formatMismatch('jsonstat', 'kolada');
    return 'kolada';
  }
  if (format === 'kolada') throw reader.members.class === 'dataset' ? formatMismatch('kolada', 'jsonstat') : notKolada();
  if (format === 'json' && reader.members.class !== 'dataset') {
    throw new AppError('INVALID_ARGUMENT', 'The JSON file is neither a Kolada values response nor a JSON-stat 2.0 dataset.');
  }
  cells.setEveryStatus(reader.members.status);
  const hasValues = reader.streamedAs.value !== undefined;
  // A `value` list has one entry per cell, row-major: any other length leaves every cell after the
  // first gap unplaced, so the whole dataset is refused rather than read askew. (An object lists
  // only the cells it has.)
  const total = cellCount(reader.members.size);
  if (reader.streamedAs.value === 'array' && total !== undefined && cells.count !== total) {
    throw new AppError('JSONSTAT_VALUE_COUNT', `The JSON-stat dataset has ${cells.count} values for ${total} cells (the product of its sizes).`, {
      values: cells.count,
      cells: total,
    });
  }
  putJsonStatValues(checker, reader.members, cells, hasValues, (done, total) => progress('values', done, total));
  return 'jsonstat';
}

function formatMismatch(expected: JsonFormat, found: JsonFormat): AppError {
  const names = { kolada: 'a Kolada values response', jsonstat: 'a JSON-stat dataset' };
  return new AppError('IMPORT_FORMAT_MISMATCH', `The file is ${names[found]}, not ${names[expected]}: import it as ${found}.`, { expected, found });
}

function notKolada(): AppError {
  return new AppError('INVALID_ARGUMENT', 'Not a Kolada values response: it has no "values" list.');
}
