import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { Encoding, Separator, TabularRow } from './tabular-source';

// A chunk's rows are all made before any is used: at 1 MB (40,000 rows) they outlived the young
// generation and were copied to the old one, and garbage collection took 44% of reading ten million
// values; at 64 kB the same reading took half the time. Smaller chunks cost more than they save.
const CHUNK_BYTES = 1 << 16;
const CARRIAGE_RETURN = 13;

/** Splits one record that has quotes in it: `""` inside quotes is a quote, separators inside quotes are text. */
function splitQuoted(record: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const char = record[i]!;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (record[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/**
 * The cells of the line from `start` to `end` (its newline) cut straight out of the chunk, for the
 * common line with no quote in it; null for any other (quoted or blank), which takes the general way.
 */
function plainCells(text: string, start: number, end: number, separator: string): string[] | null {
  const stop = text.charCodeAt(end - 1) === CARRIAGE_RETURN && end > start ? end - 1 : end;
  const cells: string[] = [];
  let from = start;
  for (;;) {
    const next = text.indexOf(separator, from);
    const to = next >= 0 && next < stop ? next : stop;
    const cell = text.slice(from, to);
    if (cell.includes('"')) return null;
    cells.push(cell);
    if (to === stop) break;
    from = to + 1;
  }
  return cells.length === 1 && cells[0]!.trim() === '' ? null : cells;
}

function quoteCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count++;
  return count;
}

/**
 * The fast path for large, simple CSV files (millions of indicator values): reads 64 kB chunks and
 * splits lines with indexOf, handing back each chunk's records as one batch, so there is no
 * per-row stream or promise. Only records that contain a quote take the slower character-wise
 * split; a quoted field spanning lines is joined up until its quotes balance. Empty lines are
 * skipped, as csv-parse does in `openCsv`; lines may end in CR LF, LF or (the whole file) CR alone. Records keep the line number they start on, the header
 * being line 1. Encoding and separator come from the caller (sniffed as `openCsv` does).
 */
export async function* csvRecordBatches(
  path: string,
  encoding: Encoding,
  separator: Separator,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<TabularRow[]> {
  const decoder = iconv.getDecoder(encoding);
  let carry = '';
  let line = 0;
  let pending: { start: number; text: string } | null = null;
  let first = true;
  // Old Mac spreadsheets end lines with a carriage return alone: read as one line, such a file
  // would be a header with no rows. Judged on the first chunk, which always holds a line break.
  let crOnly = false;

  const take = (raw: string, rows: TabularRow[]): void => {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (pending) {
      pending.text += `\n${text}`;
      if (quoteCount(pending.text) % 2 === 0) {
        rows.push({ row: pending.start, cells: splitQuoted(pending.text, separator) });
        pending = null;
      }
      return;
    }
    if (text.trim() === '') return;
    if (!text.includes('"')) {
      rows.push({ row: line, cells: text.split(separator) });
    } else if (quoteCount(text) % 2 === 0) {
      rows.push({ row: line, cells: splitQuoted(text, separator) });
    } else {
      pending = { start: line, text };
    }
  };

  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    onBytes(bytes.length);
    let text = carry + decoder.write(bytes);
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      crOnly = text.includes('\r') && !text.includes('\n');
      first = false;
    }
    if (crOnly) text = text.replaceAll('\r', '\n');
    const rows: TabularRow[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const cells = pending ? null : plainCells(text, start, end, separator);
      if (cells) rows.push({ row: ++line, cells });
      else take(text.slice(start, end), rows);
      start = end + 1;
    }
    carry = text.slice(start);
    if (rows.length > 0) yield rows;
  }
  const rows: TabularRow[] = [];
  const last = carry + (decoder.end() ?? '');
  if (last !== '') take(last, rows);
  // A quote that never closes makes the rest of the file one record; it fails validation and is reported.
  const open = pending as { start: number; text: string } | null;
  if (open) rows.push({ row: open.start, cells: splitQuoted(open.text, separator) });
  if (rows.length > 0) yield rows;
}
