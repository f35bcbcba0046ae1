import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../contract/errors';

// An XLSX file is a zip of XML: 13 MB of it whose shared strings expanded ran the import out of
// memory (exceljs keeps every shared string). Before exceljs reads a byte, the zip's central
// directory, which lists each entry's compressed and uncompressed size, is held to these limits;
// as a crafted zip can state any sizes it likes, every entry is then inflated (and thrown away)
// as exceljs will find it, and held to the same limits by the bytes it really expands to.

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
const SHARED_STRINGS = /sharedStrings\d*\.xml$/i;
/** How a refusal names each limit. */
const LIMIT_WORDS = {
  sharedStrings: `${XLSX_LIMITS.sharedStringsBytes / MiB} MiB`,
  total: `${XLSX_LIMITS.totalBytes / MiB} MiB`,
  ratio: `${XLSX_LIMITS.ratio} times its compressed size`,
};

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

const LOCAL_ENTRY = 0x04034b50;
const CRX_HEADER = 0x34327243;
const LOCAL_BYTES = 30;
const DIRECTORY_AFTER_SIGNATURE = ENTRY_BYTES - 4;
/** General-purpose flag bit 3: the sizes follow the data, in a descriptor that starts with this signature. */
const SIZES_AFTER_DATA = 0x08;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const DATA_DESCRIPTOR_BYTES = 16;
const END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const READ_BYTES = 1 << 20;

/** A file read front to back a megabyte at a time: only the unread part of the last read is held. */
class SequentialReader {
  private buffer = Buffer.alloc(0);
  private position = 0;
  private ended = false;

  constructor(private readonly handle: FileHandle) {}

  /** Reads until `bytes` are held or the file ends; how many are held. */
  private async fill(bytes: number): Promise<number> {
    while (this.buffer.length < bytes && !this.ended) {
      const chunk = Buffer.alloc(READ_BYTES);
      const { bytesRead } = await this.handle.read(chunk, 0, READ_BYTES, this.position);
      this.ended = bytesRead === 0;
      this.position += bytesRead;
      this.buffer = Buffer.concat([this.buffer, chunk.subarray(0, bytesRead)]);
    }
    return this.buffer.length;
  }

  private cut(bytes: number): Buffer {
    const piece = this.buffer.subarray(0, bytes);
    this.buffer = this.buffer.subarray(bytes);
    return piece;
  }

  /** The next `bytes` bytes, or null where the file ends first. */
  async take(bytes: number): Promise<Buffer | null> {
    return (await this.fill(bytes)) < bytes ? null : this.cut(bytes);
  }

  /** The next `bytes` bytes in pieces; false once the file has ended first. */
  async *pieces(bytes: number): AsyncGenerator<Buffer, boolean> {
    for (let left = bytes; left > 0; ) {
      if ((await this.fill(1)) === 0) return false;
      const piece = this.cut(Math.min(left, this.buffer.length));
      left -= piece.length;
      yield piece;
    }
    return true;
  }

  /** The bytes up to the next `signature` (left unread) in pieces, found as unzipper finds them; false if the file ends first. */
  async *piecesBefore(signature: Buffer): AsyncGenerator<Buffer, boolean> {
    for (;;) {
      const at = this.buffer.indexOf(signature);
      if (at >= 0) {
        if (at > 0) yield this.cut(at);
        return true;
      }
      const safe = this.buffer.length - signature.length + 1;
      if (safe > 0) yield this.cut(safe);
      if (this.ended) return false;
      await this.fill(this.buffer.length + READ_BYTES);
    }
  }
}

function damaged(path: string, entry: string, problem: string): AppError {
  return new AppError('FILE_MALFORMED', `${basename(path)} cannot be read as an XLSX workbook: its entry ${entry} ${problem}.`, { problem: 'xlsxUnreadable' });
}

interface Bound {
  bytes: number;
  limit: string;
  entry: string | null;
}

/**
 * Inflates one entry's data, counting the bytes it expands to and keeping none: refused past the
 * lowest of `bounds`, and as damaged where its deflate stream does not end exactly where its data does.
 */
async function inflatedSize(path: string, name: string, deflated: boolean, data: AsyncGenerator<Buffer, boolean>, bounds: Bound[]): Promise<{ compressed: number; expanded: number }> {
  const bound = bounds.reduce((lowest, each) => (each.bytes < lowest.bytes ? each : lowest));
  let compressed = 0;
  let whole = false;
  let expanded = 0;
  const source = Readable.from(
    (async function* () {
      for (;;) {
        const next = await data.next();
        if (next.done) {
          whole = next.value;
          return;
        }
        compressed += next.value.length;
        yield next.value;
      }
    })(),
  );
  const count = new Writable({
    write(chunk: Buffer, _encoding, done) {
      expanded += chunk.length;
      done(expanded > bound.bytes ? tooLarge(path, bound.limit, bound.entry) : null);
    },
  });
  const inflate = deflated ? createInflateRaw() : null;
  try {
    await (inflate ? pipeline(source, inflate, count) : pipeline(source, count));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(path, name, 'is not whole');
  }
  if (!whole) throw notAZip(path);
  if (inflate && inflate.bytesWritten !== compressed) throw damaged(path, name, 'has data after its end');
  return { compressed, expanded };
}

/**
 * Reads the file the way exceljs's unzipper does (local entries front to back, then the central
 * directory, up to its end record) and inflates every entry, so limits hold for what the data
 * expands to whatever its headers and directory say.
 */
async function checkInflated(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const reader = new SequentialReader(handle);
    let total = 0;
    let entries = 0;
    for (;;) {
      const signature = await reader.take(4);
      if (!signature) throw notAZip(path);
      const kind = signature.readUInt32LE(0);
      if (kind === END_OF_DIRECTORY) return;
      if (kind === DIRECTORY_ENTRY) {
        const entry = await reader.take(DIRECTORY_AFTER_SIGNATURE);
        if (!entry || !(await reader.take(entry.readUInt16LE(24) + entry.readUInt16LE(26) + entry.readUInt16LE(28)))) throw notAZip(path);
        continue;
      }
      if (kind === CRX_HEADER) {
        const crx = await reader.take(12);
        if (!crx || !(await reader.take(crx.readUInt32LE(4) + crx.readUInt32LE(8)))) throw notAZip(path);
        continue;
      }
      if (kind !== LOCAL_ENTRY) {
        // Past the directory, unzipper looks for its end record and stops there; before it, it fails: no entry follows either way.
        const rest = reader.piecesBefore(END_SIGNATURE);
        for (let next = await rest.next(); !next.done; next = await rest.next());
        return;
      }
      if (++entries > XLSX_LIMITS.entries) throw tooLarge(path, `${XLSX_LIMITS.entries} entries`, null);
      const header = await reader.take(LOCAL_BYTES - 4);
      if (!header) throw notAZip(path);
      const flags = header.readUInt16LE(2);
      const method = header.readUInt16LE(4);
      const statedCompressed = header.readUInt32LE(14);
      const nameBytes = await reader.take(header.readUInt16LE(22));
      if (!nameBytes || !(await reader.take(header.readUInt16LE(24)))) throw notAZip(path);
      const name = nameBytes.toString('utf8');
      // As unzipper decides: a size after the data counts only where the header gives none.
      const sizeAfterData = (flags & SIZES_AFTER_DATA) !== 0 && statedCompressed === 0;
      if (statedCompressed === ZIP64_32) throw tooLarge(path, '4 GiB', name);
      const bounds: Bound[] = [{ bytes: XLSX_LIMITS.totalBytes - total, limit: LIMIT_WORDS.total, entry: null }];
      if (SHARED_STRINGS.test(name)) bounds.push({ bytes: XLSX_LIMITS.sharedStringsBytes, limit: LIMIT_WORDS.sharedStrings, entry: name });
      // Known before the data, the ratio stops a bomb early; given after it, it is judged at the end.
      if (!sizeAfterData) bounds.push({ bytes: Math.max(RATIO_FROM_BYTES, statedCompressed * XLSX_LIMITS.ratio), limit: LIMIT_WORDS.ratio, entry: name });
      const data = sizeAfterData ? reader.piecesBefore(DATA_DESCRIPTOR) : reader.pieces(statedCompressed);
      const { compressed, expanded } = await inflatedSize(path, name, method !== 0, data, bounds);
      if (expanded > RATIO_FROM_BYTES && expanded > compressed * XLSX_LIMITS.ratio) throw tooLarge(path, LIMIT_WORDS.ratio, name);
      total += expanded;
      if (sizeAfterData && !(await reader.take(DATA_DESCRIPTOR_BYTES))) throw notAZip(path);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a file that is not a zip (FILE_MALFORMED) or that would expand past XLSX_LIMITS
 * (XLSX_TOO_LARGE, naming the limit and the entry): first by the sizes its directory states, which
 * refuses an honest bomb without inflating it, then by the bytes each entry really inflates to.
 */
export async function checkXlsxLimits(path: string): Promise<void> {
  const entries = await zipEntries(path);
  let total = 0;
  for (const { name, compressed, uncompressed } of entries) {
    total += uncompressed;
    if (SHARED_STRINGS.test(name) && uncompressed > XLSX_LIMITS.sharedStringsBytes) throw tooLarge(path, LIMIT_WORDS.sharedStrings, name);
    if (uncompressed > RATIO_FROM_BYTES && uncompressed > compressed * XLSX_LIMITS.ratio) throw tooLarge(path, LIMIT_WORDS.ratio, name);
  }
  if (total > XLSX_LIMITS.totalBytes) throw tooLarge(path, LIMIT_WORDS.total, null);
  await checkInflated(path);
}
