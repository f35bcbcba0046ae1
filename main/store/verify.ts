import type { Database } from 'better-sqlite3';

/** Problems are reported up to this many per check: enough to judge the damage, bounded in size. */
export const MAX_PROBLEMS = 100;

/** SQLite's full check: every page, every index against its table, every constraint. */
export function integrityProblems(db: Database): string[] {
  return (db.pragma(`integrity_check(${MAX_PROBLEMS})`) as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .filter((line) => line !== 'ok');
}

interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

/** Rows that point at a parent row that is not there (possible when a file was edited outside Grantlens). */
export function foreignKeyProblems(db: Database): string[] {
  const problems: string[] = [];
  for (const violation of db.prepare('PRAGMA foreign_key_check').iterate() as IterableIterator<ForeignKeyViolation>) {
    problems.push(`${violation.table} row ${violation.rowid ?? '?'} refers to a missing row in ${violation.parent}`);
    if (problems.length === MAX_PROBLEMS) break;
  }
  return problems;
}
