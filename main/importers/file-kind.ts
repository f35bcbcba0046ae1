import { open } from 'node:fs/promises';
import { AppError, type ExpectedFileKind, type FoundFileKind } from '../contract/errors';

// A file of the wrong kind (a JSON file chosen for a CSV import, a workbook renamed .csv, a PDF) is
// named as such before any parser sees it: parsers only say what confused them, on a line the user
// cannot find in a file they never meant to choose.

const SNIFF_BYTES = 512;
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = '%PDF-';

async function firstBytes(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What the first bytes show: a zip is taken for XLSX (which one it is shows once it is opened); text opening with `{` or `[` for JSON. */
export function kindOfBytes(bytes: Uint8Array): FoundFileKind {
  if (ZIP.every((byte, i) => bytes[i] === byte)) return 'xlsx';
  const text = Buffer.from(bytes).toString('latin1');
  if (text.startsWith(PDF)) return 'pdf';
  // UTF-16 (which the importers do not read) and binary files have NULs throughout; a text file may
  // have a stray one in a cell, which its row is rejected for (field-rules.ts), not the whole file.
  const nuls = bytes.reduce((count, byte) => count + (byte === 0 ? 1 : 0), 0);
  if (nuls * 64 > bytes.length) return 'binary';
  const start = text.replace(/^\u00ef\u00bb\u00bf/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[') ? 'json' : 'csv';
}

/** Refuses a file whose first bytes show another kind than `expected`, as FILE_WRONG_KIND. */
export async function checkFileKind(path: string, expected: ExpectedFileKind): Promise<void> {
  const found = kindOfBytes(await firstBytes(path));
  if (found !== expected) {
    throw new AppError('FILE_WRONG_KIND', `The file is ${found.toUpperCase()}, not ${expected.toUpperCase()}: choose a ${expected.toUpperCase()} file.`, { expected, found });
  }
}
