import type { Database } from 'better-sqlite3';
import { sql as sqlTag, sqlIdentifier, sqlList } from './sql';

/**
 * Drops indexes or triggers for the rest of the open transaction and returns the function that
 * puts them back from their own stored SQL, for bulk writes where keeping an object up to date row
 * by row costs more than building it once at the end. A rollback brings the objects back as they
 * were; recreated, they are the migration's own definitions, so the migrations stay their one source.
 */
export function suspendSchemaObjects(db: Database, names: readonly string[]): () => void {
  if (!db.inTransaction) throw new Error('Schema objects can only be suspended inside a transaction.');
  const find = sqlTag`SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND name IN ${sqlList(names)}`;
  const objects = db.prepare(find.text).all(...find.params) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  if (objects.length !== names.length) throw new Error(`The store lacks some of ${names.join(', ')}.`);
  // Names come from the caller's literals and were just found in the schema; they are not user data.
  for (const { type, name } of objects) db.exec(sqlTag`DROP ${type === 'index' ? sqlTag`INDEX` : sqlTag`TRIGGER`} ${sqlIdentifier(name, names)}`.text);
  return () => {
    for (const { sql } of objects) db.exec(sql);
  };
}
