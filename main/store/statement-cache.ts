import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();
const LIMIT = 500;

/**
 * A prepared statement for this SQL, made once per connection: preparing costs more than running
 * a small statement, and per-row work (imports) or per-request work (grid pages) runs the same
 * few statements over and over.
 */
export function statement(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    if (cache.size >= LIMIT) cache.clear();
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
