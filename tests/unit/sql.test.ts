import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sql, sqlIdentifier, sqlJoin, sqlList } from '../../main/store/sql';

describe('the sql tag', () => {
  it('binds every value in place and splices fragments with their own values', () => {
    const where = sqlJoin([sql`a = ${1}`, sql`b LIKE ${"x'; DROP TABLE t; --"}`], ' AND ');
    const query = sql`SELECT ${sqlIdentifier('name', ['name', 'id'])} FROM t WHERE ${where} AND c IN ${sqlList([3, 4])}`;
    expect(query.text).toBe('SELECT "name" FROM t WHERE a = ? AND b LIKE ? AND c IN (?, ?)');
    expect(query.params).toEqual([1, "x'; DROP TABLE t; --", 3, 4]);
  });

  it('runs on SQLite as written, an empty list matching nothing', () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE t (id INTEGER, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    const run = (ids: number[]) => {
      const query = sql`SELECT name FROM t WHERE id IN ${sqlList(ids)} ORDER BY id`;
      return db.prepare(query.text).pluck().all(...query.params);
    };
    expect(run([2, 1])).toEqual(['a', 'b']);
    expect(run([])).toEqual([]);
    db.close();
  });

  it('admits an identifier only from the whitelist', () => {
    expect(() => sqlIdentifier('name; DROP TABLE t', ['name'])).toThrow(/not one this query may name/);
  });
});
