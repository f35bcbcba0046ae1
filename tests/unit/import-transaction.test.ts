import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptySummary, type ImportSummary } from '../../main/contract/domains/imports';
import { runImport, type ImportPolicy, type ImportTransaction } from '../../main/importers/import-transaction';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function newDb(): Database.Database {
  const db = new Database(join(tempDir(), 'import.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER NOT NULL); CREATE TABLE log (what TEXT)');
  return db;
}

const rows = (db: Database.Database) => db.prepare('SELECT n FROM t ORDER BY n').pluck().all();

/** Writes 1..count, each row in its savepoint; a row the file got wrong is rejected and leaves nothing. */
function writeRows(db: Database.Database, count: number, wrong: readonly number[] = []) {
  return (transaction: ImportTransaction): ImportSummary => {
    const summary = emptySummary(false);
    for (let n = 1; n <= count; n++) {
      summary.rows++;
      try {
        transaction.row(() => {
          db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
          if (wrong.includes(n)) throw new RangeError(`row ${n}`);
        });
        summary.accepted++;
        summary.inserted++;
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        summary.rejected++;
      }
    }
    transaction.beforeCommit((final) => db.prepare('INSERT INTO log (what) VALUES (?)').run(`kept ${final.inserted}`));
    return summary;
  };
}

const policy = (extra: Partial<ImportPolicy> = {}): ImportPolicy => ({ dryRun: false, strict: false, ...extra });

describe('the import transaction', () => {
  it('commits what was written, a rejected row leaving nothing behind, and runs the steps before the commit', async () => {
    const db = newDb();
    const summary = await runImport(db, policy(), writeRows(db, 4, [2]));
    expect(summary).toMatchObject({ dryRun: false, abandoned: false, rows: 4, accepted: 3, rejected: 1 });
    expect(rows(db)).toEqual([1, 3, 4]);
    expect(db.prepare('SELECT what FROM log').pluck().all()).toEqual(['kept 3']);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('folds its log back into the store once it commits, so a large import leaves no large log behind', async () => {
    const db = newDb();
    const wal = () => statSync(`${db.name}-wal`).size;
    db.exec('INSERT INTO t (n) VALUES (0)');
    expect(wal()).toBeGreaterThan(0);
    await runImport(db, policy(), writeRows(db, 20_000));
    expect(wal()).toBe(0);
    expect(rows(db)).toHaveLength(20_001);
    db.close();
  });

  it('rolls back a dry run and a strict import with a rejected row, with the counts of a real write', async () => {
    const db = newDb();
    const dry = await runImport(db, policy({ dryRun: true }), writeRows(db, 3));
    expect(dry).toMatchObject({ dryRun: true, abandoned: false, accepted: 3 });
    const strict = await runImport(db, policy({ strict: true }), writeRows(db, 3, [3]));
    expect(strict).toMatchObject({ dryRun: false, abandoned: true, accepted: 2, rejected: 1 });
    expect(rows(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM log').pluck().get()).toBe(0);
    db.close();
  });

  it('rolls back on a failure part way and gives the bulk pragmas back either way', async () => {
    const db = newDb();
    const before = { foreign_keys: db.pragma('foreign_keys', { simple: true }), cache_size: db.pragma('cache_size', { simple: true }) };
    const pragmas = { foreign_keys: 0, cache_size: -4096 } as const;
    const seen: unknown[] = [];
    const failing = runImport(db, policy({ pragmas }), async (transaction) => {
      seen.push(db.pragma('foreign_keys', { simple: true }), db.pragma('cache_size', { simple: true }));
      writeRows(db, 2)(transaction);
      await Promise.resolve();
      throw new Error('the file ended early');
    });
    await expect(failing).rejects.toThrow('the file ended early');
    expect(seen).toEqual([0, -4096]);
    expect(rows(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect({ foreign_keys: db.pragma('foreign_keys', { simple: true }), cache_size: db.pragma('cache_size', { simple: true }) }).toEqual(before);
    await runImport(db, policy({ pragmas }), writeRows(db, 1));
    expect({ foreign_keys: db.pragma('foreign_keys', { simple: true }), cache_size: db.pragma('cache_size', { simple: true }) }).toEqual(before);
    db.close();
  });
});
