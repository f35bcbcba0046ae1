import type { Database } from 'better-sqlite3';
import type { ApplicationDetail, DecisionEntry, PaymentEntry, ReceiptEntry, ReportEntry, Status } from '../../contract/calls';
import { AppError } from '../../contract/errors';
import { localDay } from '../../contract/local-day';
import { sql, sqlIdentifier, sqlJoin, sqlList } from '../../store/sql';
import { statement } from '../../store/statement-cache';
import { applicationDetail } from './application-detail';
import { beginEdit, setStatus, type AuditValue, type Edit } from '../../domain/audit';

// Recording what follows a decision: each function is one transaction and one audited edit, checks
// the rules the contract's schemas cannot see (they need the store), and answers with the detail.

/**
 * A rule broken on one field of the form: the path names the field, the code the reason, so the
 * pane shows the reason beside the field in the user's language.
 */
function invalid(field: string, code: string, message: string, params: Record<string, number> = {}): AppError {
  return new AppError('INVALID_ARGUMENT', `${field}: ${message}`, { issues: [{ path: `entry.${field}`, code, message, params }] });
}

function requireApplication(db: Database, id: number): void {
  if (!statement(db, 'SELECT 1 FROM applications WHERE id = ?').get(id)) {
    throw new AppError('INVALID_ARGUMENT', `There is no application with id ${id}.`);
  }
}

/** The rows an edit here inserts, and their columns: the only names insertRow puts into SQL. */
const insertable = {
  reports: ['application_id', 'kind', 'due_on'],
  payments: ['decision_id', 'kind', 'paid_on', 'amount_ore'],
  decisions: ['application_id', 'decided_on', 'granted_ore', 'conditions'],
} as const;
type Insertable = keyof typeof insertable;

/** Inserts one row and logs each of its columns as set from nothing, so the log holds the whole row. */
function insertRow<T extends Insertable>(db: Database, edit: Edit, table: T, row: Record<(typeof insertable)[T][number], AuditValue>): number {
  const entries = Object.entries(row) as [string, AuditValue][];
  const names = sqlJoin(entries.map(([column]) => sqlIdentifier(column, insertable[table])));
  const insert = sql`INSERT INTO ${sqlIdentifier(table, Object.keys(insertable))} (${names}) VALUES ${sqlList(entries.map(([, value]) => value))}`;
  const rowId = Number(statement(db, insert.text).run(...insert.params).lastInsertRowid);
  for (const [column, value] of entries) edit.record({ table, rowId, field: column, oldValue: null, newValue: value ?? null });
  return rowId;
}

/** A report the grantee owes: one of each kind per due date. */
export function addReport(db: Database, applicationId: number, entry: ReportEntry): ApplicationDetail {
  return db.transaction(() => {
    requireApplication(db, applicationId);
    if (statement(db, 'SELECT 1 FROM reports WHERE application_id = ? AND kind = ? AND due_on = ?').get(applicationId, entry.kind, entry.dueOn)) {
      throw invalid('dueOn', 'reportExists', 'A report of this kind is already due that day');
    }
    insertRow(db, beginEdit(db, 'insert'), 'reports', { application_id: applicationId, kind: entry.kind, due_on: entry.dueOn });
    return applicationDetail(db, applicationId);
  })();
}

/** Marks a due report as received; a report is received once, and not on a day still to come. */
export function receiveReport(db: Database, reportId: number, entry: ReceiptEntry): ApplicationDetail {
  return db.transaction(() => {
    const report = statement(db, 'SELECT application_id, received_on FROM reports WHERE id = ?').get(reportId) as
      | { application_id: number; received_on: string | null }
      | undefined;
    if (!report) throw new AppError('INVALID_ARGUMENT', `There is no report with id ${reportId}.`);
    if (report.received_on !== null) throw invalid('receivedOn', 'alreadyReceived', `The report was received on ${report.received_on}`);
    if (entry.receivedOn > localDay()) throw invalid('receivedOn', 'inFuture', 'The day a report was received cannot be in the future');
    statement(db, 'UPDATE reports SET received_on = ? WHERE id = ?').run(entry.receivedOn, reportId);
    beginEdit(db, 'update').record({ table: 'reports', rowId: reportId, field: 'received_on', oldValue: null, newValue: entry.receivedOn });
    return applicationDetail(db, report.application_id);
  })();
}

/** A payment or repayment under one of the application's decisions; no more can come back than went out. */
export function addPayment(db: Database, applicationId: number, entry: PaymentEntry): ApplicationDetail {
  return db.transaction(() => {
    requireApplication(db, applicationId);
    if (!statement(db, 'SELECT 1 FROM decisions WHERE id = ? AND application_id = ?').get(entry.decisionId, applicationId)) {
      throw invalid('decisionId', 'noDecision', 'Choose one of the application’s decisions');
    }
    const { granted, outstanding } = statement(
      db,
      `SELECT d.granted_ore AS granted,
              coalesce((SELECT sum(CASE kind WHEN 'payment' THEN amount_ore ELSE -amount_ore END) FROM payments WHERE decision_id = d.id), 0) AS outstanding
       FROM decisions d WHERE d.id = ?`,
    ).get(entry.decisionId) as { granted: number; outstanding: number };
    if (entry.kind === 'repayment' && entry.amountOre > outstanding) {
      throw invalid('amountOre', 'repaymentExceedsPaid', `A repayment cannot exceed what was paid and not yet repaid (${outstanding} öre)`, {
        limitOre: outstanding,
      });
    }
    // Paid minus repaid may never pass what the decision granted.
    if (entry.kind === 'payment' && outstanding + entry.amountOre > granted) {
      throw invalid('amountOre', 'paymentExceedsGranted', `Paid minus repaid cannot exceed the ${granted} öre the decision granted`, {
        limitOre: granted - outstanding,
      });
    }
    insertRow(db, beginEdit(db, 'insert'), 'payments', {
      decision_id: entry.decisionId,
      kind: entry.kind,
      paid_on: entry.paidOn,
      amount_ore: entry.amountOre,
    });
    return applicationDetail(db, applicationId);
  })();
}

/**
 * The status a decision leaves: a refusal rejects; a grant is partial while the application's
 * granted total stays below what it requested.
 */
function statusAfterDecision(db: Database, applicationId: number, outcome: 'grant' | 'reject'): Status {
  if (outcome === 'reject') return 'rejected';
  const { requested, granted } = statement(db, 'SELECT requested_ore AS requested, granted_ore AS granted FROM applications WHERE id = ?').get(
    applicationId,
  ) as { requested: number; granted: number };
  return granted >= requested ? 'granted' : 'partly_granted';
}

/**
 * A decision with its amount per year, within the application's years, or a refusal of nothing. The
 * granted total is the sum of the years; the schema's triggers add it to the application's granted
 * amount. The decision also sets the application's status, dated on the decision's day, in the same
 * edit, so undoing the decision undoes both.
 */
export function addDecision(db: Database, applicationId: number, entry: DecisionEntry): ApplicationDetail {
  return db.transaction(() => {
    const years = statement(db, 'SELECT first_year, last_year FROM applications WHERE id = ?').get(applicationId) as
      | { first_year: number; last_year: number }
      | undefined;
    if (!years) throw new AppError('INVALID_ARGUMENT', `There is no application with id ${applicationId}.`);
    const seen = new Set<number>();
    for (const { year } of entry.byYear) {
      if (year < years.first_year || year > years.last_year) {
        throw invalid('byYear', 'yearOutside', `${year} is outside the application's years ${years.first_year}–${years.last_year}`);
      }
      if (seen.has(year)) throw invalid('byYear', 'yearTwice', `${year} is given twice`);
      seen.add(year);
    }
    const outcome = entry.outcome ?? 'grant';
    const grantedOre = entry.byYear.reduce((sum, year) => sum + year.grantedOre, 0);
    // A grant of nothing is a slip in the form; a refusal says so and grants nothing.
    if (outcome === 'grant' && grantedOre === 0) throw invalid('byYear', 'nothingGranted', 'The decision grants nothing');
    if (outcome === 'reject' && grantedOre > 0) throw invalid('byYear', 'refusalGrants', 'A refusal grants nothing');
    const edit = beginEdit(db, 'insert');
    const decisionId = insertRow(db, edit, 'decisions', {
      application_id: applicationId,
      decided_on: entry.decidedOn,
      granted_ore: grantedOre,
      conditions: entry.conditions === '' ? null : entry.conditions,
    });
    const insertYear = statement(db, 'INSERT INTO decision_years (decision_id, year, granted_ore) VALUES (?, ?, ?)');
    // A refusal's zero years say nothing the decision does not.
    for (const { year, grantedOre } of outcome === 'reject' ? [] : entry.byYear) {
      insertYear.run(decisionId, year, grantedOre);
      // decision_years has no row id of its own: logged on its decision, the year in the field's name.
      edit.record({ table: 'decision_years', rowId: decisionId, field: `granted_ore.${year}`, oldValue: null, newValue: grantedOre });
    }
    setStatus(db, edit, applicationId, statusAfterDecision(db, applicationId, outcome), entry.decidedOn);
    return applicationDetail(db, applicationId);
  })();
}
