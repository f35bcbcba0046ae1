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

type Numbers = Float64Array<ArrayBuffer>;

/** Collects one chunk's checked values until they are sent. */
class Outbox implements CheckedSink {
  private count = 0;
  private ids: Numbers = new Float64Array(1 << 16);
  private periods = new Uint16Array(1 << 16);
  private values: Numbers = new Float64Array(1 << 16);
  private made: CheckedValues['newSeries'] = [];

  value(series: number, period: number, value: number): void {
    if (this.count === this.ids.length) this.grow(this.ids.length * 2);
    this.ids[this.count] = series;
    this.periods[this.count] = period;
    this.values[this.count] = value;
    this.count++;
  }

  series(id: number, indicator: string, geo: string, sex: Sex): void {
    this.made.push([id, indicator, geo, sex]);
  }

  private grow(length: number): void {
    const ids = new Float64Array(length);
    const periods = new Uint16Array(length);
    const values = new Float64Array(length);
    ids.set(this.ids);
    periods.set(this.periods);
    values.set(this.values);
    [this.ids, this.periods, this.values] = [ids, periods, values];
  }

  /** Sends what was collected: the arrays are moved, not copied, and new ones as large are made. */
  send(bytes: number): void {
    const length = this.ids.length;
    const checked = { count: this.count, series: this.ids, periods: this.periods, values: this.values, newSeries: this.made };
    send({ type: 'values', checked, bytes }, [this.ids.buffer, this.periods.buffer, this.values.buffer]);
    this.count = 0;
    this.made = [];
    [this.ids, this.periods, this.values] = [new Float64Array(length), new Uint16Array(length), new Float64Array(length)];
  }
}

function send(message: ParseWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

// The writer answers each chunk when it has written it; only so many wait, so memory stays bounded
// however far the reading runs ahead.
let credit = input.inFlight;
let wake: (() => void) | null = null;
const answered = () => {
  credit++;
  wake?.();
  wake = null;
};
port.on('message', answered);

const outbox = new Outbox();
const checker = new ValueChecker(input.catalogue, outbox);
try {
  await putCsvValues(checker, input.path, input.encoding, input.separator, async (bytes) => {
    if (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    outbox.send(bytes);
  });
  send({ type: 'done', counts: checker.counts });
} catch (error) {
  send({ type: 'failed', error: serializeError(error) });
}
// Without a listener the thread ends once its messages are out.
port.off('message', answered);
