import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A name beside the target, so the final rename stays within one file system and is atomic. */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function fsyncPath(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The rename itself lives in the folder's entry; without syncing the folder a power cut can undo it.
 * Windows cannot open a folder for syncing, and its rename is durable once it returns.
 */
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  fsyncPath(folder, 'r');
}

function commit(temp: string, target: string): void {
  fsyncPath(temp, 'r+');
  renameSync(temp, target);
  fsyncFolder(dirname(target));
}

/**
 * Every file Grantlens writes goes through here: `produce` fills a temporary file beside the
 * target, which is synced and then renamed over the target. Whoever is killed at any moment, the
 * target is the earlier complete file or the new complete one, never a truncated mix; a failed
 * `produce` leaves the target as it was and no temporary file behind.
 */
export async function writeAtomically(target: string, produce: (tempPath: string) => void | Promise<void>): Promise<void> {
  const temp = tempPathBeside(target);
  try {
    await produce(temp);
    commit(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The same for work that cannot wait for a promise (a migration's backup runs inside the synchronous open). */
export function writeAtomicallySync(target: string, produce: (tempPath: string) => void): void {
  const temp = tempPathBeside(target);
  try {
    produce(temp);
    commit(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A whole file's contents at once: a report, a mapping, a small export. */
export function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  return writeAtomically(target, (temp) => writeFileSync(temp, data));
}
