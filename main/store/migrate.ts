import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../contract/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the SQL: a shipped migration must never change, or stores would differ silently. */
  checksum: string;
}

const fileName = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** Reads `NNNN-name.sql` files; numbering must start at 1 and have no gaps, so order is never ambiguous. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => fileName.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([file, version, name]) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version: Number(version), name: name!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.version} (${migration.name}) breaks the numbering in ${dir}`);
    }
  });
  return migrations;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

function appliedMigrations(db: Database): AppliedRow[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return [];
  return db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

/**
 * Applies the pending migrations, each in its own transaction together with its record, so a
 * failure leaves the store at the last version that fully applied.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  applicationId: number,
  /** Runs once the applied migrations are checked, when there is something to apply; not on a new store. */
  beforeUpgrade?: (pending: number) => void,
): number {
  const applied = appliedMigrations(db);
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (!known || known.name !== row.name || known.checksum !== row.checksum) {
      throw new AppError(
        'MIGRATION_MISMATCH',
        `The store records migration ${row.version} "${row.name}", which this version of Grantlens does not have in that form.`,
        { version: row.version, name: row.name },
      );
    }
  }
  const record = (migration: Migration) => {
    // Another process may have applied it while this one waited for the lock (two starting at once).
    if (appliedMigrations(db).some((row) => row.version === migration.version)) return;
    db.exec(migration.sql);
    if (migration.version === 1) {
      db.exec(`CREATE TABLE schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        checksum   TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT`);
      db.pragma(`application_id = ${applicationId}`);
    }
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
      migration.version,
      migration.name,
      migration.checksum,
      new Date().toISOString(),
    );
    db.pragma(`user_version = ${migration.version}`);
  };
  const pending = migrations.slice(applied.length);
  if (pending.length > 0 && applied.length > 0) beforeUpgrade?.(pending.length);
  for (const migration of pending) {
    // IMMEDIATE: the write lock before the check above, so no other process can apply it in between.
    db.transaction(record).immediate(migration);
  }
  return latestVersion(migrations);
}
