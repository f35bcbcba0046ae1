import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError, type BackupInvalidDetails, type BackupProblem } from '../contract/errors';
import { writeAtomicallySync } from './atomic-file';
import { backupStore, takeBackup, type BackupFile, type BackupPolicy } from './backup';
import { latestVersion, loadMigrations } from './migrate';
import { APPLICATION_ID, inspectExisting, verifyOpened } from './open-store';
import { damaged, translateStoreError } from './store-errors';

function invalidBackup(from: string, problem: BackupProblem, reason: string, versions: Pick<BackupInvalidDetails, 'version' | 'knownVersion'> = {}): AppError {
  const details: BackupInvalidDetails = { path: from, problem, reason, ...versions };
  return new AppError('BACKUP_INVALID', `${from} cannot be restored: ${reason}.`, details);
}

/** The open's refusal of the copy, as the reason it cannot be restored. */
function refusedCopy(from: string, error: AppError): AppError {
  switch (error.code) {
    case 'STORE_NEWER': {
      const { version, knownVersion } = error.details as { version: number; knownVersion: number };
      return invalidBackup(from, 'newer', error.message, { version, knownVersion });
    }
    case 'STORE_FOREIGN':
      return invalidBackup(from, 'foreign', error.message);
    case 'STORE_DAMAGED':
      return invalidBackup(from, 'damaged', error.message);
    default:
      return invalidBackup(from, 'unreadable', error.message);
  }
}

/** A copy is restored only if it is a whole Grantlens store this version can open, checked in full. */
function checkCopy(from: string, knownVersion: number): void {
  if (!existsSync(from)) throw invalidBackup(from, 'missing', 'there is no such file');
  try {
    inspectExisting(from, knownVersion);
  } catch (error) {
    throw error instanceof AppError ? refusedCopy(from, error) : error;
  }
  let db: Database.Database;
  try {
    db = new Database(from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw invalidBackup(from, 'unreadable', (error as Error).message);
  }
  try {
    verifyOpened(db, from, knownVersion);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw invalidBackup(from, 'empty', 'it is an empty database');
    const problems = (db.pragma('integrity_check(100)') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .filter((line) => line !== 'ok');
    if (problems.length > 0) throw damaged(from, problems);
  } catch (error) {
    const translated = translateStoreError(error, from);
    if (translated instanceof AppError) throw translated.code === 'BACKUP_INVALID' ? translated : refusedCopy(from, translated);
    throw invalidBackup(from, 'unreadable', (error as Error).message);
  } finally {
    db.close();
  }
}

/**
 * The store as it is goes to the backups first: through SQLite when it still opens, byte for byte
 * when it does not (restoring is what a damaged store needs).
 */
function keepCurrent(storePath: string, policy: BackupPolicy | undefined): BackupFile | null {
  if (!existsSync(storePath)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(storePath, { fileMustExist: true });
    return backupStore(db, storePath, 'before-restore', { policy });
  } catch {
    return takeBackup(storePath, 'before-restore', (target) => writeAtomicallySync(target, (temp) => copyFileSync(storePath, temp)), { policy });
  } finally {
    // The last connection to close folds the write-ahead log into the file, before it is replaced.
    db?.close();
  }
}

export interface RestoreOptions {
  resourcesDir: string;
  backupPolicy?: BackupPolicy;
}

/**
 * Replaces the store at `storePath` with the copy at `from`. The caller has closed its own
 * connections; the current store is backed up first, and the copy is written beside the store,
 * synced and renamed over it, so a crash leaves the old store or the restored one.
 */
export function restoreStore(storePath: string, from: string, options: RestoreOptions): BackupFile | null {
  checkCopy(from, latestVersion(loadMigrations(join(options.resourcesDir, 'migrations'))));
  const kept = keepCurrent(storePath, options.backupPolicy);
  writeAtomicallySync(storePath, (temp) => {
    // Through SQLite, not a file copy: a copy taken of a store in use has part of its last work in
    // the log beside it, which a copy of the file alone would leave out.
    const source = new Database(from, { readonly: true, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(temp);
    } finally {
      source.close();
    }
    // A log left beside the old file would be read as the new file's: it goes before the rename.
    for (const suffix of ['-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true });
  });
  return kept;
}
