export type DecimalMark = ',' | '.';

// Thousands are grouped with spaces in Swedish (often non-breaking or narrow ones).
const GROUPING_SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * Which decimal mark a column uses, judged from sample values: a value with both marks ends in its
 * decimal one; a comma followed by anything but exactly three digits is a decimal comma; otherwise
 * the file's separator decides (a `;` file is Swedish, so a decimal comma).
 */
export function detectDecimalMark(samples: readonly string[], separator: string): DecimalMark {
  for (const raw of samples) {
    const value = raw.replace(GROUPING_SPACES, '');
    const comma = value.lastIndexOf(',');
    const point = value.lastIndexOf('.');
    if (comma >= 0 && point >= 0) return comma > point ? ',' : '.';
    if (comma >= 0 && !/,\d{3}$/.test(value)) return ',';
    if (point >= 0 && !/\.\d{3}$/.test(value)) return '.';
  }
  return separator === ',' ? '.' : ',';
}

/**
 * Parses `1 250 000,00`, `1250000.00`, `−3,5` or `12 %` into a number; an empty cell or the
 * statistical agencies' `..` is null (missing, never zero); anything else is undefined (not a number).
 */
export function parseNumber(raw: string, decimal: DecimalMark): number | null | undefined {
  const plain = plainNumber(raw, decimal);
  if (plain !== undefined) return plain;
  const text = raw.trim();
  if (text === '' || text === '..' || text === '.' || text === '-' || text === '–') return null;
  let value = text.replace(GROUPING_SPACES, '').replace(/^[−–]/, '-').replace(/%$/, '').replace(/kr$/i, '');
  const thousands = decimal === ',' ? '.' : ',';
  if (value.includes(thousands)) {
    // A grouping mark is only valid between groups of three digits.
    if (!new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+(\\${decimal}\\d+)?$`).test(value)) return undefined;
    value = value.split(thousands).join('');
  }
  if (decimal === ',') value = value.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Below 2^53, so any whole number of this many digits is exact. */
const MAX_EXACT_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, power) => 10 ** power);
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

/**
 * Most cells of a large file are plain figures such as `7,1` or `-12`: those are read with one pass
 * over the characters (an import of millions of values spends a tenth of its time here otherwise);
 * anything else, undefined here, goes the general way.
 */
function plainNumber(raw: string, decimal: DecimalMark): number | undefined {
  const mark = decimal.charCodeAt(0);
  let digitsBefore = 0;
  let digitsAfter = 0;
  let seenMark = false;
  for (let i = raw.charCodeAt(0) === MINUS ? 1 : 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= ZERO && code <= NINE) {
      if (seenMark) digitsAfter++;
      else digitsBefore++;
    } else if (code === mark && !seenMark) {
      seenMark = true;
    } else {
      return undefined;
    }
  }
  if (digitsBefore === 0 || (seenMark && digitsAfter === 0)) return undefined;
  if (digitsBefore + digitsAfter > MAX_EXACT_DIGITS) return Number(decimal === ',' && seenMark ? raw.replace(',', '.') : raw);
  // Digits and scale as integers: with at most 15 digits both are exact doubles, and IEEE division
  // rounds their quotient correctly, so this is the very number Number() would read, without
  // building a string for it.
  let digits = 0;
  for (let i = raw.charCodeAt(0) === MINUS ? 1 : 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code !== mark) digits = digits * 10 + (code - ZERO);
  }
  const number = digitsAfter === 0 ? digits : digits / POWERS_OF_TEN[digitsAfter]!;
  return raw.charCodeAt(0) === MINUS ? -number : number;
}
