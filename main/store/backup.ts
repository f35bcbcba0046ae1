import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { backupReasons, type BackupReason } from '../contract/domains/backups';
import { localDay } from '../contract/local-day';
import { writeAtomicallySync } from './atomic-file';


/** How many copies the rotation keeps of each kind. */
export interface BackupPolicy {
  daily: number;
  beforeChange: number;
}

export const defaultBackupPolicy: BackupPolicy = { daily: 7, beforeChange: 10 };

export interface BackupFile {
  name: string;
  path: string;
  reason: BackupReason;
  /** ISO time the copy was taken, from its name (a copied or touched file keeps it). */
  takenAt: string;
  bytes: number;
}

/** `backups/` beside the store; several stores in one folder keep apart by their file names. */
export function backupFolder(storePath: string): string {
  return join(dirname(storePath), 'backups');
}

function storeStem(storePath: string): string {
  return basename(storePath, extname(storePath));
}

/** `2026-12-01T09:48:56.123Z` -> `2026-12-01T09-48-56-123Z`: sortable, and valid on Windows. */
function stamp(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

function unstamp(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(text);
  return match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : null;
}

/**
 * A consistent copy of the store as of one read snapshot, written through the atomic helper.
 * VACUUM INTO rather than the page-stepping backup API: it runs synchronously (so the open can take
 * it before a migration), it never restarts when another process writes meanwhile, and the copy is
 * compacted, in rollback-journal mode, one self-contained file.
 */
export function copyStoreTo(db: Database, target: string): void {
  writeAtomicallySync(target, (temp) => {
    db.prepare('VACUUM INTO ?').run(temp);
  });
}

/** The store's backups, newest first. */
export function listBackups(storePath: string): BackupFile[] {
  const folder = backupFolder(storePath);
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch {
    return [];
  }
  const prefix = `${storeStem(storePath)}.`;
  const found: BackupFile[] = [];
  for (const name of files) {
    if (!name.startsWith(prefix) || !name.endsWith('.sqlite')) continue;
    const [time, reason] = name.slice(prefix.length, -'.sqlite'.length).split('.');
    const takenAt = unstamp(time ?? '');
    if (!takenAt || !(backupReasons as readonly string[]).includes(reason ?? '')) continue;
    const path = join(folder, name);
    found.push({ name, path, reason: reason as BackupReason, takenAt, bytes: statSync(path).size });
  }
  return found.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}

/** Long past the longest copy: a temporary file this old has no writer any more. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Keeps the newest copies of each kind the policy names; older ones are removed, and so are the
 * temporary files of copies killed midway (the atomic writer cannot clean up after a SIGKILL).
 */
function rotate(storePath: string, policy: BackupPolicy, now: Date): void {
  const folder = backupFolder(storePath);
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.tmp'))) {
    const path = join(folder, name);
    if (now.getTime() - statSync(path).mtimeMs > STALE_TEMPORARY_MS) rmSync(path, { force: true });
  }
  const backups = listBackups(storePath);
  const daily = backups.filter((backup) => backup.reason === 'daily');
  const changes = backups.filter((backup) => backup.reason !== 'daily');
  for (const backup of [...daily.slice(policy.daily), ...changes.slice(policy.beforeChange)]) rmSync(backup.path, { force: true });
}

export interface BackupOptions {
  policy?: BackupPolicy;
  now?: Date;
}

/**
 * A rotated copy in the backups folder, written by `write` to the path it is given (a store that
 * no longer opens can only be copied byte for byte).
 */
export function takeBackup(storePath: string, reason: BackupReason, write: (target: string) => void, options: BackupOptions = {}): BackupFile {
  const folder = backupFolder(storePath);
  mkdirSync(folder, { recursive: true });
  const now = options.now ?? new Date();
  const name = `${storeStem(storePath)}.${stamp(now)}.${reason}.sqlite`;
  write(join(folder, name));
  rotate(storePath, options.policy ?? defaultBackupPolicy, now);
  return listBackups(storePath).find((backup) => backup.name === name)!;
}

/** A rotated copy of an open store. */
export function backupStore(db: Database, storePath: string, reason: BackupReason, options: BackupOptions = {}): BackupFile {
  return takeBackup(storePath, reason, (target) => copyStoreTo(db, target), options);
}

/** A daily copy unless one was taken on the user's calendar day already. */
export function backupDailyIfDue(db: Database, storePath: string, options: BackupOptions = {}): BackupFile | null {
  const today = localDay(options.now);
  const latest = listBackups(storePath).find((backup) => backup.reason === 'daily');
  if (latest && localDay(new Date(latest.takenAt)) === today) return null;
  return backupStore(db, storePath, 'daily', options);
}
