import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage, Status } from '../../main/contract/calls';
import { repoRoot } from './temp-dir';

// Stores for the evaluation tests: grants that treat places from a year, and indicator values of
// those places, written straight into the tables the services read.

export interface GrantSpec {
  firstYear: number;
  /** Left out: two years after the first. */
  lastYear?: number;
  municipality?: string | null;
  targetAreas?: string;
  status?: Status;
  programme?: string;
  stage?: Stage;
  followResearch?: boolean;
}

let caseCounter = 0;

/** Inserts the grants (applications with a call and an applicant), answering with their ids. */
export function addGrants(db: Database, grants: readonly GrantSpec[]): number[] {
  const callOf = db.prepare(
    "INSERT INTO grant_calls (year, programme, title, budget_ore) VALUES (?, ?, 'Test', 0) ON CONFLICT (year, programme) DO UPDATE SET title = title RETURNING id",
  );
  const organisation = db.prepare("INSERT INTO organisations (name, type) VALUES ('Testkommunen', 'municipality')").run().lastInsertRowid;
  const insert = db.prepare(`INSERT INTO applications
    (case_number, call_id, organisation_id, title, stage, municipality_code, target_areas, first_year, last_year, requested_ore, includes_evaluation, status, received_on)
    VALUES (?, ?, ?, 'Insats', ?, ?, ?, ?, ?, 100, ?, ?, '2019-01-10')`);
  const add = (grant: GrantSpec) => {
    const call = callOf.get(grant.firstYear, grant.programme ?? 'Delmos') as { id: number };
    caseCounter += 1;
    const row = insert.run(
      `T-${String(caseCounter).padStart(6, '0')}`,
      call.id,
      organisation,
      grant.stage ?? 'long_term',
      grant.municipality === undefined ? '0180' : grant.municipality,
      grant.targetAreas ?? '',
      grant.firstYear,
      grant.lastYear ?? grant.firstYear + 2,
      grant.followResearch ? 1 : 0,
      grant.status ?? 'granted',
    );
    return Number(row.lastInsertRowid);
  };
  return db.transaction(() => grants.map(add))();
}

const updatedAt = '2026-01-15T10:00:00.000Z';

/** An evaluation plan of an application (follow-research, 2024-03-01 to 2026-12-31) with columns overridden. */
export function addPlan(db: Database, applicationId: number, overrides: Record<string, unknown> = {}): number {
  const row = { uid: randomUUID(), application_id: applicationId, kind: 'follow_research', evaluator: 'Malmö universitet', method: 'did', starts_on: '2024-03-01', ends_on: '2026-12-31', updated_at: updatedAt, ...overrides };
  const insert = db.prepare(`INSERT INTO evaluation_plans (uid, application_id, kind, evaluator, method, starts_on, ends_on, updated_at)
                             VALUES (@uid, @application_id, @kind, @evaluator, @method, @starts_on, @ends_on, @updated_at)`);
  return Number(insert.run(row).lastInsertRowid);
}

/** A row of one of 0007's tables under a plan (or another parent), with a fresh uid and update time. */
export function addRow(db: Database, table: string, row: Record<string, unknown>): number {
  const columns = { uid: randomUUID(), updated_at: updatedAt, ...row };
  const names = Object.keys(columns);
  const statement = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})`);
  return Number(statement.run(columns).lastInsertRowid);
}

export function addValues(db: Database, indicator: string, sex: 'T' | 'K' | 'M', values: readonly { place: string; year: number; value: number }[]): void {
  const insert = db.prepare('INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const { place, year, value } of values) insert.run(indicator, place, year, sex, value);
  })();
}

export function addRegsos(db: Database, municipality: string, codes: readonly string[]): void {
  const insert = db.prepare("INSERT INTO stat_areas (code, kind, name, municipality_code) VALUES (?, 'regso', ?, ?)");
  db.transaction(() => {
    for (const code of codes) insert.run(code, `Område ${code}`, municipality);
  })();
}

export function municipalities(db: Database): string[] {
  return db.prepare("SELECT code FROM geographies WHERE level = 'municipality' ORDER BY code").pluck().all() as string[];
}

/**
 * A panel with a known effect over 2016-2023: place i's level plus a common trend, and for a place
 * treated from g an effect of 1 + 0.5 (t - g) from its first year on; a shock each year hits all alike. Every ATT(g,t) is that effect
 * exactly, every placebo 0. Cohorts 2019 and 2021 of 12 places each; the rest are never treated,
 * and eight of them have a rejected, withdrawn or undecided application, which must not count.
 */
export function storeWithKnownEffect(db: Database): { cohorts: Map<string, number> } {
  const places = municipalities(db).slice(0, 60);
  const cohorts = new Map<string, number>();
  places.slice(0, 12).forEach((place) => cohorts.set(place, 2019));
  places.slice(12, 24).forEach((place) => cohorts.set(place, 2021));
  addGrants(db, [
    ...[...cohorts].map(([municipality, firstYear]) => ({ municipality, firstYear, followResearch: true })),
    // A second, later grant does not move a place's start.
    { municipality: places[0]!, firstYear: 2021 },
    ...places.slice(24, 32).map((municipality, i) => ({
      municipality,
      firstYear: 2019,
      status: (['rejected', 'withdrawn', 'received', 'in_review'] as const)[i % 4],
    })),
  ]);
  const values = places.flatMap((place, i) =>
    Array.from({ length: 8 }, (_, k) => {
      const year = 2016 + k;
      const g = cohorts.get(place);
      const effect = g !== undefined && year >= g ? 1 + 0.5 * (year - g) : 0;
      return { place, year, value: 20 + (i % 7) * 1.5 + 0.25 * k + Math.sin(k) + effect };
    }),
  );
  addValues(db, 'N00914', 'T', values);
  return { cohorts };
}

/**
 * Four multi-year grants judged on 2026-01-10, one per status, beside a one-year grant and a
 * rejected application, which are not followed.
 */
export function portfolio(db: Database) {
  const [onTrack, atRisk, late, done] = addGrants(db, [
    { municipality: '1280', firstYear: 2024, lastYear: 2026, followResearch: true },
    { municipality: '0180', firstYear: 2024, lastYear: 2026 },
    { municipality: '1480', firstYear: 2023, lastYear: 2025 },
    { municipality: '0380', firstYear: 2022, lastYear: 2024 },
  ]) as [number, number, number, number];
  addGrants(db, [
    { municipality: '1280', firstYear: 2025, lastYear: 2025 },
    { municipality: '1280', firstYear: 2024, lastYear: 2026, status: 'rejected' },
  ]);
  const report = db.prepare('INSERT INTO reports (application_id, kind, due_on, received_on) VALUES (?, ?, ?, ?)');
  report.run(onTrack, 'progress', '2025-03-31', '2025-03-28');
  report.run(late, 'financial', '2025-12-31', null);
  report.run(done, 'final', '2025-03-31', '2025-03-15');

  // The grant in Malmö tracks employment (higher is better) against Stockholm; the one in Stockholm unemployment, which rises.
  const onTrackPlan = addPlan(db, onTrack);
  addRow(db, 'evaluation_milestones', { plan_id: onTrackPlan, kind: 'milestone', title: 'Enkät', due_on: '2026-02-28', status: 'planned' });
  const employment = addRow(db, 'outcome_indicators', {
    outcome_id: addRow(db, 'evaluation_outcomes', { plan_id: onTrackPlan, position: 1, title: 'Fler i arbete' }),
    indicator_code: 'AM0207AC',
    sex: 'T',
    level: 'municipality',
    geo_code: '1280',
    baseline_year: 2023,
    baseline_value: 70,
  });
  addRow(db, 'outcome_targets', { outcome_indicator_id: employment, year: 2026, value: 73 });
  addRow(db, 'comparison_places', { outcome_indicator_id: employment, geo_code: '0180', chosen_by: 'evaluator' });
  addValues(db, 'AM0207AC', 'T', [
    { place: '1280', year: 2023, value: 70 },
    { place: '1280', year: 2025, value: 71.5 },
    { place: '0180', year: 2023, value: 80 },
    { place: '0180', year: 2025, value: 80.5 },
  ]);
  const atRiskPlan = addPlan(db, atRisk);
  const unemployment = addRow(db, 'outcome_indicators', {
    outcome_id: addRow(db, 'evaluation_outcomes', { plan_id: atRiskPlan, position: 1, title: 'Färre arbetslösa' }),
    indicator_code: 'N00914',
    sex: 'K',
    level: 'municipality',
    geo_code: '0180',
    baseline_year: 2023,
    baseline_value: 6,
  });
  addRow(db, 'outcome_targets', { outcome_indicator_id: unemployment, year: 2026, value: 5 });
  addValues(db, 'N00914', 'K', [{ place: '0180', year: 2025, value: 6.4 }]);
  addRow(db, 'evaluation_milestones', { plan_id: addPlan(db, late), kind: 'deliverable', title: 'Intervjustudie', due_on: '2025-12-15', status: 'in_progress' });
  addRow(db, 'evaluation_milestones', { plan_id: addPlan(db, done, { ends_on: '2025-06-30' }), kind: 'milestone', title: 'Slutseminarium', due_on: '2025-05-20', status: 'done', done_on: '2025-05-20' });
  return { onTrack, atRisk, late, done };
}

/** did's mpdta panel as rows: county, year, log teen employment, first year treated (0: never). */
export function mpdtaRows(): { county: string; year: number; lemp: number; firstTreat: number }[] {
  const [header, ...lines] = readFileSync(join(repoRoot, 'tests/fixtures/evaluation/mpdta.csv'), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    return { county: cells[at('countyreal')]!, year: Number(cells[at('year')]), lemp: Number(cells[at('lemp')]), firstTreat: Number(cells[at('first_treat')]) };
  });
}
