import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/open-store';
import { addGrants, addPlan, addRow } from '../../support/evaluation-store';
import { resourcesThrough } from '../../support/resources-through';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const storeOf = (name: string, version = 7) => openStore(join(tempDir(), name), { resourcesDir: resourcesThrough(version, tempDir()) });
const addApplication = (db: Database) => addGrants(db, [{ municipality: '1280', firstYear: 2024, followResearch: true }])[0]!;

function addAttachment(db: Database, planId: number, content: Buffer, overrides: Record<string, unknown> = {}): number {
  const sha256 = createHash('sha256').update(content).digest('hex');
  return addRow(db, 'evaluation_attachments', { plan_id: planId, name: 'plan.pdf', mime: 'application/pdf', size: content.length, sha256, added_on: '2024-03-02', content, ...overrides });
}

const refused = /CHECK constraint failed|UNIQUE constraint failed|NOT NULL constraint failed|FOREIGN KEY constraint failed/;

const evaluationTables = [
  'comparison_places',
  'evaluation_attachments',
  'evaluation_findings',
  'evaluation_milestones',
  'evaluation_notes',
  'evaluation_outcomes',
  'evaluation_plans',
  'evaluation_questions',
  'evaluation_risks',
  'outcome_indicators',
  'outcome_targets',
];

describe('migration 0007: evaluation', () => {
  it('upgrades a version 6 store, keeping its register, and adds the evaluation tables empty', () => {
    const path = join(tempDir(), 'upgrade.sqlite');
    const old = openStore(path, { resourcesDir: resourcesThrough(6, tempDir()) });
    expect(old.schemaVersion).toBe(6);
    const applicationId = addApplication(old.db);
    const before = old.db.prepare('SELECT * FROM applications').all();
    old.close();

    const store = openStore(path, { resourcesDir: resourcesThrough(7, tempDir()) });
    expect(store.schemaVersion).toBe(7);
    expect(store.db.prepare('SELECT * FROM applications').all()).toEqual(before);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'evaluation%' OR name IN ('outcome_indicators', 'outcome_targets', 'comparison_places')) ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(evaluationTables);
    for (const table of evaluationTables) expect(store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    expect(addPlan(store.db, applicationId)).toBeGreaterThan(0);
    store.close();
  });

  it('holds a whole plan: questions, outcomes with indicators, baseline, targets and comparison places, milestones, findings, risks, notes', () => {
    const store = storeOf('plan.sqlite');
    const { db } = store;
    const planId = addPlan(db, addApplication(db));
    const question = addRow(db, 'evaluation_questions', { plan_id: planId, position: 1, question: 'Ökar sysselsättningen?' });
    const outcome = addRow(db, 'evaluation_outcomes', { plan_id: planId, position: 1, title: 'Fler i arbete' });
    const tracked = addRow(db, 'outcome_indicators', { outcome_id: outcome, indicator_code: 'AM0207AC', sex: 'T', level: 'municipality', geo_code: '1280', baseline_year: 2023, baseline_value: 71.5 });
    addRow(db, 'outcome_targets', { outcome_indicator_id: tracked, year: 2025, value: 73 });
    addRow(db, 'outcome_targets', { outcome_indicator_id: tracked, year: 2026, value: 74 });
    addRow(db, 'comparison_places', { outcome_indicator_id: tracked, geo_code: '0180', chosen_by: 'evaluator' });
    const applicationId = db.prepare('SELECT application_id FROM evaluation_plans WHERE id = ?').pluck().get(planId);
    const report = db.prepare("INSERT INTO reports (application_id, kind, due_on) VALUES (?, 'progress', '2025-03-31')").run(applicationId).lastInsertRowid;
    addRow(db, 'evaluation_milestones', { plan_id: planId, kind: 'deliverable', title: 'Lägesrapport', due_on: '2025-03-31', status: 'planned', report_id: report });
    addRow(db, 'evaluation_milestones', { plan_id: planId, kind: 'milestone', title: 'Intervjuer klara', due_on: '2024-11-30', status: 'done', done_on: '2024-12-02' });
    const attachment = addAttachment(db, planId, Buffer.from('%PDF-1.7 intervjuguide'));
    addRow(db, 'evaluation_findings', {
      plan_id: planId,
      question_id: question,
      statement: 'Fler deltagare har fått arbete',
      evidence_type: 'interviews',
      strength: 'moderate',
      found_on: '2025-01-20',
      source: 'Lägesrapport 2025',
      attachment_id: attachment,
    });
    addRow(db, 'evaluation_risks', { plan_id: planId, description: 'Svårt att nå deltagare', likelihood: 'medium', impact: 'high', mitigation: 'Fler språk', status: 'open', noted_on: '2024-04-01' });
    addRow(db, 'evaluation_notes', { plan_id: planId, written_at: '2024-04-02T09:00:00Z', written_by: 'anna', body: 'Första mötet hållet.' });

    // The bytes come back as they went in, with their hash.
    const stored = db.prepare('SELECT size, sha256, content FROM evaluation_attachments WHERE id = ?').get(attachment) as { size: number; sha256: string; content: Buffer };
    expect(stored.content.toString()).toBe('%PDF-1.7 intervjuguide');
    expect(createHash('sha256').update(stored.content).digest('hex')).toBe(stored.sha256);

    // Deleting a question, an attachment or a report keeps what names it; deleting the application takes the plan and everything under it.
    db.prepare('DELETE FROM evaluation_questions WHERE id = ?').run(question);
    db.prepare('DELETE FROM evaluation_attachments WHERE id = ?').run(attachment);
    expect(db.prepare('SELECT question_id, attachment_id FROM evaluation_findings').get()).toEqual({ question_id: null, attachment_id: null });
    db.prepare('DELETE FROM reports WHERE id = ?').run(report);
    expect(db.prepare("SELECT report_id FROM evaluation_milestones WHERE kind = 'deliverable'").pluck().get()).toBeNull();
    db.prepare('DELETE FROM applications').run();
    for (const table of evaluationTables) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    store.close();
  });

  it('refuses what the schema rules out', () => {
    const store = storeOf('checks.sqlite');
    const { db } = store;
    const applicationId = addApplication(db);
    const planId = addPlan(db, applicationId);
    const uid = db.prepare('SELECT uid FROM evaluation_plans').pluck().get();
    for (const overrides of [
      { uid },
      { uid: 'not-a-uuid' },
      { uid: (uid as string).toUpperCase().replace(/^./, 'F') },
      { kind: 'audit' },
      { method: 'rct' },
      { starts_on: '2024-13-01' },
      { starts_on: '2024-02-30' },
      { ends_on: '2023-12-31' },
      { application_id: 9999 },
    ]) {
      expect(() => addPlan(db, applicationId, overrides), JSON.stringify(overrides)).toThrow(refused);
    }

    const milestone = (status: string, doneOn: string | null) =>
      addRow(db, 'evaluation_milestones', { plan_id: planId, kind: 'milestone', title: 'M', due_on: '2025-01-01', status, done_on: doneOn });
    expect(() => milestone('done', null)).toThrow(refused);
    expect(() => milestone('planned', '2025-01-02')).toThrow(refused);
    expect(() => milestone('late', null)).toThrow(refused);
    expect(milestone('done', '2025-01-02')).toBeGreaterThan(0);

    const outcome = addRow(db, 'evaluation_outcomes', { plan_id: planId, position: 1, title: 'O' });
    expect(() => addRow(db, 'evaluation_outcomes', { plan_id: planId, position: 1, title: 'Same place' })).toThrow(refused);
    const tracked = (year: number | null, value: number | null, indicator = 'AM0207AC') =>
      addRow(db, 'outcome_indicators', { outcome_id: outcome, indicator_code: indicator, sex: 'T', level: 'municipality', geo_code: '1280', baseline_year: year, baseline_value: value });
    expect(() => tracked(2023, null)).toThrow(refused);
    expect(() => tracked(null, 70)).toThrow(refused);
    expect(() => tracked(null, null, 'NOPE')).toThrow(refused);
    const trackedId = tracked(null, null);
    addRow(db, 'outcome_targets', { outcome_indicator_id: trackedId, year: 2025, value: 1 });
    expect(() => addRow(db, 'outcome_targets', { outcome_indicator_id: trackedId, year: 2025, value: 2 })).toThrow(refused);
    expect(() => addRow(db, 'comparison_places', { outcome_indicator_id: trackedId, geo_code: '0180', chosen_by: 'guessed' })).toThrow(refused);

    const content = Buffer.from('hej');
    expect(() => addAttachment(db, planId, content, { size: 4 })).toThrow(refused);
    expect(() => addAttachment(db, planId, content, { sha256: 'abc' })).toThrow(refused);
    expect(() => addAttachment(db, planId, Buffer.alloc(25 * 1024 * 1024 + 1))).toThrow(refused);
    expect(addAttachment(db, planId, Buffer.alloc(25 * 1024 * 1024))).toBeGreaterThan(0);

    const finding = (evidence: string, strength: string) =>
      addRow(db, 'evaluation_findings', { plan_id: planId, statement: 'F', evidence_type: evidence, strength, found_on: '2025-01-01' });
    expect(() => finding('hearsay', 'strong')).toThrow(refused);
    expect(() => finding('survey', 'certain')).toThrow(refused);
    expect(finding('survey', 'strong')).toBeGreaterThan(0);
    expect(() => addRow(db, 'evaluation_risks', { plan_id: planId, description: 'R', likelihood: 'certain', impact: 'high', status: 'open', noted_on: '2025-01-01' })).toThrow(refused);
    store.close();
  });
});
