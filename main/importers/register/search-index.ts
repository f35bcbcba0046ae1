import type { Database } from 'better-sqlite3';
import { suspendSchemaObjects } from '../../store/suspend-schema';

// The triggers that keep applications_fts up to date row by row (migration 0002). The delete
// trigger stays: an import never deletes.
const ROW_TRIGGERS = ['applications_fts_insert', 'applications_fts_update', 'organisations_fts_rename'];

// What an import's edit touched that the search index covers, from its audit log, so a row rolled
// back with its savepoint is not indexed: new applications, changed titles, summaries and
// applicants, and the applications of a renamed organisation.
const CHANGED = `
  SELECT row_id FROM audit_log WHERE edit_id = @edit AND table_name = 'applications' AND field IN ('title', 'summary', 'organisation_id')
  UNION SELECT a.id FROM audit_log l JOIN applications a ON a.organisation_id = l.row_id
   WHERE l.edit_id = @edit AND l.table_name = 'organisations' AND l.field = 'name'`;
const INSERTED = `SELECT row_id FROM audit_log WHERE edit_id = @edit AND table_name = 'applications' AND field IS NULL`;

export interface DeferredSearchIndex {
  /** Indexes what the edit touched and puts the row triggers back; call it before committing. */
  catchUp(editId: number): void;
}

/**
 * Suspends the search index's row triggers for the rest of the transaction. Kept by the triggers,
 * the index cost an imported row about as much again as inserting the row itself (30,000 rows: 2.7
 * s against 1.1–1.9 s of CPU with the index filled once at the end), so an import indexes what it
 * touched in one statement instead, and catchUp puts the triggers back before the commit.
 */
export function deferSearchIndex(db: Database): DeferredSearchIndex {
  const restoreTriggers = suspendSchemaObjects(db, ROW_TRIGGERS);
  return {
    catchUp(editId) {
      db.prepare(`DELETE FROM applications_fts WHERE rowid IN (${CHANGED} EXCEPT ${INSERTED})`).run({ edit: editId });
      db.prepare(
        `INSERT INTO applications_fts (rowid, title, summary, organisation)
         SELECT a.id, a.title, a.summary, o.name FROM applications a JOIN organisations o ON o.id = a.organisation_id
          WHERE a.id IN (${CHANGED} UNION ${INSERTED})`,
      ).run({ edit: editId });
      restoreTriggers();
    },
  };
}
