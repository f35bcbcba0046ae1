import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followUpCalls, type ApplicationDetail } from '../../main/contract/calls';
import { importRegister } from '../../main/importers/register/import-register';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { applicationDetail } from '../../main/services/register/application-detail';
import { lastEdit, undoLastEdit, undoState } from '../../main/domain/audit';
import { addDecision, addPayment, addReport, receiveReport } from '../../main/services/register/follow-up-edit';
import { openStore, type Store } from '../../main/store/open-store';
import { repoRoot, resourcesDir, useTempDir } from '../support/temp-dir';
import { localDay } from '../../main/contract/local-day';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();

function demoStore(): Store {
  const store = openStore(join(tempDir(), 'demo.sqlite'), { resourcesDir });
  generateDemo({ store, progress: () => {} }, { scale: 1, seed: 9, today: DEMO_BASE_DAY });
  return store;
}

/** A granted application and its first decision, the usual start of the flow after a decision. */
function granted(store: Store): { id: number; decisionId: number } {
  return store.db
    .prepare("SELECT a.id, min(d.id) AS decisionId FROM applications a JOIN decisions d ON d.application_id = a.id WHERE a.status = 'granted' GROUP BY a.id ORDER BY a.id LIMIT 1")
    .get() as { id: number; decisionId: number };
}

/**
 * A granted application and a further decision of 2 000 000 kr on it, none of it paid yet: the demo
 * pays its decisions out in full, and paid minus repaid may never pass what a decision granted.
 */
function unpaid(store: Store): { id: number; decisionId: number } {
  const { id } = granted(store);
  const { firstYear } = applicationDetail(store.db, id);
  addDecision(store.db, id, { decidedOn: today, conditions: null, byYear: [{ year: firstYear, grantedOre: 200_000_000 }] });
  return { id, decisionId: store.db.prepare('SELECT max(id) FROM decisions WHERE application_id = ?').pluck().get(id) as number };
}

function editRows(store: Store, editId: number): unknown[] {
  return store.db.prepare('SELECT table_name, field, old_value, new_value FROM audit_log WHERE edit_id = ? ORDER BY id').raw().all(editId);
}

function issueOf(run: () => unknown): { path: string; code: string } {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    return (error as { details: { issues: { path: string; code: string }[] } }).details.issues[0]!;
  }
  throw new Error('expected the call to be refused');
}

const today = localDay();

describe('reports due and received', () => {
  it('adds a due report as one logged insert, and undo deletes it again', () => {
    const store = demoStore();
    const { id } = granted(store);
    const before = applicationDetail(store.db, id);
    const after = addReport(store.db, id, { kind: 'final', dueOn: '2031-03-31' });
    const added = after.reports.find((report) => report.dueOn === '2031-03-31')!;
    expect(added).toMatchObject({ kind: 'final', receivedOn: null });
    const edit = lastEdit(store.db)!;
    expect(edit).toMatchObject({ action: 'insert', table: 'reports', rowId: added.id, fields: ['application_id', 'kind', 'due_on'] });
    expect(store.db.prepare('SELECT action, made_by FROM edits WHERE id = ?').get(edit.editId)).toMatchObject({ action: 'insert', made_by: expect.any(String) });
    expect(editRows(store, edit.editId)).toEqual([
      ['reports', 'application_id', null, id],
      ['reports', 'kind', null, 'final'],
      ['reports', 'due_on', null, '2031-03-31'],
    ]);
    expect(after.history.slice(0, 3).map((entry) => [entry.table, entry.field, entry.action])).toEqual([
      ['reports', 'due_on', 'insert'],
      ['reports', 'kind', 'insert'],
      ['reports', 'application_id', 'insert'],
    ]);

    expect(undoLastEdit(store.db)).toBeNull();
    const undone = applicationDetail(store.db, id);
    expect(undone.reports).toEqual(before.reports);
    // The undo is logged, and an undone insert leaves nothing in the pane's history.
    expect(store.db.prepare("SELECT count(*) FROM audit_log l JOIN edits e ON e.id = l.edit_id WHERE e.action = 'undo' AND l.new_value IS NULL AND l.table_name = 'reports'").pluck().get()).toBe(3);
    expect(undone.history).toEqual(before.history);
    store.close();
  });

  it('refuses a second report of a kind due the same day, on the due date field', () => {
    const store = demoStore();
    const { id } = granted(store);
    addReport(store.db, id, { kind: 'progress', dueOn: '2031-01-31' });
    expect(issueOf(() => addReport(store.db, id, { kind: 'progress', dueOn: '2031-01-31' }))).toMatchObject({ path: 'entry.dueOn', code: 'reportExists' });
    expect(addReport(store.db, id, { kind: 'financial', dueOn: '2031-01-31' }).reports.filter((report) => report.dueOn === '2031-01-31')).toHaveLength(2);
    store.close();
  });

  it('marks a report received as one logged update, refuses a second receipt or a future day, and undo clears it', () => {
    const store = demoStore();
    const { id } = granted(store);
    const due = addReport(store.db, id, { kind: 'progress', dueOn: '2030-06-30' }).reports.find((report) => report.dueOn === '2030-06-30')!;
    expect(issueOf(() => receiveReport(store.db, due.id, { receivedOn: '2999-01-01' }))).toMatchObject({ path: 'entry.receivedOn', code: 'inFuture' });
    const after = receiveReport(store.db, due.id, { receivedOn: today });
    expect(after.reports.find((report) => report.id === due.id)!.receivedOn).toBe(today);
    const edit = lastEdit(store.db)!;
    expect(editRows(store, edit.editId)).toEqual([['reports', 'received_on', null, today]]);
    expect(after.history[0]).toMatchObject({ action: 'update', table: 'reports', field: 'received_on', oldValue: null, newValue: today });
    expect(issueOf(() => receiveReport(store.db, due.id, { receivedOn: today }))).toMatchObject({ path: 'entry.receivedOn', code: 'alreadyReceived' });

    // Undo takes back the receipt; the report's own insert is next on the stack.
    expect(undoLastEdit(store.db)).toMatchObject({ action: 'insert', table: 'reports', rowId: due.id });
    const undone = applicationDetail(store.db, id);
    expect(undone.reports.find((report) => report.id === due.id)!.receivedOn).toBeNull();
    expect(undone.history[0]).toMatchObject({ action: 'undo', field: 'received_on', oldValue: today, newValue: null });
    expect(undone.history[1]).toMatchObject({ action: 'update', undone: true });
    store.close();
  });
});

describe('payments and repayments', () => {
  it('records a payment under a decision as one logged insert, and undo deletes it', () => {
    const store = demoStore();
    const { id, decisionId } = unpaid(store);
    const before = applicationDetail(store.db, id);
    const after = addPayment(store.db, id, { decisionId, kind: 'payment', paidOn: '2030-02-01', amountOre: 125_000_050 });
    expect(after.payments).toHaveLength(before.payments.length + 1);
    expect(after.payments).toContainEqual({ id: expect.any(Number), kind: 'payment', paidOn: '2030-02-01', amountOre: 125_000_050 });
    expect(editRows(store, lastEdit(store.db)!.editId)).toEqual([
      ['payments', 'decision_id', null, decisionId],
      ['payments', 'kind', null, 'payment'],
      ['payments', 'paid_on', null, '2030-02-01'],
      ['payments', 'amount_ore', null, 125_000_050],
    ]);
    expect(undoLastEdit(store.db)).toMatchObject({ action: 'insert', table: 'decisions', rowId: decisionId });
    expect(applicationDetail(store.db, id)).toEqual(before);
    store.close();
  });

  it('refuses a repayment larger than what was paid and not yet repaid, and a decision of another application', () => {
    const store = demoStore();
    const { id, decisionId } = unpaid(store);
    const net = store.db
      .prepare("SELECT coalesce(sum(CASE kind WHEN 'payment' THEN amount_ore ELSE -amount_ore END), 0) FROM payments WHERE decision_id = ?")
      .pluck()
      .get(decisionId) as number;
    expect(issueOf(() => addPayment(store.db, id, { decisionId, kind: 'repayment', paidOn: today, amountOre: net + 1 }))).toMatchObject({
      path: 'entry.amountOre',
      code: 'repaymentExceedsPaid',
    });
    addPayment(store.db, id, { decisionId, kind: 'payment', paidOn: today, amountOre: 1000 });
    const repaid = addPayment(store.db, id, { decisionId, kind: 'repayment', paidOn: today, amountOre: net + 1000 });
    expect(repaid.payments.filter((payment) => payment.kind === 'repayment').map((payment) => payment.amountOre)).toContain(net + 1000);
    expect(issueOf(() => addPayment(store.db, id, { decisionId, kind: 'repayment', paidOn: today, amountOre: 1 }))).toMatchObject({ code: 'repaymentExceedsPaid' });

    const other = store.db.prepare('SELECT id FROM decisions WHERE application_id <> ? LIMIT 1').pluck().get(id) as number;
    expect(issueOf(() => addPayment(store.db, id, { decisionId: other, kind: 'payment', paidOn: today, amountOre: 1 }))).toMatchObject({
      path: 'entry.decisionId',
      code: 'noDecision',
    });
    store.close();
  });
});

describe('decisions', () => {
  it('records a decision with its years, keeps the granted amount by the triggers, and undo takes both back', () => {
    const store = demoStore();
    const { id } = granted(store);
    const before = applicationDetail(store.db, id);
    const byYear = [
      { year: before.firstYear, grantedOre: 10_000_000 },
      { year: before.lastYear, grantedOre: 5_000_000 },
    ].filter((year, i, all) => all.findIndex((other) => other.year === year.year) === i);
    const total = byYear.reduce((sum, year) => sum + year.grantedOre, 0);
    const after = addDecision(store.db, id, { decidedOn: today, byYear, conditions: 'Slutrapport senast 2031' });
    expect(after.grantedOre).toBe(before.grantedOre + total);
    expect(after.decisions.at(-1)).toMatchObject({ decidedOn: today, grantedOre: total, conditions: 'Slutrapport senast 2031', byYear });
    const edit = lastEdit(store.db)!;
    expect(edit).toMatchObject({ table: 'decisions', fields: expect.arrayContaining(['granted_ore', `granted_ore.${before.firstYear}`]) });

    expect(undoLastEdit(store.db)).toBeNull();
    expect(applicationDetail(store.db, id)).toEqual(before);
    expect(store.db.prepare('SELECT count(*) FROM decision_years WHERE decision_id = ?').pluck().get(edit.rowId)).toBe(0);
    store.close();
  });

  it('refuses a year outside the application or given twice, and a decision of nothing, on the years field', () => {
    const store = demoStore();
    const { id } = granted(store);
    const { firstYear } = applicationDetail(store.db, id);
    const entry = (years: number[]) => ({ decidedOn: today, conditions: null, byYear: years.map((year) => ({ year, grantedOre: 100 })) });
    expect(issueOf(() => addDecision(store.db, id, entry([firstYear - 1])))).toMatchObject({ path: 'entry.byYear', code: 'yearOutside' });
    expect(issueOf(() => addDecision(store.db, id, entry([firstYear, firstYear])))).toMatchObject({ path: 'entry.byYear', code: 'yearTwice' });
    expect(issueOf(() => addDecision(store.db, id, { ...entry([firstYear]), byYear: [{ year: firstYear, grantedOre: 0 }] }))).toMatchObject({
      path: 'entry.byYear',
      code: 'nothingGranted',
    });
    store.close();
  });
});

describe('what undo may take back', () => {
  it('an import after an insert makes the insert final', async () => {
    const store = demoStore();
    const { id, decisionId } = unpaid(store);
    addPayment(store.db, id, { decisionId, kind: 'payment', paidOn: today, amountOre: 500 });
    expect(lastEdit(store.db)).toMatchObject({ table: 'payments' });
    const file = join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv');
    await importRegister(store.db, file, { kind: 'applications', dryRun: false, strict: false, progress: () => {} });
    expect(lastEdit(store.db)).toBeNull();
    expect(undoLastEdit(store.db)).toBeNull();
    expect(applicationDetail(store.db, id).payments.some((payment) => payment.amountOre === 500)).toBe(true);
    store.close();
  });
});

describe('the contract', () => {
  it('refuses no amount, an impossible day and an unknown kind before any service sees them', () => {
    const payment = followUpCalls['payments.add'].args;
    const ok = { applicationId: 1, entry: { decisionId: 1, kind: 'payment', paidOn: '2024-02-29', amountOre: 1 } };
    expect(payment.safeParse(ok).success).toBe(true);
    const paths = (args: unknown) => payment.safeParse(args).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ ...ok, entry: { ...ok.entry, amountOre: 0 } })).toEqual(['entry.amountOre']);
    expect(paths({ ...ok, entry: { ...ok.entry, paidOn: '2023-02-29' } })).toEqual(['entry.paidOn']);
    expect(paths({ ...ok, entry: { ...ok.entry, kind: 'recovery' } })).toEqual(['entry.kind']);
    expect(followUpCalls['reports.receive'].args.safeParse({ reportId: 1, entry: { receivedOn: '31/12/2024' } }).success).toBe(false);
  });
});

describe('money and status rules (issue 10)', () => {
  /** An application still in review, with no decision: where a decision starts. */
  function inReview(store: Store): ApplicationDetail {
    const id = store.db.prepare("SELECT id FROM applications WHERE status = 'in_review' AND granted_ore = 0 ORDER BY id LIMIT 1").pluck().get() as number;
    return applicationDetail(store.db, id);
  }

  it('refuses a payment that would take paid minus repaid past what the decision granted, beside the amount', () => {
    const store = demoStore();
    const before = inReview(store);
    addDecision(store.db, before.id, { decidedOn: today, conditions: null, byYear: [{ year: before.firstYear, grantedOre: 25_000_000 }] });
    const decisionId = applicationDetail(store.db, before.id).decisions[0]!.id;
    const pay = (amountOre: number, kind: 'payment' | 'repayment' = 'payment') => addPayment(store.db, before.id, { decisionId, kind, paidOn: today, amountOre });
    expect(issueOf(() => pay(500_000_000))).toMatchObject({ path: 'entry.amountOre', code: 'paymentExceedsGranted', params: { limitOre: 25_000_000 } });
    pay(20_000_000);
    expect(issueOf(() => pay(5_000_001))).toMatchObject({ code: 'paymentExceedsGranted', params: { limitOre: 5_000_000 } });
    pay(5_000_000);
    // What was repaid may be paid out again, up to the decision.
    pay(3_000_000, 'repayment');
    expect(pay(3_000_000).payments.filter((payment) => payment.kind === 'payment')).toHaveLength(3);
    expect(issueOf(() => pay(1))).toMatchObject({ code: 'paymentExceedsGranted', params: { limitOre: 0 } });
    store.close();
  });

  it('a decision sets the status with a dated transition, partly granted below the request, and undo takes back both', () => {
    const store = demoStore();
    const before = inReview(store);
    const after = addDecision(store.db, before.id, {
      decidedOn: '2026-11-30',
      conditions: null,
      byYear: [{ year: before.firstYear, grantedOre: before.requestedOre - 100 }],
    });
    expect(after.status).toBe('partly_granted');
    expect(after.statusHistory.at(-1)).toEqual({ status: 'partly_granted', changedOn: '2026-11-30' });
    expect(lastEdit(store.db)).toMatchObject({ action: 'insert', table: 'decisions', fields: expect.arrayContaining(['status']) });

    // A second decision that covers the rest makes it granted.
    const whole = addDecision(store.db, before.id, { decidedOn: '2026-12-01', conditions: null, byYear: [{ year: before.firstYear, grantedOre: 100 }] });
    expect(whole.status).toBe('granted');
    expect(whole.statusHistory.map((entry) => entry.status).slice(-2)).toEqual(['partly_granted', 'granted']);

    undoLastEdit(store.db);
    expect(applicationDetail(store.db, before.id).status).toBe('partly_granted');
    undoLastEdit(store.db);
    expect(applicationDetail(store.db, before.id)).toEqual(before);
    store.close();
  });

  it('a refusal grants nothing and rejects the application; a refusal with an amount is refused', () => {
    const store = demoStore();
    const before = inReview(store);
    expect(issueOf(() => addDecision(store.db, before.id, { decidedOn: today, outcome: 'reject', conditions: null, byYear: [{ year: before.firstYear, grantedOre: 1 }] }))).toMatchObject({
      path: 'entry.byYear',
      code: 'refusalGrants',
    });
    const after = addDecision(store.db, before.id, { decidedOn: today, outcome: 'reject', conditions: null, byYear: [{ year: before.firstYear, grantedOre: 0 }] });
    expect(after).toMatchObject({ status: 'rejected', grantedOre: 0 });
    expect(after.decisions.at(-1)).toMatchObject({ grantedOre: 0, byYear: [] });
    expect(after.statusHistory.at(-1)).toEqual({ status: 'rejected', changedOn: today });
    undoLastEdit(store.db);
    expect(applicationDetail(store.db, before.id)).toEqual(before);
    store.close();
  });

  it('marks a report received after its due date as late, and one not received past it as overdue', () => {
    const store = demoStore();
    const { id } = granted(store);
    addReport(store.db, id, { kind: 'progress', dueOn: '2020-01-31' });
    addReport(store.db, id, { kind: 'final', dueOn: '2020-03-31' });
    addReport(store.db, id, { kind: 'financial', dueOn: '2999-12-31' });
    const reports = applicationDetail(store.db, id).reports;
    const late = reports.find((report) => report.dueOn === '2020-01-31')!;
    const onTime = reports.find((report) => report.dueOn === '2020-03-31')!;
    receiveReport(store.db, late.id, { receivedOn: '2020-02-03' });
    receiveReport(store.db, onTime.id, { receivedOn: '2020-03-31' });
    addReport(store.db, id, { kind: 'progress', dueOn: '2021-01-31' });
    const byDue = new Map(applicationDetail(store.db, id).reports.map((report) => [report.dueOn, report.timeliness]));
    expect(byDue.get('2020-01-31')).toBe('late');
    expect(byDue.get('2020-03-31')).toBe('on_time');
    expect(byDue.get('2021-01-31')).toBe('overdue');
    expect(byDue.get('2999-12-31')).toBe('pending');
    store.close();
  });

  it('names the row each change was made to as a person knows it, in the history and in the undo offer', () => {
    const store = demoStore();
    const { id, decisionId } = unpaid(store);
    const after = addPayment(store.db, id, { decisionId, kind: 'payment', paidOn: '2026-12-01', amountOre: 25_000_000 });
    expect(after.history[0]).toMatchObject({
      table: 'payments',
      subject: { kind: 'payment', paymentKind: 'payment', paidOn: '2026-12-01', amountOre: 25_000_000 },
    });
    expect(after.history.find((entry) => entry.table === 'decisions')).toMatchObject({ subject: { kind: 'decision', decidedOn: today, grantedOre: 200_000_000 } });
    expect(lastEdit(store.db)).toMatchObject({ subject: { kind: 'payment', amountOre: 25_000_000 } });
    store.close();
  });

  it('says when an import has closed the undo stack', async () => {
    const store = demoStore();
    const { id, decisionId } = unpaid(store);
    expect(undoState(store.db)).toMatchObject({ next: { table: 'decisions' }, closedByImportAt: null });
    addPayment(store.db, id, { decisionId, kind: 'payment', paidOn: today, amountOre: 500 });
    const file = join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv');
    await importRegister(store.db, file, { kind: 'applications', dryRun: false, strict: false, progress: () => {} });
    expect(undoState(store.db)).toEqual({ next: null, closedByImportAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    store.close();
  });
});
