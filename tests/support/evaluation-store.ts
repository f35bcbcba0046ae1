import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage, Status } from '../../main/contract/calls';
import { repoRoot } from './temp-dir';

// Stores for the evaluation tests: grants that treat places from a year, and indicator values of
// those places, written straight into the tables the services read.

export interface GrantSpec {
  firstYear: number;
  municipality?: string | null;
  targetAreas?: string;
  status?: Status;
  programme?: string;
  stage?: Stage;
  followResearch?: boolean;
}

let caseCounter = 0;

export function addGrants(db: Database, grants: readonly GrantSpec[]): void {
  const callOf = db.prepare(
    "INSERT INTO grant_calls (year, programme, title, budget_ore) VALUES (?, ?, 'Test', 0) ON CONFLICT (year, programme) DO UPDATE SET title = title RETURNING id",
  );
  const organisation = db.prepare("INSERT INTO organisations (name, type) VALUES ('Testkommunen', 'municipality')").run().lastInsertRowid;
  const insert = db.prepare(`INSERT INTO applications
    (case_number, call_id, organisation_id, title, stage, municipality_code, target_areas, first_year, last_year, requested_ore, includes_evaluation, status, received_on)
    VALUES (?, ?, ?, 'Insats', ?, ?, ?, ?, ?, 100, ?, ?, '2019-01-10')`);
  db.transaction(() => {
    for (const grant of grants) {
      const call = callOf.get(grant.firstYear, grant.programme ?? 'Delmos') as { id: number };
      caseCounter += 1;
      insert.run(
        `T-${String(caseCounter).padStart(6, '0')}`,
        call.id,
        organisation,
        grant.stage ?? 'long_term',
        grant.municipality === undefined ? '0180' : grant.municipality,
        grant.targetAreas ?? '',
        grant.firstYear,
        grant.firstYear + 2,
        grant.followResearch ? 1 : 0,
        grant.status ?? 'granted',
      );
    }
  })();
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
