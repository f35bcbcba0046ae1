import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError, type FileProblem, type FileProblemDetails } from '../../contract/errors';
import iconv from 'iconv-lite';
import { splitQuoted } from './csv-records';
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
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = options.separator && options.separator !== 'auto' ? options.separator : detectSeparator(firstLine);
  return { encoding, separator, bom, firstLine };
}

const csvProblems: Record<string, FileProblem> = {
  INVALID_OPENING_QUOTE: 'invalidOpeningQuote',
  CSV_INVALID_CLOSING_QUOTE: 'invalidClosingQuote',
  CSV_QUOTE_NOT_CLOSED: 'quoteNotClosed',
};

/** csv-parse's error as the code, line and column a user can look for; its English sentence stays the message. */
function fileProblemOf(error: unknown, headers: readonly string[]): unknown {
  if (!(error instanceof CsvError)) return error;
  const context = error as CsvError & { lines?: number; index?: number };
  const field = context.index === undefined ? undefined : headers[context.index];
  const problem = csvProblems[error.code] ?? 'csvUnreadable';
  const details: FileProblemDetails = {
    problem,
    // An unclosed quote is found where the file ends, which is not the line to look at.
    ...(context.lines === undefined || problem === 'quoteNotClosed' ? {} : { line: context.lines }),
    ...(field === undefined ? {} : { field }),
  };
  return new AppError('FILE_MALFORMED', error.message, details);
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
      skip_empty_lines: true,
      info: true,
    }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  // csv-parse reads ahead: a bad quote in the first rows fails before the header record is handed
  // over, so the columns an error names come from the sniffed header line.
  const sniffedHeaders = splitQuoted(firstLine, separator).map((header) => header.trim());
  const next = () => records.next().catch((error: unknown) => Promise.reject(fileProblemOf(error, sniffedHeaders)));
  const first = await next();
  const headers = first.done ? [] : first.value.record.map((header) => header.trim());

  return {
    headers,
    format: { kind: 'csv', encoding, separator, bom },
    size,
    bytesRead: () => bytes,
    async *rows(): AsyncIterable<TabularRow> {
      for (;;) {
        const read = await next();
        if (read.done) return;
        const { record, info } = read.value;
        if (record.every((cell) => cell.trim() === '')) continue;
        yield { row: info.lines, cells: record };
      }
    },
    async close() {
      input.destroy();
      parser.destroy();
    },
  };
}
