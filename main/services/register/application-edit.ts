import type { Database } from 'better-sqlite3';
import type { ApplicationChanges, ApplicationDetail, Status } from '../../contract/calls';
import { AppError } from '../../contract/errors';
import { localDay } from '../../contract/local-day';
import type { ParamsOf, RejectCode } from '../../contract/reject-reasons';
import { codedReason } from '../../domain/reject-reasons';
import { sql, sqlIdentifier, sqlJoin } from '../../store/sql';
import { applicationDetail } from './application-detail';
import { beginEdit, recordTransition, type AuditValue } from '../../domain/audit';

// Contract field → column; the only columns an edit can reach.
const columnOf = {
  title: 'title',
  summary: 'summary',
  stage: 'stage',
  status: 'status',
  municipalityCode: 'municipality_code',
  targetAreas: 'target_areas',
  firstYear: 'first_year',
  lastYear: 'last_year',
  requestedOre: 'requested_ore',
  includesEvaluation: 'includes_evaluation',
  evaluationOre: 'evaluation_ore',
} as const satisfies Record<keyof ApplicationChanges, string>;

type Field = keyof typeof columnOf;

/** A rule broken across fields, on the field to fix: with the reject code and values the form translates, as an import's rejects. */
function invalid<C extends RejectCode>(field: Field, code: C, ...params: ParamsOf<C>): AppError {
  const { reason, ...coded } = codedReason(code, ...params);
  return new AppError('INVALID_ARGUMENT', `${field}: ${reason}`, { issues: [{ path: `changes.${field}`, message: reason, ...coded }] });
}

/**
 * Saves the fields that changed, each into the audit log with its old and new value, as one edit
 * that can be undone; a status change is also dated in the status history. Rules that span fields
 * are checked here and reported on the field to fix.
 */
export function updateApplication(db: Database, id: number, changes: ApplicationChanges): ApplicationDetail {
  return db.transaction(() => {
    const current = db.prepare('SELECT * FROM applications WHERE id = ?').get(id) as Record<string, AuditValue> | undefined;
    if (!current) throw new AppError('INVALID_ARGUMENT', `There is no application with id ${id}.`);
    const next = { ...current };
    for (const [field, value] of Object.entries(changes) as [Field, unknown][]) {
      if (value === undefined) continue;
      next[columnOf[field]] = typeof value === 'boolean' ? (value ? 1 : 0) : (value as AuditValue);
    }
    if ((next.last_year as number) < (next.first_year as number)) throw invalid('lastYear', 'lastYearBeforeFirst');
    if (next.includes_evaluation === 0 && next.evaluation_ore !== null && changes.includesEvaluation === false) next.evaluation_ore = null;
    if (next.evaluation_ore !== null && (next.evaluation_ore as number) > (next.requested_ore as number)) {
      throw invalid('evaluationOre', 'evaluationOverRequested');
    }
    if (next.municipality_code !== null && !db.prepare("SELECT 1 FROM geographies WHERE code = ? AND level = 'municipality'").get(next.municipality_code)) {
      throw invalid('municipalityCode', 'municipalityUnknown', { text: String(next.municipality_code) });
    }
    const changed = Object.values(columnOf).filter((column) => next[column] !== current[column]);
    if (changed.length === 0) return applicationDetail(db, id);

    const edit = beginEdit(db, 'update');
    const columns = Object.values(columnOf);
    const update = sql`UPDATE applications SET ${sqlJoin(changed.map((column) => sql`${sqlIdentifier(column, columns)} = ${next[column] ?? null}`))} WHERE id = ${id}`;
    db.prepare(update.text).run(...update.params);
    for (const column of changed) {
      edit.record({ table: 'applications', rowId: id, field: column, oldValue: current[column] ?? null, newValue: next[column] ?? null });
    }
    if (changed.includes('status')) recordTransition(db, edit, id, next.status as Status, localDay());
    return applicationDetail(db, id);
  })();
}
