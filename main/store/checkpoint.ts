import type { Database } from 'better-sqlite3';

/**
 * What the write-ahead log may keep of its size after a checkpoint has emptied it. SQLite never
 * shrinks the log by itself: one large transaction would leave the file at its peak for as long
 * as the connection is open.
 */
export const JOURNAL_SIZE_LIMIT = 32 * 1024 * 1024;

/**
 * Folds the log into the store and truncates it, right after a large transaction commits: such a
 * transaction cannot be checkpointed in steps (the log holds every page it changed until it ends),
 * so this is the first moment its pages can go. It does not wait: with a reader still on an older
 * snapshot it does what it can, and the journal size limit shrinks the log at a later checkpoint.
 */
export function checkpointAfterBulkWrite(db: Database): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A busy store keeps its log until the next checkpoint; the data is committed either way.
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
