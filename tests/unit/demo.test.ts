import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { evaluationDid } from '../../main/services/evaluation/did';
import { evaluationDashboard } from '../../main/services/evaluation/dashboard';
import { evaluationStatus } from '../../main/services/evaluation/status';
import { profile } from '../../main/services/indicators/profile';
import { openStore, type Store } from '../../main/store/open-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();
const dataTables = ['grant_calls', 'organisations', 'applications', 'decisions', 'payments', 'indicators', 'indicator_values'];

function demoStore(seed = 2021, scale = 1, today = DEMO_BASE_DAY): Store {
  const store = openStore(join(tempDir(), `demo-${seed}-${today}.sqlite`), { resourcesDir });
  generateDemo({ store, progress: () => {} }, { seed, scale, today });
  return store;
}

function contentHash(store: Store): string {
  const hash = createHash('sha256');
  for (const table of dataTables) {
    for (const row of store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

function one<T>(store: Store, sql: string): T {
  return store.db.prepare(sql).get() as T;
}

describe('demo data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = demoStore(7);
    const b = demoStore(7);
    const c = demoStore(8);
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash(c));
    [a, b, c].forEach((store) => store.close());
  });

  it('follows the programme: calls 2018–2024 within budget, about 1,500 applications, approval near 40 %', () => {
    const store = demoStore();
    const calls = store.db.prepare('SELECT year, budget_ore, earmarked_ore FROM grant_calls ORDER BY year').all() as {
      year: number;
      budget_ore: number;
      earmarked_ore: number;
    }[];
    expect(calls.map((c) => c.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(calls.find((c) => c.year === 2021)).toMatchObject({ budget_ore: 250_000_000_00, earmarked_ore: 160_000_000_00 });

    const { n, granted } = one<{ n: number; granted: number }>(
      store,
      "SELECT count(*) AS n, sum(status IN ('granted', 'partly_granted')) AS granted FROM applications",
    );
    expect(n).toBeGreaterThan(1400);
    expect(n).toBeLessThan(1600);
    expect(granted / n).toBeGreaterThan(0.35);
    expect(granted / n).toBeLessThan(0.45);

    const overBudget = store.db
      .prepare(
        `SELECT c.year FROM grant_calls c JOIN applications a ON a.call_id = c.id JOIN decisions d ON d.application_id = a.id
         GROUP BY c.id HAVING sum(d.granted_ore) > c.budget_ore`,
      )
      .all();
    expect(overBudget).toEqual([]);
    // Requests exceed the budget, so most of each budget is used.
    const used = store.db
      .prepare(
        `SELECT c.year, 1.0 * sum(d.granted_ore) / c.budget_ore AS share FROM grant_calls c
         JOIN applications a ON a.call_id = c.id JOIN decisions d ON d.application_id = a.id GROUP BY c.id`,
      )
      .all() as { year: number; share: number }[];
    for (const { share } of used) expect(share).toBeGreaterThan(0.8);
    store.close();
  });

  it('spreads applications over every county and all applicant types, with multi-year and evaluation grants', () => {
    const store = demoStore();
    const counties = one<{ n: number }>(
      store,
      'SELECT count(DISTINCT g.parent_code) AS n FROM applications a JOIN geographies g ON g.code = a.municipality_code',
    );
    expect(counties.n).toBe(21);
    const types = store.db.prepare('SELECT DISTINCT o.type FROM applications a JOIN organisations o ON o.id = a.organisation_id').all();
    expect(types.length).toBeGreaterThanOrEqual(5);
    expect(one<{ n: number }>(store, 'SELECT count(*) AS n FROM applications WHERE last_year > first_year').n).toBeGreaterThan(50);
    expect(one<{ n: number }>(store, 'SELECT count(*) AS n FROM applications WHERE includes_evaluation = 1').n).toBeGreaterThan(100);
    // Amounts are long-tailed: the largest request is many times the median.
    const amounts = (store.db.prepare('SELECT requested_ore AS a FROM applications ORDER BY a').all() as { a: number }[]).map((r) => r.a);
    expect(amounts.at(-1)! / amounts[Math.floor(amounts.length / 2)]!).toBeGreaterThan(8);
    store.close();
  });

  it('has yearly indicators for every municipality, split by sex, with turnout only in election years', () => {
    const store = demoStore();
    const perMunicipality = one<{ n: number }>(
      store,
      `SELECT count(DISTINCT geo_code) AS n FROM indicator_values v JOIN geographies g ON g.code = v.geo_code
       WHERE g.level = 'municipality' AND indicator_code = 'N00914' AND period = 2024 AND sex = 'K'`,
    );
    expect(perMunicipality.n).toBe(290);
    const turnoutYears = store.db.prepare("SELECT DISTINCT period FROM indicator_values WHERE indicator_code = 'ME0104KF' ORDER BY period").all();
    expect(turnoutYears).toEqual([{ period: 2014 }, { period: 2018 }, { period: 2022 }]);
    // Designated municipalities are worse off on average, as they were chosen to be.
    const gap = one<{ designated: number; others: number }>(
      store,
      `SELECT avg(CASE WHEN m.geo_code IS NOT NULL THEN v.value END) AS designated,
              avg(CASE WHEN m.geo_code IS NULL THEN v.value END) AS others
       FROM indicator_values v JOIN geographies g ON g.code = v.geo_code AND g.level = 'municipality'
       LEFT JOIN designation_members m ON m.geo_code = v.geo_code
       WHERE v.indicator_code = 'N00914' AND v.sex = 'T'`,
    );
    expect(gap.designated).toBeGreaterThan(gap.others);
    store.close();
  });

  it('has RegSOs of every area type in the designated municipalities, built of DeSOs, with values compared within their type', () => {
    const store = demoStore();
    const designatedWithAreas = one<{ n: number }>(
      store,
      `SELECT count(DISTINCT a.municipality_code) AS n FROM stat_areas a JOIN designation_members m ON m.geo_code = a.municipality_code
       WHERE a.kind = 'regso'`,
    );
    expect(designatedWithAreas.n).toBe(32);
    const types = store.db.prepare('SELECT DISTINCT area_type FROM area_types ORDER BY 1').pluck().all();
    expect(types).toEqual([1, 2, 3, 4, 5]);
    const orphans = one<{ n: number }>(
      store,
      "SELECT count(*) AS n FROM stat_areas d LEFT JOIN stat_areas r ON r.code = d.regso_code WHERE d.kind = 'deso' AND r.kind IS NOT 'regso'",
    );
    expect(orphans.n).toBe(0);
    // Areas of type 1 have more unemployment than areas of type 5, as the classification says.
    const byType = store.db
      .prepare(
        `SELECT t.area_type, avg(v.value) AS value FROM indicator_values v JOIN area_types t ON t.area_code = v.geo_code AND t.year = 2023
         WHERE v.indicator_code = 'N00914' AND v.period = 2023 GROUP BY t.area_type ORDER BY t.area_type`,
      )
      .all() as { area_type: number; value: number }[];
    expect(byType[0]!.value).toBeGreaterThan(byType.at(-1)!.value);

    const area = one<{ code: string }>(store, "SELECT area_code AS code FROM area_types WHERE year = 2023 AND area_type = 1 ORDER BY 1 LIMIT 1");
    const lines = profile(store.db, area.code, ['N00914'], ['T'], []).series;
    expect(lines.map((line) => line.role)).toEqual(['self', 'county', 'country', 'areaType']);
    expect(lines[0]!.points.map((point) => point.period)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(lines[3]!.points.length).toBe(5);
    store.close();
  });

  it('has evaluation plans for the multi-year follow-research grants, some late, whose places move on the tracked indicators', () => {
    const store = demoStore();
    const followed = one<{ n: number }>(
      store,
      "SELECT count(*) AS n FROM applications WHERE status IN ('granted', 'partly_granted') AND last_year > first_year AND includes_evaluation = 1",
    );
    expect(one<{ n: number }>(store, 'SELECT count(DISTINCT application_id) AS n FROM evaluation_plans').n).toBe(followed.n);
    for (const table of ['evaluation_questions', 'evaluation_findings', 'evaluation_risks', 'evaluation_notes', 'evaluation_attachments', 'outcome_targets', 'comparison_places']) {
      expect(one<{ n: number }>(store, `SELECT count(*) AS n FROM ${table}`).n, table).toBeGreaterThan(0);
    }
    // Every baseline is the store's own value for its place and year.
    const unstored = one<{ n: number }>(
      store,
      `SELECT count(*) AS n FROM outcome_indicators t LEFT JOIN indicator_values v ON v.indicator_code = t.indicator_code
         AND v.geo_code = t.geo_code AND v.sex = t.sex AND v.period = t.baseline_year WHERE v.value IS NOT t.baseline_value`,
    );
    expect(unstored.n).toBe(0);
    const status = evaluationStatus(store.db, '2025-06-30');
    expect(status.counts.late).toBeGreaterThan(0);
    expect(status.counts.on_track).toBeGreaterThan(0);
    expect(status.counts.completed).toBeGreaterThan(0);
    const effect = evaluationDid(store.db, { indicator: 'AM0207AC', sex: 'T', level: 'municipality', control: 'never', followResearch: true });
    expect(effect.overall!.low).toBeGreaterThan(0);
    expect(effect.event.filter((row) => row.e < 0).every((row) => Math.abs(row.att) < 0.6)).toBe(true);
    store.close();
  });

  it('is dated around the day it is loaded on, moved by whole years, the same on the same day', () => {
    const base = demoStore(5);
    const later = demoStore(5, 1, '2026-12-01');
    const again = demoStore(5, 1, '2026-12-01');
    expect(contentHash(later)).toBe(contentHash(again));
    expect(contentHash(later)).not.toBe(contentHash(base));
    // 2026-12-01 is five months after the base day moved by one year, so by two: the calls run 2020–2026.
    expect(later.db.prepare('SELECT year FROM grant_calls ORDER BY year').pluck().all()).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(one<{ first: number; last: number }>(later, 'SELECT min(period) AS first, max(period) AS last FROM indicator_values')).toEqual({ first: 2016, last: 2026 });
    // The calls' applications, two years on. (Their figures differ: which reports are in by the day
    // decides how many draws the sequence takes before the next call.)
    const byYear = (store: Store, shift: number) => store.db.prepare('SELECT first_year - ? AS year, count(*) AS n FROM applications GROUP BY first_year ORDER BY 1').all(shift);
    expect(byYear(later, 2)).toEqual(byYear(base, 0));
    [base, later, again].forEach((store) => store.close());
  });

  it('shows an evaluator a realistic portfolio on the day it is loaded: mostly on track, some at risk, a few late, some completed', () => {
    for (const today of ['2026-12-01', '2027-03-15', '2026-08-20']) {
      const store = demoStore(2021, 1, today);
      const { counts, grants } = evaluationStatus(store.db, today);
      expect(counts.on_track, today).toBeGreaterThan(counts.late);
      expect(counts.on_track, today).toBeGreaterThan(counts.at_risk);
      expect(counts.late, today).toBeGreaterThan(0);
      expect(counts.late / grants.length, today).toBeLessThan(0.25);
      expect(counts.at_risk, today).toBeGreaterThan(0);
      expect(counts.completed, today).toBeGreaterThan(0);
      const dashboard = evaluationDashboard(store.db, today);
      expect(dashboard.deadlines.filter((row) => row.days <= 30).length, today).toBeGreaterThan(0);
      expect(dashboard.deadlines.filter((row) => row.days > 30).length, today).toBeGreaterThan(0);
      // Reports missing more than a year after they fell due came in late: the overdue are few and recent.
      expect(dashboard.overdueReports.length, today).toBeGreaterThan(0);
      expect(dashboard.overdueReports.length / grants.length, today).toBeLessThan(0.15);
      expect(dashboard.overdueReports.every((row) => row.days >= -365), today).toBe(true);
      store.close();
    }
  });

  it('scales up for benchmarks', () => {
    const store = demoStore(2021, 3);
    expect(one<{ n: number }>(store, 'SELECT count(*) AS n FROM applications').n).toBe(1504 * 3);
    store.close();
  });

  it('refuses a store that already has data and leaves it as it was', () => {
    const store = demoStore();
    const before = contentHash(store);
    expect(() => generateDemo({ store, progress: () => {} }, { seed: 1, scale: 1, today: DEMO_BASE_DAY })).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_EMPTY' }),
    );
    expect(contentHash(store)).toBe(before);
    store.close();
  });

  it('reports progress until every application is written', () => {
    const store = openStore(join(tempDir(), 'progress.sqlite'), { resourcesDir });
    const seen: { phase: string; done: number; total: number | null }[] = [];
    generateDemo({ store, progress: (phase, done, total) => seen.push({ phase, done, total }) }, { seed: 1, scale: 1, today: DEMO_BASE_DAY });
    const applications = seen.filter((p) => p.phase === 'applications');
    expect(applications.at(-1)).toEqual({ phase: 'applications', done: 1504, total: 1504 });
    expect(seen.map((p) => p.phase)).toContain('indicators');
    store.close();
  });
});
