import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { endsQuoted, MAX_RECORD_CHARS, recordTooLong, splitQuoted, unclosedQuote } from './csv-quotes';
import type { Encoding, Separator, TabularRow } from './tabular-source';

// A chunk's rows are all made before any is used: at 1 MB (40,000 rows) they outlived the young
// generation and were copied to the old one, and garbage collection took 44% of reading ten million
// values; at 64 kB the same reading took half the time. Smaller chunks cost more than they save.
const CHUNK_BYTES = 1 << 16;
const CARRIAGE_RETURN = 13;

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

/**
 * The fast path for large, simple CSV files (millions of indicator values): reads 64 kB chunks and
 * splits lines with indexOf, handing back each chunk's records as one batch, so there is no
 * per-row stream or promise. Only records that contain a quote take the slower character-wise
 * split; a quoted field spanning lines is joined up once it closes, and one that never closes
 * refuses the file, as does a line longer than any record may be. Empty lines are skipped, as
 * csv-parse does in `openCsv`; lines may end in CR LF, LF or (the whole file) CR alone. Records keep
 * the line number they start on, the header being line 1. Encoding and separator come from the
 * caller (sniffed as `openCsv` does).
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
  // A record whose quoted field spans lines: its lines so far, joined once it closes.
  let pending: { start: number; lines: string[]; chars: number } | null = null;
  let first = true;
  // Old Mac spreadsheets end lines with a carriage return alone: read as one line, such a file
  // would be a header with no rows. Judged on the first chunk, which always holds a line break.
  let crOnly = false;

  const take = (raw: string, rows: TabularRow[]): void => {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (pending) {
      pending.lines.push(text);
      pending.chars += text.length + 1;
      if (!endsQuoted(text, separator, true)) {
        rows.push({ row: pending.start, cells: splitQuoted(pending.lines.join('\n'), separator) });
        pending = null;
      } else if (pending.chars > MAX_RECORD_CHARS) throw unclosedQuote(pending.start);
      return;
    }
    if (text.trim() === '') return;
    if (!text.includes('"')) {
      rows.push({ row: line, cells: text.split(separator) });
    } else if (!endsQuoted(text, separator, false)) {
      rows.push({ row: line, cells: splitQuoted(text, separator) });
    } else {
      pending = { start: line, lines: [text], chars: text.length };
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
    // Else each chunk would copy the ever longer line again.
    if (carry.length > MAX_RECORD_CHARS) {
      const open = pending as { start: number } | null;
      throw open ? unclosedQuote(open.start) : recordTooLong(line + 1);
    }
    if (rows.length > 0) yield rows;
  }
  const rows: TabularRow[] = [];
  const last = carry + (decoder.end() ?? '');
  if (last !== '') take(last, rows);
  const open = pending as { start: number } | null;
  if (open) throw unclosedQuote(open.start);
  if (rows.length > 0) yield rows;
}
