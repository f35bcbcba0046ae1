import { Worker } from 'node:worker_threads';
import { AppError, type SerializedError } from '../../contract/errors';
import type { Encoding, Separator } from '../tabular/tabular-source';
import type { Catalogue, CheckCounts } from './value-checker';
import type { CheckedValues, IndicatorValueWriter } from './value-writer';

export interface ParseWorkerInput {
  path: string;
  encoding: Encoding;
  separator: Separator;
  catalogue: Catalogue;
}

export type ParseWorkerMessage =
  | { type: 'values'; checked: CheckedValues; bytes: number }
  | { type: 'done'; counts: CheckCounts }
  | { type: 'failed'; error: SerializedError };

/**
 * Reads and checks a CSV file in the parse worker (`workerFile`, a bundle of csv-parse-worker.ts)
 * while this thread writes what it sends. Settles when the whole file is written, or with the
 * first failure on either side, the worker then stopped; the caller's transaction is left to it.
 */
export function putCsvInWorker(
  writer: IndicatorValueWriter,
  workerFile: string,
  file: { path: string; encoding: Encoding; separator: Separator },
  onBytes: (bytes: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input: ParseWorkerInput = { ...file, catalogue: writer.catalogue };
    const worker = new Worker(workerFile, { workerData: input });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error);
    };
    worker.on('message', (message: ParseWorkerMessage) => {
      if (settled) return;
      try {
        if (message.type === 'values') {
          writer.writeChecked(message.checked);
          onBytes(message.bytes);
          worker.postMessage(message.checked.count);
        } else if (message.type === 'done') {
          writer.addCounts(message.counts);
          settled = true;
          resolve();
        } else {
          fail(new AppError(message.error.code, message.error.message, message.error.details));
        }
      } catch (error) {
        fail(error);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new AppError('INTERNAL', `The CSV reader stopped (exit code ${code}) before the file was read.`)));
  });
}
