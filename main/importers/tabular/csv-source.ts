import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
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
): Promise<{ encoding: Encoding; separator: Separator; bom: boolean }> {
  const sample = await readSample(path);
  const bom = hasUtf8Bom(sample);
  const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : detectEncoding(sample);
  const text = iconv.decode(Buffer.from(sample), encoding).replace(/^\uFEFF/, '');
  // The header's line, not a title above it (SCB's exports open with the table's title).
  const lines = text.split(/\r\n|\r|\n/, 10);
  const firstLine = lines.find((line) => /[;,\t]/.test(line.replace(/"[^"]*"/g, ''))) ?? lines[0] ?? '';
  const separator = options.separator && options.separator !== 'auto' ? options.separator : detectSeparator(firstLine);
  return { encoding, separator, bom };
}

export async function openCsv(path: string, options: TabularOptions = {}): Promise<TabularSource> {
  const { encoding, separator, bom } = await sniffCsv(path, options);
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
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next();
  const headers = first.done ? [] : first.value.record.map((header) => header.trim());

  return {
    headers,
    format: { kind: 'csv', encoding, separator, bom },
    size,
    bytesRead: () => bytes,
    async *rows(): AsyncIterable<TabularRow> {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const { record, info } = next.value;
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
