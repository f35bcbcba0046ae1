import type { Database } from 'better-sqlite3';

class Discarded extends Error {}

/**
 * Runs `write` in one transaction, then rolls it all back when `discard()` says so (a dry run, or
 * --strict with a rejected row), so the counts are those of a real write and the store stays as it was.
 */
export function writeOrDiscard(db: Database, write: () => void, discard: () => boolean): void {
  try {
    db.transaction(() => {
      write();
      if (discard()) throw new Discarded();
    })();
  } catch (error) {
    if (!(error instanceof Discarded)) throw error;
  }
}
