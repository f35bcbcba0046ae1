import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../contract/errors';
import { registerStoreFunctions } from './audit-chain';
import { backupStore, type BackupPolicy } from './backup';
import { JOURNAL_SIZE_LIMIT } from './checkpoint';
import { latestVersion, loadMigrations, migrate, type Migration } from './migrate';
import { nativeBinding } from './native-binding';
import { hasReferenceGeography, seedReferenceGeography } from './reference-geography';
import { damaged, translateStoreError } from './store-errors';

/** 'GRLN': marks a SQLite file as a Grantlens store, so a foreign database is never migrated. */
export const APPLICATION_ID = 0x47524c4e;
const SQLITE_HEADER = 'SQLite format 3\0';

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly schemaVersion: number;
  close(): void;
}

export interface StoreOptions {
  /** Folder holding `migrations/` and `reference/`. */
  resourcesDir: string;
  /**
   * Apply the migrations only up to this version: how the migration tests make a store as an
   * older Grantlens left it. The app always opens at the latest.
   */
  schemaVersion?: number;
  /** How many backups to keep; the default is the last 7 daily and the last 10 before a change. */
  backupPolicy?: BackupPolicy;
}

interface Header {
  isSqlite: boolean;
  /** Non-zero once any table or index has been created. */
  schemaCookie: number;
  userVersion: number;
  applicationId: number;
}

/** Reads SQLite's 100-byte file header directly, so refusing a file never opens (or touches) it. */
function readHeader(path: string): Header {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(100);
    const read = readSync(fd, buffer, 0, 100, 0);
    return {
      isSqlite: read === 100 && buffer.toString('latin1', 0, 16) === SQLITE_HEADER,
      schemaCookie: buffer.readUInt32BE(40),
      userVersion: buffer.readUInt32BE(60),
      applicationId: buffer.readUInt32BE(68),
    };
  } finally {
    closeSync(fd);
  }
}

function foreign(path: string, reason: string): AppError {
  return new AppError('STORE_FOREIGN', `${path} is not a Grantlens store (${reason}).`, { path });
}

function newer(path: string, version: number, knownVersion: number): AppError {
  return new AppError(
    'STORE_NEWER',
    `${path} was written by a newer Grantlens (schema ${version}; this version knows up to ${knownVersion}). Update Grantlens to open it.`,
    { path, version, knownVersion },
  );
}

/**
 * Refuses, before anything can write to it, a file that is not SQLite, a SQLite database of another
 * program, or a store from a newer Grantlens.
 */
export function inspectExisting(path: string, knownVersion: number): void {
  if (statSync(path).size === 0) return;
  const header = readHeader(path);
  if (!header.isSqlite) throw foreign(path, 'it is not a SQLite database');
  if (header.applicationId !== APPLICATION_ID && header.schemaCookie !== 0) {
    throw foreign(path, 'it is a SQLite database of another program');
  }
  if (header.userVersion > knownVersion) throw newer(path, header.userVersion, knownVersion);
}

/**
 * The header can lag behind a write-ahead log left by a crash; once SQLite has read the log, the
 * same checks run again before the first write.
 */
export function verifyOpened(db: Database.Database, path: string, knownVersion: number): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  if (applicationId !== APPLICATION_ID && objects > 0) throw foreign(path, 'it is a SQLite database of another program');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > knownVersion) throw newer(path, version, knownVersion);
}

/** How long a write waits for another connection's write to end before the store counts as busy. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite's structural check of every page, run before anything may write: a damaged store is
 * refused as it is, never migrated, seeded or "repaired" on top of the damage.
 */
function checkPages(db: Database.Database, path: string): void {
  const before = fileState(path);
  if (passedUnchanged(path, before)) return;
  const rows = db.pragma('quick_check(100)') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  if (problems.length > 0) throw damaged(path, problems);
  try {
    writeFileSync(checkMarkPath(path), JSON.stringify({ ...before, checkedAt: Date.now() }));
  } catch {
    // Without the mark (a read-only folder) the next open checks again: slower, never less safe.
  }
}

// The check reads every page: about 8 s at a million applications (1.3 GB), on every app start and
// every CLI command. A store whose file is as it was when it last passed, with nothing waiting in
// its WAL, is not checked again within a day: whatever writes to it (this app, another program,
// a tool overwriting pages) changes its size or time. The mark sits beside the store as SQLite's own
// -wal and -shm do, so a copied store is checked afresh.
const CHECK_HOLDS_MS = 24 * 60 * 60 * 1000;
const STILL_MS = 2000;

interface FileState {
  size: number;
  mtimeMs: number;
}

function checkMarkPath(path: string): string {
  return `${path}-checked`;
}

function fileState(path: string): FileState {
  const { size, mtimeMs } = statSync(path);
  return { size, mtimeMs };
}

function passedUnchanged(path: string, now: FileState): boolean {
  try {
    if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) return false;
    const mark = JSON.parse(readFileSync(checkMarkPath(path), 'utf8')) as Partial<FileState & { checkedAt: number }>;
    if (mark.size !== now.size || mark.mtimeMs !== now.mtimeMs || typeof mark.checkedAt !== 'number') return false;
    // File times tick coarsely: a write in the same tick as the check's own look would leave the
    // time as it was, so only a file already still for a while when it passed is trusted.
    return mark.mtimeMs < mark.checkedAt - STILL_MS && Date.now() - mark.checkedAt < CHECK_HOLDS_MS;
  } catch {
    return false;
  }
}

/**
 * `PRAGMA optimize` may run ANALYZE, which needs the write lock: on a connection that only read,
 * and with another process importing, it would wait and then fail a call whose result is already
 * out. So only a connection that wrote tunes the planner, without waiting, and a busy store skips it.
 */
function closeQuietly(db: Database.Database): void {
  if (!db.open) return;
  const wrote = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n > 0;
  if (wrote) {
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('optimize');
    } catch {
      // The statistics are a hint to the planner; the data is committed either way.
    }
  }
  db.close();
}

/** A migration that leaves more than this share of the pages free is followed by a VACUUM. */
const FREE_SHARE_WORTH_VACUUM = 0.25;

/**
 * A store that holds data is copied before its schema changes, so a migration that goes wrong on
 * real data can be undone; a migration that frees much space (a table rebuilt) gives it back, the
 * copy having been taken already.
 */
function migrateSafely(db: Database.Database, path: string, migrations: readonly Migration[], options: StoreOptions): number {
  let upgraded = false;
  const version = migrate(db, migrations, APPLICATION_ID, () => {
    backupStore(db, path, 'before-migration', { policy: options.backupPolicy });
    upgraded = true;
  });
  if (upgraded) {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free > pages * FREE_SHARE_WORTH_VACUUM) {
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
  return version;
}

/** Opens (creating if needed) a store, migrates it to the current schema and seeds reference geography. */
export function openStore(path: string, options: StoreOptions): Store {
  const migrations = loadMigrations(join(options.resourcesDir, 'migrations')).slice(0, options.schemaVersion);
  const known = latestVersion(migrations);
  if (existsSync(path)) inspectExisting(path, known);
  else mkdirSync(dirname(path), { recursive: true });

  let db: Database.Database;
  try {
    db = new Database(path, { nativeBinding: nativeBinding() });
  } catch (error) {
    throw new AppError('STORE_UNREADABLE', `${path} could not be opened: ${(error as Error).message}`, { path });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    registerStoreFunctions(db);
    try {
      verifyOpened(db, path, known);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // A file whose first page cannot be read at all stays "unreadable"; only a busy one is told apart.
      const translated = translateStoreError(error, path);
      if (translated instanceof AppError && translated.code === 'STORE_BUSY') throw translated;
      throw new AppError('STORE_UNREADABLE', `${path} could not be read: ${(error as Error).message}`, { path });
    }
    checkPages(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    const schemaVersion = migrateSafely(db, path, migrations, options);
    // Only a store without geography takes the write lock (IMMEDIATE, so two new processes seed it
    // once): taking it on every open would make a reader wait behind another process's import.
    if (!hasReferenceGeography(db)) db.transaction(() => seedReferenceGeography(db, join(options.resourcesDir, 'reference'))).immediate();
    return { db, path, schemaVersion, close: () => closeQuietly(db) };
  } catch (error) {
    db.close();
    throw translateStoreError(error, path);
  }
}

/**
 * Opens a store that the writer has already opened (and so migrated) for reading only: a reader
 * sees the last commit while the writer works (WAL), and SQLite refuses any write it tries.
 */
export function openStoreReadOnly(path: string, options: StoreOptions): Store {
  const known = latestVersion(loadMigrations(join(options.resourcesDir, 'migrations')));
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('STORE_UNREADABLE', `${path} could not be opened: ${(error as Error).message}`, { path });
  }
  try {
    verifyOpened(db, path, known);
    db.pragma('busy_timeout = 5000');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion !== known) {
      throw new AppError('MIGRATION_MISMATCH', `${path} is at schema ${schemaVersion}, not ${known}: open it for writing first.`, { path });
    }
    return {
      db,
      path,
      schemaVersion,
      close() {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
