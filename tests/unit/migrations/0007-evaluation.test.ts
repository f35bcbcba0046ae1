import type { Database } from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/open-store';
import { resourcesThrough } from '../../support/resources-through';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const now = '2026-01-15T10:00:00.000Z';

const resourcesUpTo = (version: number) => resourcesThrough(version, tempDir());

function addApplication(db: Database): number {
  const call = db.prepare("INSERT INTO grant_calls (year, programme, title, budget_ore) VALUES (2024, 'Delmos', 'Test', 0)").run().lastInsertRowid;
  const organisation = db.prepare("INSERT INTO organisations (name, type, municipality_code) VALUES ('Malmö stad', 'municipality', '1280')").run().lastInsertRowid;
  return Number(
    db
      .prepare(`INSERT INTO applications (case_number, call_id, organisation_id, title, stage, municipality_code, first_year, last_year, requested_ore, includes_evaluation, status, received_on)
                VALUES ('2024-00001', ?, ?, 'Följeforskning i Malmö', 'long_term', '1280', 2024, 2026, 100, 1, 'granted', '2024-02-01')`)
      .run(call, organisation).lastInsertRowid,
  );
}

function addPlan(db: Database, applicationId: number, overrides: Record<string, unknown> = {}): number {
  const row = { uid: randomUUID(), application_id: applicationId, kind: 'follow_research', evaluator: 'Malmö universitet', method: 'did', starts_on: '2024-03-01', ends_on: '2026-12-31', updated_at: now, ...overrides };
  return Number(
    db
      .prepare('INSERT INTO evaluation_plans (uid, application_id, kind, evaluator, method, starts_on, ends_on, updated_at) VALUES (@uid, @application_id, @kind, @evaluator, @method, @starts_on, @ends_on, @updated_at)')
      .run(row).lastInsertRowid,
  );
}

function addAttachment(db: Database, planId: number, content: Buffer, overrides: Record<string, unknown> = {}) {
  const row = {
    uid: randomUUID(),
    plan_id: planId,
    name: 'plan.pdf',
    mime: 'application/pdf',
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    ...overrides,
  };
  return db
    .prepare(`INSERT INTO evaluation_attachments (uid, plan_id, name, mime, size, sha256, added_on, updated_at, content)
              VALUES (@uid, @plan_id, @name, @mime, @size, @sha256, '2024-03-02', '${now}', @content)`)
    .run(row);
}

const refused = /CHECK constraint failed|UNIQUE constraint failed|NOT NULL constraint failed|FOREIGN KEY constraint failed/;

describe('migration 0007: evaluation', () => {
  it('upgrades a version 6 store, keeping its register, and adds the evaluation tables empty', () => {
    const path = join(tempDir(), 'upgrade.sqlite');
    const old = openStore(path, { resourcesDir: resourcesUpTo(6) });
    expect(old.schemaVersion).toBe(6);
    const applicationId = addApplication(old.db);
    const before = old.db.prepare('SELECT * FROM applications').all();
    old.close();

    const store = openStore(path, { resourcesDir: resourcesUpTo(7) });
    expect(store.schemaVersion).toBe(7);
    expect(store.db.prepare('SELECT * FROM applications').all()).toEqual(before);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'evaluation%' OR name IN ('outcome_indicators', 'outcome_targets', 'comparison_places')) ORDER BY name").pluck().all();
    expect(tables).toEqual([
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
    ]);
    for (const table of tables as string[]) expect(store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    expect(addPlan(store.db, applicationId)).toBeGreaterThan(0);
    store.close();
  });

  it('holds a whole plan: questions, outcomes with indicators, baseline, targets and comparison places, milestones, findings, risks, notes', () => {
    const store = openStore(join(tempDir(), 'plan.sqlite'), { resourcesDir: resourcesUpTo(7) });
    const { db } = store;
    const planId = addPlan(db, addApplication(db));
    const question = db.prepare(`INSERT INTO evaluation_questions (uid, plan_id, position, question, updated_at) VALUES (?, ?, 1, 'Ökar sysselsättningen?', '${now}')`).run(randomUUID(), planId).lastInsertRowid;
    const outcome = db.prepare(`INSERT INTO evaluation_outcomes (uid, plan_id, position, title, updated_at) VALUES (?, ?, 1, 'Fler i arbete', '${now}')`).run(randomUUID(), planId).lastInsertRowid;
    const tracked = db
      .prepare(`INSERT INTO outcome_indicators (uid, outcome_id, indicator_code, sex, level, geo_code, baseline_year, baseline_value, updated_at)
                VALUES (?, ?, 'AM0207AC', 'T', 'municipality', '1280', 2023, 71.5, '${now}')`)
      .run(randomUUID(), outcome).lastInsertRowid;
    db.prepare(`INSERT INTO outcome_targets (uid, outcome_indicator_id, year, value, updated_at) VALUES (?, ?, 2025, 73, '${now}'), (?, ?, 2026, 74, '${now}')`).run(randomUUID(), tracked, randomUUID(), tracked);
    db.prepare(`INSERT INTO comparison_places (uid, outcome_indicator_id, geo_code, chosen_by, updated_at) VALUES (?, ?, '0180', 'evaluator', '${now}')`).run(randomUUID(), tracked);
    const report = db.prepare("INSERT INTO reports (application_id, kind, due_on) VALUES ((SELECT application_id FROM evaluation_plans WHERE id = ?), 'progress', '2025-03-31')").run(planId).lastInsertRowid;
    db.prepare(`INSERT INTO evaluation_milestones (uid, plan_id, kind, title, due_on, status, done_on, report_id, updated_at) VALUES
                (?, ?, 'deliverable', 'Lägesrapport', '2025-03-31', 'planned', NULL, ?, '${now}'),
                (?, ?, 'milestone', 'Intervjuer klara', '2024-11-30', 'done', '2024-12-02', NULL, '${now}')`).run(randomUUID(), planId, report, randomUUID(), planId);
    const attachment = addAttachment(db, planId, Buffer.from('%PDF-1.7 intervjuguide')).lastInsertRowid;
    db.prepare(`INSERT INTO evaluation_findings (uid, plan_id, question_id, statement, evidence_type, strength, found_on, source, attachment_id, updated_at)
                VALUES (?, ?, ?, 'Fler deltagare har fått arbete', 'interviews', 'moderate', '2025-01-20', 'Lägesrapport 2025', ?, '${now}')`).run(randomUUID(), planId, question, attachment);
    db.prepare(`INSERT INTO evaluation_risks (uid, plan_id, description, likelihood, impact, mitigation, status, noted_on, updated_at)
                VALUES (?, ?, 'Svårt att nå deltagare', 'medium', 'high', 'Fler språk', 'open', '2024-04-01', '${now}')`).run(randomUUID(), planId);
    db.prepare(`INSERT INTO evaluation_notes (uid, plan_id, written_at, written_by, body, updated_at) VALUES (?, ?, '${now}', 'anna', 'Första mötet hållet.', '${now}')`).run(randomUUID(), planId);

    // The bytes come back as they went in, with their hash.
    const stored = db.prepare('SELECT size, sha256, content FROM evaluation_attachments WHERE id = ?').get(attachment) as { size: number; sha256: string; content: Buffer };
    expect(stored.content.toString()).toBe('%PDF-1.7 intervjuguide');
    expect(createHash('sha256').update(stored.content).digest('hex')).toBe(stored.sha256);

    // Deleting a question or an attachment keeps the finding; deleting the application takes the plan and everything under it.
    db.prepare('DELETE FROM evaluation_questions WHERE id = ?').run(question);
    db.prepare('DELETE FROM evaluation_attachments WHERE id = ?').run(attachment);
    expect(db.prepare('SELECT question_id, attachment_id FROM evaluation_findings').get()).toEqual({ question_id: null, attachment_id: null });
    db.prepare('DELETE FROM reports WHERE id = ?').run(report);
    expect(db.prepare("SELECT report_id FROM evaluation_milestones WHERE kind = 'deliverable'").pluck().get()).toBeNull();
    db.prepare('DELETE FROM applications').run();
    for (const table of ['evaluation_plans', 'evaluation_outcomes', 'outcome_indicators', 'outcome_targets', 'comparison_places', 'evaluation_milestones', 'evaluation_findings', 'evaluation_risks', 'evaluation_notes']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    store.close();
  });

  it('refuses what the schema rules out', () => {
    const store = openStore(join(tempDir(), 'checks.sqlite'), { resourcesDir: resourcesUpTo(7) });
    const { db } = store;
    const applicationId = addApplication(db);
    const planId = addPlan(db, applicationId);
    const uid = db.prepare('SELECT uid FROM evaluation_plans').pluck().get();
    expect(() => addPlan(db, applicationId, { uid })).toThrow(refused);
    expect(() => addPlan(db, applicationId, { uid: 'not-a-uuid' })).toThrow(refused);
    expect(() => addPlan(db, applicationId, { uid: randomUUID().toUpperCase() })).toThrow(refused);
    expect(() => addPlan(db, applicationId, { kind: 'audit' })).toThrow(refused);
    expect(() => addPlan(db, applicationId, { method: 'rct' })).toThrow(refused);
    expect(() => addPlan(db, applicationId, { starts_on: '2024-13-01' })).toThrow(refused);
    expect(() => addPlan(db, applicationId, { ends_on: '2023-12-31' })).toThrow(refused);
    expect(() => addPlan(db, 9999)).toThrow(refused);

    const milestone = (status: string, doneOn: string | null) =>
      db.prepare(`INSERT INTO evaluation_milestones (uid, plan_id, kind, title, due_on, status, done_on, updated_at) VALUES (?, ?, 'milestone', 'M', '2025-01-01', ?, ?, '${now}')`).run(randomUUID(), planId, status, doneOn);
    expect(() => milestone('done', null)).toThrow(refused);
    expect(() => milestone('planned', '2025-01-02')).toThrow(refused);
    expect(() => milestone('late', null)).toThrow(refused);
    expect(milestone('done', '2025-01-02').changes).toBe(1);

    const outcome = db.prepare(`INSERT INTO evaluation_outcomes (uid, plan_id, position, title, updated_at) VALUES (?, ?, 1, 'O', '${now}')`).run(randomUUID(), planId).lastInsertRowid;
    const tracked = (year: number | null, value: number | null, indicator = 'AM0207AC') =>
      db.prepare(`INSERT INTO outcome_indicators (uid, outcome_id, indicator_code, sex, level, geo_code, baseline_year, baseline_value, updated_at) VALUES (?, ?, ?, 'T', 'municipality', '1280', ?, ?, '${now}')`).run(randomUUID(), outcome, indicator, year, value);
    expect(() => tracked(2023, null)).toThrow(refused);
    expect(() => tracked(null, 70)).toThrow(refused);
    expect(() => tracked(null, null, 'NOPE')).toThrow(refused);
    expect(tracked(null, null).changes).toBe(1);

    const content = Buffer.from('hej');
    expect(() => addAttachment(db, planId, content, { size: 4 })).toThrow(refused);
    expect(() => addAttachment(db, planId, content, { sha256: 'abc' })).toThrow(refused);
    const big = Buffer.alloc(25 * 1024 * 1024 + 1);
    expect(() => addAttachment(db, planId, big)).toThrow(refused);
    expect(addAttachment(db, planId, Buffer.alloc(25 * 1024 * 1024)).changes).toBe(1);

    const finding = (evidence: string, strength: string) =>
      db.prepare(`INSERT INTO evaluation_findings (uid, plan_id, statement, evidence_type, strength, found_on, updated_at) VALUES (?, ?, 'F', ?, ?, '2025-01-01', '${now}')`).run(randomUUID(), planId, evidence, strength);
    expect(() => finding('hearsay', 'strong')).toThrow(refused);
    expect(() => finding('survey', 'certain')).toThrow(refused);
    expect(finding('survey', 'strong').changes).toBe(1);
    store.close();
  });
});
