import Database from 'better-sqlite3';
import type { StoreCheckName, VerifyResult } from '../contract/calls';
import { checkSummaries } from '../domain/crosstab/summaries';
import { chainProblems } from '../store/audit-chain';
import { foreignKeyProblems, integrityProblems } from '../store/verify';
import type { ReportProgress } from '../domain/progress';

type Check = (db: Database.Database) => string[];

/** A kept summary that differs from a fresh GROUP BY of its records: how many groups, and the first as both sides see them. */
function summaryProblems(db: Database.Database): string[] {
  const { differing, examples } = checkSummaries(db);
  if (differing === 0) return [];
  return [
    `${differing} group(s) of the cross-tab's summaries differ from their records; rebuild them from the records.`,
    ...examples.map(({ kept, fresh }) => `kept ${JSON.stringify(kept)}, records say ${JSON.stringify(fresh)}`),
  ];
}

/** Every check `verify` runs, in order, each returning its problems. */
const checks: Record<StoreCheckName, Check> = {
  integrity: integrityProblems,
  foreignKeys: foreignKeyProblems,
  auditChain: chainProblems,
  summaries: summaryProblems,
};

/**
 * Checks the store's file on a connection of its own, so a store that did not open (as damaged)
 * can be examined. The connection is query-only rather than opened read-only: a read-only one
 * cannot remove the log files it makes beside a store in WAL mode, and would leave them behind.
 */
export function verifyStoreFile(path: string, progress: ReportProgress): VerifyResult {
  const names = Object.keys(checks) as StoreCheckName[];
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('query_only = ON');
  } catch (error) {
    return { ok: false, checks: [{ name: 'integrity', problems: [(error as Error).message] }] };
  }
  try {
    const results = names.map((name, index) => {
      progress(name, index, names.length);
      let problems: string[];
      try {
        problems = checks[name](db);
      } catch (error) {
        // A page too broken to walk is a finding of the check, not a failure of verify.
        problems = [(error as Error).message];
      }
      return { name, problems };
    });
    progress('done', names.length, names.length);
    return { ok: results.every((result) => result.problems.length === 0), checks: results };
  } finally {
    db.close();
  }
}
