import { AppError } from '../../contract/errors';

/** A sparse `value` object keyed far beyond any real table is refused rather than allocated. */
const MAX_CELLS = 2 ** 28;
/** Cells allocated at once from the dataset's stated size: 128 MB of numbers. */
const EXACT_UP_TO = 2 ** 24;

/**
 * The `value` and `status` of a JSON-stat dataset, held compactly while the file is read: a
 * dataset may put `status` (PxWeb does), or its dimensions, after `value`, so no cell can be judged
 * until the end. A cell costs eight bytes and a bit, whatever its text: the number, or NaN when
 * there is none, with the odd non-number kept aside for its reject; and whether its status is `..`.
 */
export class JsonStatCells {
  private numbers = new Float64Array(0);
  private readonly notNumbers = new Map<number, unknown>();
  private missing = new Uint8Array(0);
  /** `status` given as one string for every cell. */
  private everyStatus: unknown;

  /** How many entries `value` had. */
  count = 0;

  /**
   * `cellCount` tells how many cells the dataset has, once its `size` has been read; `fileBytes`
   * bounds how many values the file can hold (two bytes each at the least, `1,`), so sizes that
   * claim more cells than that are not allocated for before the values are there.
   */
  constructor(
    private readonly cellCount: () => number | undefined,
    private readonly fileBytes: number,
  ) {}

  putValue(key: number | string, raw: unknown): void {
    const index = this.indexOf(key);
    if (index === undefined) return;
    this.count++;
    if (index >= this.numbers.length) this.numbers = grown(this.numbers, index, this.possibleCells(), NaN);
    if (typeof raw === 'number') {
      this.numbers[index] = raw;
      if (this.notNumbers.size > 0) this.notNumbers.delete(index);
    } else {
      this.numbers[index] = NaN;
      if (raw === null) this.notNumbers.delete(index);
      else this.notNumbers.set(index, raw);
    }
  }

  putStatus(key: number | string, status: unknown): void {
    const index = this.indexOf(key);
    if (index === undefined) return;
    const byte = index >> 3;
    if (byte >= this.missing.length) this.missing = grown(this.missing, byte, undefined, 0);
    const mask = 1 << (index & 7);
    if (status === '..') this.missing[byte]! |= mask;
    else this.missing[byte]! &= ~mask;
  }

  /** The dataset's cell count, when the file is large enough to hold a value for each. */
  private possibleCells(): number | undefined {
    const cells = this.cellCount();
    return cells !== undefined && cells <= this.fileBytes / 2 + 1 ? cells : undefined;
  }

  setEveryStatus(status: unknown): void {
    this.everyStatus = status;
  }

  /** The cell's number; null when missing (status `..`, null or absent), undefined when not a number. */
  value(index: number): number | null | undefined {
    if (this.everyStatus === '..' || (this.missing[index >> 3]! & (1 << (index & 7))) !== 0) return null;
    const number = this.numbers[index];
    if (number === undefined || !Number.isNaN(number)) return number ?? null;
    return this.notNumbers.has(index) ? undefined : null;
  }

  /** The cell as the file wrote it, for a reject. */
  raw(index: number): string {
    return String(this.notNumbers.get(index) ?? this.numbers[index]);
  }

  private indexOf(key: number | string): number | undefined {
    const index = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : NaN;
    // An object's keys that are not cell indexes name no cell, as indexing by them found none.
    if (!Number.isInteger(index)) return undefined;
    if (index >= MAX_CELLS) throw new AppError('INVALID_ARGUMENT', `JSON-stat cell ${index} is beyond any table this import reads (${MAX_CELLS} cells).`);
    return index;
  }
}

/**
 * A copy with room for `index`: exactly the dataset's size when known and modest, else doubled, so
 * a `size` that claims billions of cells costs nothing until values fill them.
 */
function grown<T extends Float64Array | Uint8Array>(array: T, index: number, exact: number | undefined, fill: number): T {
  const length = exact !== undefined && exact > index && exact <= EXACT_UP_TO ? exact : Math.max(index + 1, array.length * 2, 1024);
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  if (fill !== 0) copy.fill(fill, array.length);
  return copy;
}
