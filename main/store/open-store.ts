import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../contract/errors';
import { latestVersion, loadMigrations, migrate } from './migrate';
import { seedReferenceGeography } from './reference-geography';

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
}

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Looks at an existing file read-only and refuses, before anything can write to it, a file that is
 * not SQLite, a SQLite database of another program, or a store from a newer Grantlens.
 */
function inspectExisting(path: string, knownVersion: number): void {
  if (statSync(path).size === 0) return;
  if (readHeader(path) !== SQLITE_HEADER) {
    throw new AppError('STORE_FOREIGN', `${path} is not a Grantlens store (it is not a SQLite database).`, { path });
  }
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    const objects = (probe.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && objects > 0) {
      throw new AppError('STORE_FOREIGN', `${path} is a SQLite database of another program, not a Grantlens store.`, {
        path,
      });
    }
    if (version > knownVersion) {
      throw new AppError(
        'STORE_NEWER',
        `${path} was written by a newer Grantlens (schema ${version}; this version knows up to ${knownVersion}). Update Grantlens to open it.`,
        { path, version, knownVersion },
      );
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('STORE_UNREADABLE', `${path} could not be read: ${(error as Error).message}`, { path });
  } finally {
    probe?.close();
  }
}

/** Opens (creating if needed) a store, migrates it to the current schema and seeds reference geography. */
export function openStore(path: string, options: StoreOptions): Store {
  const migrations = loadMigrations(join(options.resourcesDir, 'migrations'));
  const known = latestVersion(migrations);
  if (existsSync(path)) inspectExisting(path, known);
  else mkdirSync(dirname(path), { recursive: true });

  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const schemaVersion = migrate(db, migrations, APPLICATION_ID);
    db.transaction(() => seedReferenceGeography(db, join(options.resourcesDir, 'reference')))();
    return {
      db,
      path,
      schemaVersion,
      close() {
        if (!db.open) return;
        db.pragma('optimize');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
