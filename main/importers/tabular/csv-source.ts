import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../contract/errors';
import { MAX_RECORD_CHARS, recordTooLong, splitQuoted, unclosedQuote } from './csv-quotes';
import { unguardFormula } from '../../domain/formula-guard';
import { detectEncoding, detectSeparator, hasUtf8Bom } from './sniff';
import type { Encoding, Separator, TabularOptions, TabularRow, TabularSource } from './tabular-source';

const SAMPLE_BYTES = 64 * 1024;

async function readSample(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Streams a CSV file as agencies have them: `;` or `,` (or tab) separated, UTF-8 with or without
 * BOM or Windows-1252, quoted fields with line breaks. Parsing is csv-parse's; decoding iconv-lite's.
 */
/** Encoding and separator as given, or as the first 64 KB show them. */
export async function sniffCsv(
  path: string,
  options: TabularOptions = {},
): Promise<{ encoding: Encoding; separator: Separator; bom: boolean; firstLine: string }> {
  const sample = await readSample(path);
  const bom = hasUtf8Bom(sample);
  const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : detectEncoding(sample);
  const text = iconv.decode(Buffer.from(sample), encoding).replace(/^\uFEFF/, '');
  // The header's line, not a title above it (SCB's exports open with the table's title).
  const lines = text.split(/\r\n|\r|\n/, 10);
  const firstLine = lines.find((line) => /[;,\t]/.test(line.replace(/"[^"]*"/g, ''))) ?? lines[0] ?? '';
  const separator = options.separator && options.separator !== 'auto' ? options.separator : detectSeparator(firstLine);
  return { encoding, separator, bom, firstLine };
}

export async function openCsv(path: string, options: TabularOptions = {}): Promise<TabularSource> {
  const { encoding, separator, bom, firstLine } = await sniffCsv(path, options);
  const { size } = await stat(path);

  let bytes = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const parser = input.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      delimiter: separator,
      bom: true,
      relax_column_count: true,
      // A quote inside a field is text, as the fast reader (csv-records.ts) takes it.
      relax_quotes: true,
      max_record_size: MAX_RECORD_CHARS,
      skip_empty_lines: true,
      info: true,
    }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  // csv-parse reads ahead: a bad quote in the first rows fails before the header record is handed
  // over, so the columns an error names come from the sniffed header line.
  const sniffedHeaders = splitQuoted(firstLine, separator).map((header) => header.trim());
  let line = 0;
  const next = async () => {
    try {
      const result = await records.next();
      if (!result.done) line = result.value.info.lines;
      return result;
    } catch (error) {
      input.destroy();
      throw csvProblem(error, line, sniffedHeaders);
    }
  };
  const first = await next();
  const headers = first.done ? [] : first.value.record.map((header) => unguardFormula(header.trim()));

  return {
    headers,
    format: { kind: 'csv', encoding, separator, bom },
    size,
    bytesRead: () => bytes,
    async *rows(): AsyncIterable<TabularRow> {
      for (;;) {
        const result = await next();
        if (result.done) return;
        const { record, info } = result.value;
        if (record.every((cell) => cell.trim() === '')) continue;
        yield { row: info.lines, cells: record.map(unguardFormula) };
      }
    },
    async close() {
      input.destroy();
      parser.destroy();
    },
  };
}

/**
 * csv-parse's complaint as the code, line and column a user can look for (its English sentence
 * stays the message); anything else it throws (a file that cannot be read) goes on as it is.
 */
function csvProblem(error: unknown, lastLine: number, headers: readonly string[]): unknown {
  if (!(error instanceof CsvError)) return error;
  // csv-parse names the line it stopped on; the record at fault began after the last one read.
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return unclosedQuote(lastLine + 1);
  if (error.code === 'CSV_MAX_RECORD_SIZE') return recordTooLong(lastLine + 1);
  const context = error as CsvError & { lines?: number; index?: number };
  const field = context.index === undefined ? undefined : headers[context.index];
  return new AppError('FILE_MALFORMED', error.message.slice(0, 200), {
    // relax_quotes reads stray quotes as text: what is left (an inconsistent record, a bad
    // encoding) is named by the line and column.
    problem: 'csvUnreadable',
    line: context.lines ?? lastLine + 1,
    ...(field === undefined ? {} : { field }),
  });
}
