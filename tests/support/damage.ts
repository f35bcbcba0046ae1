import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Overwrites whole pages of a SQLite file with garbage, as a failing disk or a stray write would;
 * `pages` are 1-based and may depend on how many the file has. Returns the file's new bytes.
 */
export function overwritePages(path: string, pages: number[] | ((pageCount: number) => number[])): Buffer {
  const bytes = readFileSync(path);
  const pageSize = bytes.readUInt16BE(16);
  const chosen = typeof pages === 'function' ? pages(bytes.length / pageSize) : pages;
  for (const page of chosen) bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  writeFileSync(path, bytes);
  return bytes;
}
