import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls, type ArgsIn } from '../../main/contract/calls';
import { evaluationDashboard } from '../../main/services/evaluation/dashboard';
import { grantPage } from '../../main/services/evaluation/grant-page';
import { deleteEvaluation, readAttachment, saveEvaluation } from '../../main/services/evaluation/plan-edit';
import { evaluationReportHtml, writeEvaluationReport } from '../../main/services/evaluation/report';
import { openStore } from '../../main/store/open-store';
import { lastEdit, undoLastEdit } from '../../main/domain/audit';
import { updateApplication } from '../../main/services/register/application-edit';
import { addGrants, addPlan, addRegsos, addRow, addValues, portfolio } from '../support/evaluation-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function freshStore(name: string) {
  return openStore(join(tempDir(), `${name}.sqlite`), { resourcesDir });
}

/** Through the call's schema, as the services do, so defaults apply and bounds are checked. */
function save(db: Parameters<typeof saveEvaluation>[0], args: ArgsIn<'evaluation.save'>) {
  return saveEvaluation(db, calls['evaluation.save'].args.parse(args));
}

describe('evaluation plans', () => {
  it('takes a baseline from the store, never typed, and refuses a year the store has no value for', () => {
    const store = freshStore('baseline');
    const [grant] = addGrants(store.db, [{ municipality: '1280', firstYear: 2024, lastYear: 2026 }]) as [number];
    addValues(store.db, 'AM0207AC', 'T', [{ place: '1280', year: 2023, value: 70.4 }]);
    const { id: planId } = save(store.db, { record: 'plan', applicationId: grant, kind: 'follow_research', evaluator: 'Malmö universitet', method: 'did', startsOn: '2024-03-01', endsOn: '2026-12-31', questions: ['Fler i arbete?'] });
    const { id: outcomeId } = save(store.db, { record: 'outcome', planId, title: 'Fler i arbete' });
    const { id: trackedId } = save(store.db, { record: 'tracked', outcomeId, indicator: 'AM0207AC', level: 'municipality', geo: '1280', baselineYear: 2023 });
    expect(store.db.prepare('SELECT baseline_year, baseline_value FROM outcome_indicators WHERE id = ?').get(trackedId)).toEqual({ baseline_year: 2023, baseline_value: 70.4 });
    expect(calls['evaluation.save'].args.safeParse({ record: 'tracked', outcomeId, indicator: 'AM0207AC', level: 'municipality', geo: '1280', baselineYear: 2023, baselineValue: 99 }).success).toBe(false);
    expect(() => save(store.db, { record: 'tracked', outcomeId, indicator: 'AM0207AC', level: 'municipality', geo: '1280', baselineYear: 2022 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: expect.objectContaining({ reason: 'baseline_not_stored', year: 2022 }) }),
    );
    expect(calls['evaluation.save'].writes).toBe(true);
    expect(calls['evaluation.delete'].writes).toBe(true);
    expect(calls['evaluation.grant'].writes).toBe(false);
    store.close();
  });

  it('suggests comparison places of the same level, never treated, nearest the baseline', () => {
    const store = freshStore('suggest');
    const [grant] = addGrants(store.db, [{ municipality: '1280', firstYear: 2024 }]) as [number];
    // 0180 is treated by a grant, so it is left out however near; 1480 is 0.5 away, 0380 1.0, 0580 3.0.
    addGrants(store.db, [{ municipality: '0180', firstYear: 2022 }, { municipality: '0580', firstYear: 2022, status: 'rejected' }]);
    addValues(store.db, 'AM0207AC', 'T', [
      { place: '1280', year: 2023, value: 70 },
      { place: '0180', year: 2023, value: 70.1 },
      { place: '1480', year: 2023, value: 70.5 },
      { place: '0380', year: 2023, value: 69 },
      { place: '0580', year: 2023, value: 73 },
      { place: '01', year: 2023, value: 70 },
    ]);
    const planId = addPlan(store.db, grant);
    const { id: outcomeId } = save(store.db, { record: 'outcome', planId, title: 'Fler i arbete' });
    const { id: trackedId } = save(store.db, { record: 'tracked', outcomeId, indicator: 'AM0207AC', level: 'municipality', geo: '1280', baselineYear: 2023 });
    save(store.db, { record: 'comparisons', trackedId, places: { suggest: 3 } });
    const chosen = () => store.db.prepare('SELECT geo_code, chosen_by FROM comparison_places WHERE outcome_indicator_id = ? ORDER BY id').all(trackedId);
    expect(chosen()).toEqual([
      { geo_code: '1480', chosen_by: 'suggested' },
      { geo_code: '0380', chosen_by: 'suggested' },
      { geo_code: '0580', chosen_by: 'suggested' },
    ]);
    save(store.db, { record: 'comparisons', trackedId, places: ['0380', '0380'] });
    expect(chosen()).toEqual([{ geo_code: '0380', chosen_by: 'evaluator' }]);
    store.close();
  });

  it('suggests areas of the same area type in the baseline year for a tracked RegSO', () => {
    const store = freshStore('suggest-areas');
    const [grant] = addGrants(store.db, [{ municipality: '1280', firstYear: 2024 }]) as [number];
    addRegsos(store.db, '1280', ['1280R001', '1280R002', '1280R003', '1280R004']);
    const areaType = store.db.prepare('INSERT INTO area_types (area_code, year, area_type) VALUES (?, ?, ?)');
    // R002 is nearest but of another type; R004 was type 1 only until 2021, then type 3.
    for (const [code, year, type] of [['1280R001', 2023, 1], ['1280R002', 2023, 3], ['1280R003', 2023, 1], ['1280R004', 2021, 1], ['1280R004', 2022, 3]] as const) areaType.run(code, year, type);
    addValues(store.db, 'AM0207AC', 'T', [
      { place: '1280R001', year: 2023, value: 50 },
      { place: '1280R002', year: 2023, value: 50.2 },
      { place: '1280R003', year: 2023, value: 55 },
      { place: '1280R004', year: 2023, value: 50.1 },
    ]);
    const { id: outcomeId } = save(store.db, { record: 'outcome', planId: addPlan(store.db, grant), title: 'Fler i arbete' });
    const { id: trackedId } = save(store.db, { record: 'tracked', outcomeId, indicator: 'AM0207AC', level: 'regso', geo: '1280R001', baselineYear: 2023 });
    save(store.db, { record: 'comparisons', trackedId, places: { suggest: 5 } });
    expect(store.db.prepare('SELECT geo_code FROM comparison_places WHERE outcome_indicator_id = ?').pluck().all(trackedId)).toEqual(['1280R003']);
    store.close();
  });

  it('keeps an attachment’s bytes with their SHA-256 and size, gives them back, and refuses one above 25 MiB', () => {
    const store = freshStore('attachment');
    const [grant] = addGrants(store.db, [{ firstYear: 2024 }]) as [number];
    const planId = addPlan(store.db, grant);
    const { id } = save(store.db, { record: 'attachment', planId, name: 'Intervjuguide.txt', mime: 'text/plain', contentBase64: Buffer.from('abc').toString('base64') });
    const back = readAttachment(store.db, id);
    // SHA-256 of "abc", from FIPS 180-2's example.
    expect(back).toMatchObject({ name: 'Intervjuguide.txt', mime: 'text/plain', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(Buffer.from(back.contentBase64, 'base64').toString()).toBe('abc');

    const tooLarge = Buffer.alloc(25 * 1024 * 1024 + 1).toString('base64');
    expect(() => save(store.db, { record: 'attachment', planId, name: 'stor.pdf', mime: 'application/pdf', contentBase64: tooLarge })).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT_TOO_LARGE', details: { name: 'stor.pdf', size: 26_214_401, max: 26_214_400 } }),
    );
    expect(store.db.prepare('SELECT count(*) FROM evaluation_attachments').pluck().get()).toBe(1);
    expect(deleteEvaluation(store.db, 'attachment', id)).toEqual({ deleted: true });
    expect(deleteEvaluation(store.db, 'attachment', id)).toEqual({ deleted: false });
    store.close();
  });

  it('links a milestone to one of its own grant’s reports only, and dates it done', () => {
    const store = freshStore('milestone');
    const [grant, other] = addGrants(store.db, [{ firstYear: 2024 }, { firstYear: 2024 }]) as [number, number];
    const report = store.db.prepare("INSERT INTO reports (application_id, kind, due_on) VALUES (?, 'progress', '2025-01-31')");
    const own = Number(report.run(grant).lastInsertRowid);
    const foreign = Number(report.run(other).lastInsertRowid);
    const planId = addPlan(store.db, grant);
    const milestone = { record: 'milestone', planId, kind: 'deliverable', title: 'Lägesrapport', dueOn: '2025-01-31', status: 'done', doneOn: '2025-01-20' } as const;
    const { id } = save(store.db, { ...milestone, reportId: own });
    expect(store.db.prepare('SELECT report_id, done_on FROM evaluation_milestones WHERE id = ?').get(id)).toEqual({ report_id: own, done_on: '2025-01-20' });
    expect(() => save(store.db, { ...milestone, reportId: foreign })).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'report_of_another_grant' }) }));
    store.close();
  });
});

describe('changing what was recorded', () => {
  it('changes a milestone’s, an outcome’s, a finding’s and a note’s text in place, stamped for exchange and logged field by field', () => {
    const store = freshStore('edit-text');
    const [grant] = addGrants(store.db, [{ firstYear: 2024 }]) as [number];
    const planId = addPlan(store.db, grant);
    const milestone = { record: 'milestone', planId, kind: 'milestone', title: 'Intervjustudie', dueOn: '2025-06-30', status: 'planned' } as const;
    const { id: milestoneId } = save(store.db, milestone);
    const { id: outcomeId } = save(store.db, { record: 'outcome', planId, title: 'Fler i arbete' });
    const finding = { record: 'finding', planId, statement: 'Fler söker jobb', evidenceType: 'interviews', strength: 'moderate', foundOn: '2025-05-01' } as const;
    const { id: findingId } = save(store.db, finding);
    const { id: noteId } = save(store.db, { record: 'note', planId, body: 'Första mötet' });
    const stamp = (table: string, id: number) => store.db.prepare(`SELECT updated_at FROM ${table} WHERE id = ?`).pluck().get(id) as string;
    // Stamped long ago, so the edit's stamp is seen to be new.
    for (const table of ['evaluation_milestones', 'evaluation_outcomes', 'evaluation_findings', 'evaluation_notes']) store.db.prepare(`UPDATE ${table} SET updated_at = '2020-01-01T00:00:00.000Z'`).run();
    const note = store.db.prepare('SELECT written_at, written_by FROM evaluation_notes WHERE id = ?').get(noteId);
    const edits = () => store.db.prepare('SELECT count(*) FROM edits').pluck().get() as number;
    expect(edits()).toBe(0);

    save(store.db, { ...milestone, id: milestoneId, title: '  Intervjustudie med föräldrar ' });
    save(store.db, { record: 'outcome', id: outcomeId, planId, title: 'Fler kvinnor i arbete' });
    save(store.db, { ...finding, id: findingId, statement: 'Fler söker jobb\noch fler får det' });
    save(store.db, { record: 'note', id: noteId, planId, body: 'Första mötet, med rektorn' });

    const page = grantPage(store.db, grant, '2025-01-10');
    expect(page.milestones.map((row) => row.title)).toEqual(['Intervjustudie med föräldrar']);
    expect(page.outcomes).toEqual([{ id: outcomeId, position: 1, title: 'Fler kvinnor i arbete' }]);
    expect(page.findings.map((row) => row.statement)).toEqual(['Fler söker jobb\noch fler får det']);
    expect(page.notes.map((row) => row.body)).toEqual(['Första mötet, med rektorn']);
    // Who wrote the note and when stay; the log says who changed it.
    expect(store.db.prepare('SELECT written_at, written_by FROM evaluation_notes WHERE id = ?').get(noteId)).toEqual(note);
    for (const [table, id] of [['evaluation_milestones', milestoneId], ['evaluation_outcomes', outcomeId], ['evaluation_findings', findingId], ['evaluation_notes', noteId]] as const) {
      expect(stamp(table, id) > '2020-01-01T00:00:00.000Z').toBe(true);
    }
    expect(edits()).toBe(4);
    expect(store.db.prepare("SELECT l.table_name, l.field, l.old_value, l.new_value FROM audit_log l JOIN edits e ON e.id = l.edit_id WHERE e.action = 'update' ORDER BY l.id").all()).toEqual([
      { table_name: 'evaluation_milestones', field: 'title', old_value: 'Intervjustudie', new_value: 'Intervjustudie med föräldrar' },
      { table_name: 'evaluation_outcomes', field: 'title', old_value: 'Fler i arbete', new_value: 'Fler kvinnor i arbete' },
      { table_name: 'evaluation_findings', field: 'statement', old_value: 'Fler söker jobb', new_value: 'Fler söker jobb\noch fler får det' },
      { table_name: 'evaluation_notes', field: 'body', old_value: 'Första mötet', new_value: 'Första mötet, med rektorn' },
    ]);
    // Saving what is already there logs nothing.
    save(store.db, { record: 'outcome', id: outcomeId, planId, title: 'Fler kvinnor i arbete' });
    expect(edits()).toBe(4);
    store.close();
  });

  it('refuses an empty text or a control character by the field’s rule, and changes nothing', () => {
    const store = freshStore('edit-refused');
    const [grant] = addGrants(store.db, [{ firstYear: 2024 }]) as [number];
    const planId = addPlan(store.db, grant);
    const { id } = save(store.db, { record: 'milestone', planId, kind: 'milestone', title: 'Enkät', dueOn: '2025-06-30', status: 'planned' });
    const parse = (title: string) => calls['evaluation.save'].args.safeParse({ record: 'milestone', id, planId, kind: 'milestone', title, dueOn: '2025-06-30', status: 'planned' });
    expect(parse('   ').success).toBe(false);
    expect(parse('Enkät\u0000').success).toBe(false);
    expect(parse('x'.repeat(501)).success).toBe(false);
    expect(parse('x'.repeat(500)).success).toBe(true);
    // A note may hold line breaks, a title may not.
    expect(parse('Enkät\nvår').success).toBe(false);
    expect(calls['evaluation.save'].args.safeParse({ record: 'note', planId, body: 'Rad ett\nrad två' }).success).toBe(true);
    expect(store.db.prepare('SELECT title FROM evaluation_milestones WHERE id = ?').pluck().get(id)).toBe('Enkät');
    store.close();
  });

  it('leaves the register’s undo to the register: an evaluation edit is logged but never offered for undo', () => {
    const store = freshStore('edit-undo');
    const [grant] = addGrants(store.db, [{ firstYear: 2024 }]) as [number];
    const planId = addPlan(store.db, grant);
    updateApplication(store.db, grant, { title: 'Nytt namn' });
    const { id } = save(store.db, { record: 'outcome', planId, title: 'Fler i arbete' });
    save(store.db, { record: 'outcome', id, planId, title: 'Fler kvinnor i arbete' });
    expect(lastEdit(store.db)).toMatchObject({ table: 'applications', fields: ['title'] });
    undoLastEdit(store.db);
    expect(store.db.prepare('SELECT title FROM evaluation_outcomes WHERE id = ?').pluck().get(id)).toBe('Fler kvinnor i arbete');
    expect(lastEdit(store.db)).toBeNull();
    store.close();
  });
});

describe('the grant page and the dashboard', () => {
  it('give each tracked indicator’s follow-up, hand-computed: 70 → 71,5 against a target of 73, Stockholm +0,5', () => {
    const store = freshStore('page');
    const ids = portfolio(store.db);
    const page = grantPage(store.db, ids.onTrack, '2026-01-10');
    expect(calls['evaluation.grant'].result.safeParse(page).success).toBe(true);
    expect(page.status).toBe('on_track');
    expect(page.tracked).toHaveLength(1);
    expect(page.tracked[0]).toMatchObject({ followUp: expect.objectContaining({ geoName: 'Malmö' }), targets: [{ year: 2026, value: 73 }], comparisons: [{ geo: '0180', name: 'Stockholm', chosenBy: 'evaluator' }] });
    expect(page.tracked[0]!.followUp).toMatchObject({ baseline: { year: 2023, value: 70 }, latest: { year: 2025, value: 71.5 }, change: 1.5, distanceToTarget: 1.5, comparisonChange: 0.5, difference: 1 });
    expect(page.reports).toEqual([{ id: expect.any(Number), kind: 'progress', dueOn: '2025-03-31', receivedOn: '2025-03-28' }]);
    expect(grantPage(store.db, ids.late, '2026-01-10').milestones[0]).toMatchObject({ title: 'Intervjustudie', overdueDays: 26 });
    store.close();
  });

  it('counts deadlines in the next 30 and 90 days across the year end, and the reports overdue', () => {
    const store = freshStore('dashboard');
    const [grant] = addGrants(store.db, [{ municipality: '1280', firstYear: 2025, lastYear: 2027 }]) as [number];
    const planId = addPlan(store.db, grant, { starts_on: '2025-02-01', ends_on: '2027-12-31' });
    const milestone = (title: string, due_on: string, status = 'planned') => addRow(store.db, 'evaluation_milestones', { plan_id: planId, kind: 'milestone', title, due_on, status, ...(status === 'done' ? { done_on: due_on } : {}) });
    milestone('Nyårsenkät', '2026-01-05'); // 16 days after 2025-12-20
    milestone('Vårseminarium', '2026-03-10'); // 80 days
    milestone('Sommarrapport', '2026-03-25'); // 95 days: beyond
    milestone('Klar redan', '2026-01-02', 'done');
    const report = store.db.prepare('INSERT INTO reports (application_id, kind, due_on, received_on) VALUES (?, ?, ?, ?)');
    report.run(grant, 'progress', '2025-12-01', null); // 19 days overdue
    report.run(grant, 'financial', '2026-01-19', null); // 30 days: still within 30
    const result = evaluationDashboard(store.db, '2025-12-20');
    expect(calls['evaluation.dashboard'].result.safeParse(result).success).toBe(true);
    expect(result.deadlines.map((row) => [row.what, row.dueOn, row.days])).toEqual([
      ['Nyårsenkät', '2026-01-05', 16],
      ['financial', '2026-01-19', 30],
      ['Vårseminarium', '2026-03-10', 80],
    ]);
    expect(result.deadlines.filter((row) => row.days <= 30)).toHaveLength(2);
    expect(result.overdueReports).toEqual([expect.objectContaining({ source: 'report', what: 'progress', dueOn: '2025-12-01', days: -19 })]);
    expect(result.counts.late).toBe(1);
    expect(result.timeline[0]).toMatchObject({ startsOn: '2025-02-01', endsOn: '2027-12-31' });
    expect(result.timeline[0]!.marks).toHaveLength(6);
    store.close();
  });

  it('lists the grants whose indicators move against their targets', () => {
    const store = freshStore('against');
    const ids = portfolio(store.db);
    expect(evaluationDashboard(store.db, '2026-01-10').againstTarget).toEqual([
      expect.objectContaining({ applicationId: ids.atRisk, indicator: 'N00914', indicatorName: { sv: expect.any(String), en: expect.any(String) }, sex: 'K', geo: '0180', geoName: 'Stockholm' }),
    ]);
    store.close();
  });
});

describe('the evaluation report', () => {
  it('is one self-contained HTML file in Swedish holding the grant’s numbers, written atomically', async () => {
    const store = freshStore('report');
    const ids = portfolio(store.db);
    const caseNumber = store.db.prepare('SELECT case_number FROM applications WHERE id = ?').pluck().get(ids.onTrack) as string;
    const out = join(tempDir(), 'rapport.html');
    expect(await writeEvaluationReport(store.db, out, { caseNumber, language: 'sv', today: '2026-01-10' })).toMatchObject({ grants: 1 });
    const html = readFileSync(out, 'utf8');
    expect(readdirSync(tempDir()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    for (const text of ['Enligt plan', 'Utgångsläge', '70,0 (2023)', '71,5 (2025)', '+1,5', '73,0 (2026)', '+0,5 (1)', '+1,0', 'Stockholm', '<svg']) expect(html).toContain(text);

    const portfolioReport = await evaluationReportHtml(store.db, { language: 'en', today: '2026-01-10' });
    expect(portfolioReport.grants).toBe(4);
    for (const text of ['Evaluations – portfolio report', 'On track', 'At risk', 'Late', 'Completed', 'Intervjustudie']) expect(portfolioReport.html).toContain(text);
    await expect(evaluationReportHtml(store.db, { caseNumber: 'X-1', language: 'sv' })).rejects.toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'not_found' }) }));
    expect(existsSync(out)).toBe(true);
    store.close();
  });
});
