import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../../contract/errors';
import { putCsvValues } from './csv-values';
import type { ParseWorkerInput, ParseWorkerMessage } from './parse-in-worker';
import { ValueChecker, type CheckedSink, type Sex } from './value-checker';
import type { CheckedValues } from './value-writer';

// Reads and checks a large CSV file of indicator values on a thread of its own, so splitting lines,
// reading numbers and checking keys (about half an import's time) overlap SQLite's writes on the
// importing thread. What it sends is compact: series ids, years and values in typed arrays, moved
// rather than copied, and the series it numbered.

const port = parentPort!;
const input = workerData as ParseWorkerInput;

/** Values sent at once: the first few windows are small so writing starts early, then they double. */
const FIRST_WINDOW = 1 << 14;
const LAST_WINDOW = 1 << 20;
/** Values the writer may have still to write before reading waits: two full windows, about 36 MB. */
const MAX_UNWRITTEN = 2 * LAST_WINDOW;
const FIRST_YEAR = 1900;
// A window is sorted by one number per value, its key and its place in the window:
// (series × 256 + year − 1900) × 2^20 + place, exact in a double while series ids stay below 2^25.
const PLACES = LAST_WINDOW * 2;
const SORTABLE_SERIES = 2 ** 53 / (256 * PLACES);

/**
 * Collects checked values and sends them a window at a time in key order. Files often come a year
 * at a time (every place for 2020, then 2021): written in that order each value lands somewhere
 * else in the store's (series, year) key, and ten million of them took twice as long to write as
 * in key order; sorted a million at a time they take about as long.
 */
class Outbox implements CheckedSink {
  private window = FIRST_WINDOW;
  private count = 0;
  private sortable = true;
  private keys = new Float64Array(FIRST_WINDOW);
  private ids = new Float64Array(FIRST_WINDOW);
  private periods = new Uint16Array(FIRST_WINDOW);
  private values = new Float64Array(FIRST_WINDOW);
  private made: CheckedValues['newSeries'] = [];

  get full(): boolean {
    return this.count >= this.window;
  }

  get size(): number {
    return this.count;
  }

  value(series: number, period: number, value: number): void {
    if (this.count === this.keys.length) this.grow();
    if (series >= SORTABLE_SERIES) this.sortable = false;
    this.keys[this.count] = (series * 256 + period - FIRST_YEAR) * PLACES + this.count;
    this.ids[this.count] = series;
    this.periods[this.count] = period;
    this.values[this.count] = value;
    this.count++;
  }

  series(id: number, indicator: string, geo: string, sex: Sex): void {
    this.made.push([id, indicator, geo, sex]);
  }

  private grow(): void {
    const length = Math.min(this.keys.length * 2, PLACES);
    const keys = new Float64Array(length);
    const ids = new Float64Array(length);
    const periods = new Uint16Array(length);
    const values = new Float64Array(length);
    keys.set(this.keys);
    ids.set(this.ids);
    periods.set(this.periods);
    values.set(this.values);
    [this.keys, this.ids, this.periods, this.values] = [keys, ids, periods, values];
  }

  /** Sends what was collected, sorted by key, in arrays of its own that are moved rather than copied. */
  send(bytes: number): void {
    const count = this.count;
    const checked: CheckedValues = { count, series: new Float64Array(count), periods: new Uint16Array(count), values: new Float64Array(count), newSeries: this.made };
    const keys = this.keys.subarray(0, count);
    if (this.sortable) keys.sort();
    for (let i = 0; i < count; i++) {
      const from = this.sortable ? keys[i]! % PLACES : i;
      checked.series[i] = this.ids[from]!;
      checked.periods[i] = this.periods[from]!;
      checked.values[i] = this.values[from]!;
    }
    port.postMessage({ type: 'values', checked, bytes } satisfies ParseWorkerMessage, [
      checked.series.buffer as ArrayBuffer,
      checked.periods.buffer as ArrayBuffer,
      checked.values.buffer as ArrayBuffer,
    ]);
    this.count = 0;
    this.made = [];
    this.window = Math.min(this.window * 2, LAST_WINDOW);
  }
}

// The writer tells how many values it has written; reading waits while too many are unwritten, so
// memory stays bounded however far it could run ahead.
let unwritten = 0;
let wake: (() => void) | null = null;
const written = (count: number) => {
  unwritten -= count;
  wake?.();
  wake = null;
};
port.on('message', written);

const outbox = new Outbox();
const checker = new ValueChecker(input.catalogue, outbox);

async function sendWhenRoom(bytes: number): Promise<void> {
  while (unwritten > MAX_UNWRITTEN - outbox.size) await new Promise<void>((resolve) => (wake = resolve));
  unwritten += outbox.size;
  outbox.send(bytes);
}

try {
  let read = 0;
  await putCsvValues(checker, input.path, input.encoding, input.separator, async (bytes) => {
    read = bytes;
    if (outbox.full) await sendWhenRoom(bytes);
  });
  await sendWhenRoom(read);
  port.postMessage({ type: 'done', counts: checker.counts } satisfies ParseWorkerMessage);
} catch (error) {
  port.postMessage({ type: 'failed', error: serializeError(error) } satisfies ParseWorkerMessage);
}
// Without a listener the thread ends once its messages are out.
port.off('message', written);
