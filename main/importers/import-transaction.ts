import type { Database } from 'better-sqlite3';
import type { ImportSummary } from '../contract/domains/imports';
import { AppError } from '../contract/errors';
import { checkpointAfterBulkWrite } from '../store/checkpoint';
import { statement } from '../store/statement-cache';

/** Pragmas an importer may change for its duration; only these, as they are spliced into SQL. */
export type BulkPragmas = Partial<Record<'foreign_keys' | 'cache_size' | 'temp_store', number | 'MEMORY'>>;

export interface ImportPolicy {
  dryRun: boolean;
  strict: boolean;
  /** Set before the transaction begins (SQLite refuses them inside one) and given back after it ends. */
  pragmas?: BulkPragmas;
  /** What a file with no rows at all lacks, for the refusal: left out, rows under its header. */
  empty?: 'headerOnly' | 'noValues';
}

/** What an import's work can do with its transaction besides writing. */
export interface ImportTransaction {
  /** Runs one row in a savepoint: a row that throws leaves nothing behind, and the error goes on. */
  row<T>(work: () => T): T;
  /** Runs just before the commit, with the final summary; never for a dry run or an abandoned import. */
  beforeCommit(step: (summary: ImportSummary) => void): void;
}

function emptyImport(reason: 'headerOnly' | 'noValues'): AppError {
  const what = reason === 'headerOnly' ? 'no rows under its header' : 'no values';
  return new AppError('IMPORT_EMPTY', `The file has ${what}: nothing to import.`, { reason });
}

/**
 * Every import's one transaction: `work` writes everything valid and returns its summary; then a dry
 * run, or a strict import with a rejected row, is rolled back, so the counts are those of a real
 * write and the store stays as it was. Any failure part way rolls back too, and so does a file
 * with no rows at all (IMPORT_EMPTY). Begun IMMEDIATE, so what the import reads first (the
 * catalogue, the places) cannot change under it.
 * write and the store stays as it was. Any failure part way rolls back too. Begun IMMEDIATE, so
 * what the import reads first (the catalogue, the places) cannot change under it. Once committed,
 * the log its pages went through is folded back and truncated.
 */
export async function runImport<Summary extends ImportSummary>(
  db: Database,
  policy: ImportPolicy,
  work: (transaction: ImportTransaction) => Summary | Promise<Summary>,
): Promise<Summary> {
  const pragmas = Object.entries(policy.pragmas ?? {});
  const before = pragmas.map(([name]) => [name, db.pragma(name, { simple: true })] as const);
  const commitSteps: ((summary: ImportSummary) => void)[] = [];
  const transaction: ImportTransaction = {
    row(rowWork) {
      statement(db, 'SAVEPOINT import_row').run();
      try {
        const result = rowWork();
        statement(db, 'RELEASE import_row').run();
        return result;
      } catch (error) {
        statement(db, 'ROLLBACK TO import_row').run();
        statement(db, 'RELEASE import_row').run();
        throw error;
      }
    },
    beforeCommit(step) {
      commitSteps.push(step);
    },
  };
  try {
    for (const [name, value] of pragmas) db.pragma(`${name} = ${value}`);
    db.exec('BEGIN IMMEDIATE');
    const summary = await work(transaction);
    // A file that gave no row at all is not what anyone meant to import (a header alone, line
    // breaks the reader did not see, the wrong kind of JSON): saying "0 rows written" would hide that.
    if (summary.rows === 0) throw emptyImport(policy.empty ?? 'headerOnly');
    summary.dryRun = policy.dryRun;
    summary.abandoned = policy.strict && summary.rejected > 0;
    if (policy.dryRun || summary.abandoned) {
      db.exec('ROLLBACK');
      return summary;
    }
    for (const step of commitSteps) step(summary);
    db.exec('COMMIT');
    checkpointAfterBulkWrite(db);
    return summary;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    for (const [name, value] of before) db.pragma(`${name} = ${String(value)}`);
  }
}
