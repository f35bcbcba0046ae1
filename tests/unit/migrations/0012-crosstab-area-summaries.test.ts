import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkSummaries } from '../../../main/domain/crosstab/summaries';
import { DEMO_BASE_DAY } from '../../../main/services/demo/demo-calendar';
import { generateDemo } from '../../../main/services/demo/generate-demo';
import { openStore } from '../../../main/store/open-store';
import { resourcesDir, useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** Each application's distinct area types, 0 for none, as the migration's comment defines them, worked out here in plain code. */
function areaTypesByApplication(db: Database): Map<number, Set<number>> {
  const inForce = db.prepare(
    `SELECT coalesce((SELECT area_type FROM area_types WHERE area_code = ? AND year <= ? ORDER BY year DESC LIMIT 1),
                     (SELECT area_type FROM area_types WHERE area_code = ? ORDER BY year LIMIT 1), 0)`,
  ).pluck();
  const regsos = db.prepare("SELECT code, municipality_code FROM stat_areas WHERE kind = 'regso'").all() as { code: string; municipality_code: string }[];
  const applications = db
    .prepare('SELECT a.id, a.municipality_code, a.target_areas, c.year FROM applications a JOIN grant_calls c ON c.id = a.call_id')
    .all() as { id: number; municipality_code: string | null; target_areas: string; year: number }[];
  return new Map(
    applications.map((a) => {
      const named = new Set(a.target_areas.split(/[ ,;]/).filter((code) => code !== ''));
      const areas = regsos.filter((area) => area.municipality_code === a.municipality_code && named.has(area.code));
      return [a.id, new Set(areas.length === 0 ? [0] : areas.map((area) => inForce.get(area.code, a.year, area.code) as number))];
    }),
  );
}

/** Applications and granted money by area type, over the cuboid by municipality, from the kept rows. */
function keptByType(db: Database): Record<number, [number, number]> {
  const rows = db.prepare('SELECT area_type, sum(n), sum(granted) FROM crosstab_area_summaries WHERE cuboid = 1 GROUP BY area_type').raw().all() as number[][];
  return Object.fromEntries(rows.map(([type, n, granted]) => [type!, [n!, granted!]]));
}

function expectedByType(db: Database): Record<number, [number, number]> {
  const granted = new Map(db.prepare('SELECT id, granted_ore FROM applications').raw().all() as [number, number][]);
  const byType: Record<number, [number, number]> = {};
  for (const [id, types] of areaTypesByApplication(db)) {
    for (const type of types) {
      const sums = (byType[type] ??= [0, 0]);
      sums[0] += 1;
      sums[1] += granted.get(id)!;
    }
  }
  return byType;
}

describe('migration 0012', () => {
  it('sums a 0011 store’s applications by the area types of their target areas, which its triggers then keep exact', () => {
    const path = join(tempDir(), 'upgrade.sqlite');
    const old = openStore(path, { resourcesDir, schemaVersion: 11 });
    generateDemo({ store: old, progress: () => {} }, { scale: 1, seed: 5, today: DEMO_BASE_DAY });
    // Target areas of each kind the cross-tab knows: one RegSO, two, a repeated one, an unknown code, free text, a DeSO.
    const withAreas = old.db.prepare("SELECT a.id, a.municipality_code FROM applications a WHERE a.municipality_code IN (SELECT municipality_code FROM stat_areas WHERE kind = 'regso') ORDER BY a.id").all() as { id: number; municipality_code: string }[];
    const areasOf = old.db.prepare("SELECT code FROM stat_areas WHERE kind = 'regso' AND municipality_code = ? ORDER BY code").pluck();
    const deso = old.db.prepare("SELECT code FROM stat_areas WHERE kind = 'deso' LIMIT 1").pluck().get() as string;
    const setAreas = old.db.prepare('UPDATE applications SET target_areas = ? WHERE id = ?');
    withAreas.forEach(({ id, municipality_code }, i) => {
      const areas = areasOf.all(municipality_code) as string[];
      setAreas.run([`${areas[0]}`, `${areas[0]}; ${areas.at(-1)}`, `${areas[1]},${areas[1]}`, '9999R001', 'Centrum', deso, ''][i % 7]!, id);
    });
    const applications = old.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    old.close();

    const store = openStore(path, { resourcesDir, schemaVersion: 12 });
    const { db } = store;
    expect(store.schemaVersion).toBe(12);
    expect(checkSummaries(db)).toEqual({ differing: 0, examples: [] });
    expect(keptByType(db)).toEqual(expectedByType(db));
    // Every cuboid holds every application once under each of its types, and some have two.
    const pairs = [...areaTypesByApplication(db).values()].reduce((sum, types) => sum + types.size, 0);
    expect(pairs).toBeGreaterThan(applications);
    expect(db.prepare('SELECT cuboid, sum(n) FROM crosstab_area_summaries GROUP BY cuboid').raw().all()).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((cuboid) => [cuboid, pairs]),
    );
    expect(db.prepare('SELECT count(DISTINCT area_type) FROM crosstab_area_summaries WHERE area_type > 0').pluck().get()).toBeGreaterThan(1);

    const exact = () => {
      expect(checkSummaries(db)).toEqual({ differing: 0, examples: [] });
      expect(keptByType(db)).toEqual(expectedByType(db));
    };
    // An application's target areas edited, and a new one naming two areas with a payment, then deleted.
    const [first] = withAreas;
    const areas = db.prepare("SELECT code FROM stat_areas WHERE kind = 'regso' AND municipality_code = ? ORDER BY code").pluck().all(first!.municipality_code) as string[];
    db.prepare('UPDATE applications SET target_areas = ? WHERE id = ?').run(areas.slice(0, 3).join(' '), first!.id);
    exact();
    const call = db.prepare('SELECT id FROM grant_calls ORDER BY id LIMIT 1').pluck().get() as number;
    const org = db.prepare('SELECT id FROM organisations ORDER BY id LIMIT 1').pluck().get() as number;
    const id = db
      .prepare(`INSERT INTO applications (case_number, call_id, organisation_id, title, stage, municipality_code, first_year, last_year, requested_ore, status, received_on, target_areas)
                VALUES ('2099-1', ?, ?, 'Ny', 'plan', ?, 2024, 2024, 100000, 'granted', '2024-01-01', ?)`)
      .run(call, org, first!.municipality_code, `${areas[0]},${areas.at(-1)}`).lastInsertRowid;
    const decision = db.prepare("INSERT INTO decisions (application_id, decided_on, granted_ore) VALUES (?, '2024-02-01', 50000)").run(id).lastInsertRowid;
    db.prepare("INSERT INTO payments (decision_id, kind, paid_on, amount_ore) VALUES (?, 'payment', '2024-03-01', 40000)").run(decision);
    exact();
    // The areas: a RegSO classified anew for a year, given its first classification, its classification
    // removed, a new RegSO that an application already named, a classification's year moved, a call's year changed.
    const year = db.prepare('SELECT year FROM grant_calls WHERE id = ?').pluck().get(call) as number;
    const before = keptByType(db);
    db.prepare('INSERT INTO area_types (area_code, year, area_type) VALUES (?, ?, 5) ON CONFLICT DO UPDATE SET area_type = excluded.area_type').run(areas[0], year);
    exact();
    expect(keptByType(db)).not.toEqual(before);
    db.prepare('INSERT INTO area_types (area_code, year, area_type) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET area_type = excluded.area_type').run(areas[0], year);
    exact();
    db.prepare('DELETE FROM area_types WHERE area_code = ?').run(areas.at(-1));
    exact();
    db.prepare("UPDATE applications SET target_areas = ? WHERE id = ?").run(`${first!.municipality_code}R999`, id);
    db.prepare("INSERT INTO stat_areas (code, kind, municipality_code) VALUES (?, 'regso', ?)").run(`${first!.municipality_code}R999`, first!.municipality_code);
    db.prepare('INSERT INTO area_types (area_code, year, area_type) VALUES (?, 2015, 2)').run(`${first!.municipality_code}R999`);
    exact();
    db.prepare('UPDATE area_types SET year = 2030 WHERE area_code = ? AND year = ?').run(areas[0], year);
    exact();
    db.prepare('UPDATE grant_calls SET year = year + 10 WHERE id = ?').run(call);
    exact();
    db.prepare('DELETE FROM applications WHERE id = ?').run(id);
    exact();
    expect(db.prepare('SELECT count(*) FROM crosstab_area_summaries WHERE n <= 0').pluck().get()).toBe(0);
    store.close();
  });
});
