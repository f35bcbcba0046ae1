import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../contract/errors';

// An XLSX file is a zip of XML: 13 MB of it whose shared strings expanded ran the import out of
// memory (exceljs keeps every shared string). Before exceljs reads a byte, the zip's central
// directory, which lists each entry's compressed and uncompressed size, is held to these limits.

const MiB = 2 ** 20;
export const XLSX_LIMITS = {
  entries: 10_000,
  /** Kept in memory whole while the sheet is read. */
  sharedStringsBytes: 100 * MiB,
  /** What all entries expand to; the worksheet itself is streamed. */
  totalBytes: 2048 * MiB,
  /** Worksheet XML compresses about 10 to 30 times; a bomb, thousands. Only judged for entries over 1 MiB. */
  ratio: 200,
} as const;
const RATIO_FROM_BYTES = MiB;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;
const ENTRY_BYTES = 46;
/** A 16- or 32-bit field at its maximum means the real value is in a ZIP64 record: more than any spreadsheet an import reads. */
const ZIP64_16 = 0xffff;
const ZIP64_32 = 0xffffffff;

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

function notAZip(path: string): AppError {
  return new AppError('FILE_MALFORMED', `${basename(path)} is not an XLSX file: it is not a zip archive (or is cut off).`, { problem: 'xlsxUnreadable' });
}

function tooLarge(path: string, limit: string, entry: string | null): AppError {
  const where = entry ? ` (${entry})` : '';
  return new AppError('XLSX_TOO_LARGE', `${basename(path)} would expand past ${limit}${where} when read; it is refused unread.`, { limit, entry });
}

/** The central directory's entries, read from the end of the file (ZIP APPNOTE 4.3.12, 4.3.16). */
async function zipEntries(path: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, END_BYTES + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - END_BYTES; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw notAZip(path);
    const count = tail.readUInt16LE(end + 10);
    const directoryBytes = tail.readUInt32LE(end + 12);
    const directoryStart = tail.readUInt32LE(end + 16);
    if (count === ZIP64_16 || directoryBytes === ZIP64_32 || directoryStart === ZIP64_32) throw tooLarge(path, '4 GiB', null);
    if (count > XLSX_LIMITS.entries) throw tooLarge(path, `${XLSX_LIMITS.entries} entries`, null);
    if (directoryStart + directoryBytes > size - tailLength + end) throw notAZip(path);
    const directory = Buffer.alloc(directoryBytes);
    await handle.read(directory, 0, directoryBytes, directoryStart);
    const entries: ZipEntry[] = [];
    for (let at = 0; entries.length < count; ) {
      if (at + ENTRY_BYTES > directoryBytes || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw notAZip(path);
      const nameBytes = directory.readUInt16LE(at + 28);
      const name = directory.toString('utf8', at + ENTRY_BYTES, at + ENTRY_BYTES + nameBytes);
      const compressed = directory.readUInt32LE(at + 20);
      const uncompressed = directory.readUInt32LE(at + 24);
      if (compressed === ZIP64_32 || uncompressed === ZIP64_32) throw tooLarge(path, '4 GiB', name);
      entries.push({ name, compressed, uncompressed });
      at += ENTRY_BYTES + nameBytes + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a file that is not a zip (INVALID_ARGUMENT) or whose directory says it would expand past
 * XLSX_LIMITS (XLSX_TOO_LARGE, naming the limit and the entry). It trusts the sizes the directory
 * states, as exceljs's reader does not check them either.
 */
export async function checkXlsxLimits(path: string): Promise<void> {
  const entries = await zipEntries(path);
  let total = 0;
  for (const { name, compressed, uncompressed } of entries) {
    total += uncompressed;
    if (/sharedStrings\d*\.xml$/i.test(name) && uncompressed > XLSX_LIMITS.sharedStringsBytes) {
      throw tooLarge(path, `${XLSX_LIMITS.sharedStringsBytes / MiB} MiB`, name);
    }
    if (uncompressed > RATIO_FROM_BYTES && uncompressed > compressed * XLSX_LIMITS.ratio) {
      throw tooLarge(path, `${XLSX_LIMITS.ratio} times its compressed size`, name);
    }
  }
  if (total > XLSX_LIMITS.totalBytes) throw tooLarge(path, `${XLSX_LIMITS.totalBytes / MiB} MiB`, null);
}
