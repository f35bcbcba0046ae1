import type { Sex } from '../../contract/domains/indicators';
import type { SerializedError } from '../../contract/errors';
import type { Encoding, Separator } from '../tabular/tabular-source';
import type { Catalogue, CheckCounts, GivenIndicator } from './value-checker';

// What passes between the importing thread and the parse worker (csv-parse-worker.ts), declared
// once for both ends: the writer takes the values, the worker sends them.

/** The worker's workerData: the file, and the catalogue as the import's transaction read it. */
export interface ParseWorkerInput {
  path: string;
  encoding: Encoding;
  separator: Separator;
  catalogue: Catalogue;
  given: GivenIndicator;
  /** The most values sent at once. */
  window: number;
}

/** Values a parse worker checked: `count` of each array's first entries, and the series made for them. */
export interface CheckedValues {
  count: number;
  series: Float64Array;
  periods: Uint16Array;
  values: Float64Array;
  newSeries: [number, string, string, Sex][];
}

/** From the worker; the importing thread answers each `values` with the count it has written. */
export type ParseWorkerMessage =
  | { type: 'values'; checked: CheckedValues; bytes: number }
  | { type: 'done'; counts: CheckCounts }
  | { type: 'failed'; error: SerializedError };
