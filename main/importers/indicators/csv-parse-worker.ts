import { parentPort, workerData } from 'node:worker_threads';
import type { Sex } from '../../contract/domains/indicators';
import { serializeError } from '../../contract/errors';
import { putCsvValues } from './csv-values';
import type { CheckedValues, ParseWorkerInput, ParseWorkerMessage } from './parse-worker-messages';
import { ValueChecker, type CheckedSink } from './value-checker';

// Reads and checks a large CSV file of indicator values on a thread of its own, so splitting lines,
// reading numbers and checking keys (about half an import's time) overlap SQLite's writes on the
// importing thread. What it sends is compact: series ids, years and values in typed arrays, moved
// rather than copied, and the series it numbered.

const port = parentPort!;
const input = workerData as ParseWorkerInput;

/** Values sent at once: the first windows are small so writing starts early, then they grow. */
const FIRST_WINDOW = 1 << 14;
// While windows grow the writer waits for the reader, which has the next, larger window to fill:
// doubling them left the writer idle for 2.7 s of a 10,000,000-value import; by half, less.
const GROWTH = 1.5;
const FIRST_YEAR = 1900;
/** Doubles are exact integers up to 2^53, which bounds the sort keys below. */
const EXACT = 2 ** 53;

/**
 * Collects checked values and sends them a window at a time in key order. Files often come a year
 * at a time (every place for 2020, then 2021): written in that order each value lands somewhere
 * else in the store's (series, year) key, and ten million of them took twice as long to write as
 * in key order; sorted two million at a time they take about as long.
 */
class Outbox implements CheckedSink {
  private window: number;
  private count = 0;
  private maxSeries = 0;
  private ids = new Float64Array(FIRST_WINDOW);
  private periods = new Uint16Array(FIRST_WINDOW);
  private values = new Float64Array(FIRST_WINDOW);
  private made: CheckedValues['newSeries'] = [];

  constructor(private readonly lastWindow: number) {
    this.window = Math.min(FIRST_WINDOW, lastWindow);
  }

  /** Whether the window is full; a chunk's values go in whole, so it may hold a few more. */
  get full(): boolean {
    return this.count >= this.window;
  }

  value(series: number, period: number, value: number): void {
    if (this.count === this.ids.length) this.grow();
    if (series > this.maxSeries) this.maxSeries = series;
    this.ids[this.count] = series;
    this.periods[this.count] = period;
    this.values[this.count] = value;
    this.count++;
  }

  series(id: number, indicator: string, geo: string, sex: Sex): void {
    this.made.push([id, indicator, geo, sex]);
  }

  private grow(): void {
    // Up to the window's size by doubling; past it (the rest of a chunk) by a little, as a full
    // window is already tens of megabytes.
    const length = this.ids.length < this.window ? this.ids.length * 2 : this.ids.length + (1 << 16);
    const ids = new Float64Array(length);
    const periods = new Uint16Array(length);
    const values = new Float64Array(length);
    ids.set(this.ids);
    periods.set(this.periods);
    values.set(this.values);
    [this.ids, this.periods, this.values] = [ids, periods, values];
  }

  /**
   * The order to send the window in: by key, through one numeric sort of a double per value that
   * packs its key and its place in the window, (series × 256 + year − 1900) × 2^k + place; in the
   * file's order when series ids are too large for that to be exact.
   */
  private order(): Float64Array | null {
    const places = 2 ** Math.ceil(Math.log2(Math.max(this.count, 2)));
    if ((this.maxSeries + 1) * 256 * places > EXACT) return null;
    const keys = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) keys[i] = (this.ids[i]! * 256 + this.periods[i]! - FIRST_YEAR) * places + i;
    keys.sort();
    for (let i = 0; i < this.count; i++) keys[i] = keys[i]! % places;
    return keys;
  }

  /** What was collected, in key order, in arrays of its own to be moved rather than copied. */
  take(): CheckedValues {
    const count = this.count;
    const checked: CheckedValues = { count, series: new Float64Array(count), periods: new Uint16Array(count), values: new Float64Array(count), newSeries: this.made };
    const order = this.order();
    for (let i = 0; i < count; i++) {
      const from = order ? order[i]! : i;
      checked.series[i] = this.ids[from]!;
      checked.periods[i] = this.periods[from]!;
      checked.values[i] = this.values[from]!;
    }
    this.count = 0;
    this.made = [];
    this.window = Math.min(Math.ceil(this.window * GROWTH), this.lastWindow);
    return checked;
  }
}

// The writer tells how many values it has written; reading waits while a window is unwritten, so
// memory stays bounded however far it could run ahead, and the writer has the next window at hand
// as soon as it is done.
let unwritten = 0;
let wake: (() => void) | null = null;
const written = (count: number) => {
  unwritten -= count;
  wake?.();
  wake = null;
};
port.on('message', written);

const outbox = new Outbox(input.window);
const checker = new ValueChecker(input.catalogue, outbox, input.given);

/** Sorts the window, then sends it once the writer is done with the last one (sorting two million values while it waits, not after). */
async function sendWhenRoom(bytes: number): Promise<void> {
  const checked = outbox.take();
  while (unwritten > 0) await new Promise<void>((resolve) => (wake = resolve));
  unwritten += checked.count;
  const transfer = [checked.series.buffer, checked.periods.buffer, checked.values.buffer] as ArrayBuffer[];
  port.postMessage({ type: 'values', checked, bytes } satisfies ParseWorkerMessage, transfer);
}

try {
  let read = 0;
  await putCsvValues(checker, input.path, input.encoding, input.separator, input.given, async (bytes) => {
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
