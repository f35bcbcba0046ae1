import { Worker } from 'node:worker_threads';
import { AppError } from '../../contract/errors';
import type { ParseWorker } from '../../domain/parse-worker';
import type { Encoding, Separator } from '../tabular/tabular-source';
import type { ParseWorkerInput, ParseWorkerMessage } from './parse-worker-messages';
import type { CheckCounts, GivenIndicator } from './value-checker';
import type { IndicatorValueWriter } from './value-writer';

// Below this a worker's start costs more than it saves.
const WORKER_FROM_BYTES = 8 * 2 ** 20;
// Two million values (about 50 MB while they are collected and sent) sorted by key are written
// about as fast as a file in key order; a million left a fifth of the difference.
const WINDOW = 1 << 21;

/** The parse worker bundled at `file`, for files large enough to gain from it. */
export function parseWorkerAt(file: string): ParseWorker {
  return { file, fromBytes: WORKER_FROM_BYTES, window: WINDOW };
}

/**
 * Reads and checks a CSV file in the parse worker (a bundle of csv-parse-worker.ts) while this
 * thread writes what it sends. Settles with the worker's counts when the whole file is written, or
 * with the first failure on either side, the worker then stopped; the caller's transaction is left to it.
 */
export function putCsvInWorker(
  writer: IndicatorValueWriter,
  parser: ParseWorker,
  file: { path: string; encoding: Encoding; separator: Separator },
  given: GivenIndicator,
  onBytes: (bytes: number) => void,
): Promise<CheckCounts> {
  return new Promise((resolve, reject) => {
    const input: ParseWorkerInput = { ...file, catalogue: writer.catalogue, given, window: parser.window };
    const worker = new Worker(parser.file, { workerData: input });
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
          settled = true;
          resolve(message.counts);
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
