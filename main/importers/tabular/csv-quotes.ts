import { AppError, type FileProblemDetails } from '../../contract/errors';

/**
 * The most characters one record may have. A quoted field may hold line breaks, so a quote that is
 * never closed makes the rest of the file one record: this bound stops reading there, rather than
 * holding the file in memory and reporting it back as one cell. A real record is a few kilobytes.
 */
export const MAX_RECORD_CHARS = 4 * 2 ** 20;

/** A CSV file whose quotes cannot be read, refused with the line the open quote is on. */
export function unclosedQuote(line: number): AppError {
  return new AppError(
    'FILE_MALFORMED',
    `Line ${line}: a quoted field opens here and is not closed (by the end of the file or within ${MAX_RECORD_CHARS / 2 ** 20} MiB); a quote may be missing or stray.`,
    { problem: 'quoteNotClosed', line } satisfies FileProblemDetails,
  );
}

/** A record longer than any may be, refused with the line it starts on. */
export function recordTooLong(line: number): AppError {
  return new AppError(
    'FILE_MALFORMED',
    `Line ${line}: the record starting here is longer than ${MAX_RECORD_CHARS / 2 ** 20} MiB; a quote may be stray, or this is not a CSV file.`,
    { problem: 'recordTooLong', line } satisfies FileProblemDetails,
  );
}

/**
 * Whether a line ends inside a quoted field, scanning from `quoted`: a quote opens a field only at
 * its start (elsewhere it is text, as csv-parse's `relax_quotes` reads it), `""` inside quotes is a
 * quote, and one quote closes. The same rules as `splitQuoted`, in one pass that builds nothing,
 * so a record spanning many lines costs each line once.
 */
export function endsQuoted(line: string, separator: string, quoted: boolean): boolean {
  let atFieldStart = !quoted;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char !== '"') continue;
      if (line[i + 1] === '"') i++;
      else quoted = false;
    } else if (char === separator) atFieldStart = true;
    else if (char === '"' && atFieldStart) quoted = true;
    else atFieldStart = false;
  }
  return quoted;
}

/** Splits one record that has quotes in it, by the rules of `endsQuoted`. */
export function splitQuoted(record: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < record.length; i++) {
    const char = record[i]!;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (record[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
      atFieldStart = true;
    } else if (char === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else {
      cell += char;
      atFieldStart = false;
    }
  }
  cells.push(cell);
  return cells;
}
