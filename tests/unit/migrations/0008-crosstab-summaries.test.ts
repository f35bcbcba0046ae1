import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSummaries } from '../../../main/domain/crosstab/summaries';
import { generateDemo } from '../../../main/services/demo/generate-demo';
import { openStore } from '../../../main/store/open-store';
import { resourcesDir, useTempDir } from '../../support/temp-dir';
import { DEMO_BASE_DAY } from '../../../main/services/demo/demo-calendar';

const tempDir = useTempDir();

/** The shipped resources with the migrations after `version` left out: a store as that version made it. */
function resourcesUpTo(version: number): string {
  const dir = tempDir();
  cpSync(resourcesDir, dir, { recursive: true });
  for (const file of readdirSync(join(dir, 'migrations'))) if (Number(file.slice(0, 4)) > version) rmSync(join(dir, 'migrations', file));
  return dir;
}

describe('migration 0008', () => {
  it('sums a 0007 store’s register into the summaries, which its triggers then keep exact', () => {
    const path = join(tempDir(), 'upgrade.sqlite');
    const old = openStore(path, { resourcesDir: resourcesUpTo(7) });
    expect(old.schemaVersion).toBe(7);
    generateDemo({ store: old, progress: () => {} }, { scale: 1, seed: 4, today: DEMO_BASE_DAY });
    const applications = old.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    const paid = old.db.prepare("SELECT sum(amount_ore) FROM payments WHERE kind = 'payment'").pluck().get() as number;
    old.close();

    const store = openStore(path, { resourcesDir: resourcesUpTo(8) });
    const { db } = store;
    expect(store.schemaVersion).toBe(8);
    // Every cuboid holds every application once.
    expect(db.prepare('SELECT cuboid, sum(n), sum(paid) FROM crosstab_summaries GROUP BY cuboid').raw().all()).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((cuboid) => [cuboid, applications, paid]),
    );
    expect(checkSummaries(db).differing).toBe(0);
    expect(db.prepare("SELECT count(*) FROM crosstab_summaries WHERE municipality_code = '' OR n <= 0").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM crosstab_summaries WHERE cuboid = 6 AND municipality_code <> '*'").pluck().get()).toBe(0);

    // The triggers: a new application, a decision and a payment under it, then the decision with its
    // payment deleted, and all of it made and deleted again with the application.
    const call = db.prepare('SELECT id FROM grant_calls ORDER BY id LIMIT 1').pluck().get() as number;
    const org = db.prepare('SELECT id FROM organisations ORDER BY id LIMIT 1').pluck().get() as number;
    const id = db
      .prepare(`INSERT INTO applications (case_number, call_id, organisation_id, title, stage, municipality_code, first_year, last_year, requested_ore, status, received_on)
                VALUES ('2099-1', ?, ?, 'Ny', 'plan', NULL, 2024, 2024, 100000, 'granted', '2024-01-01')`)
      .run(call, org).lastInsertRowid;
    const decision = db.prepare("INSERT INTO decisions (application_id, decided_on, granted_ore) VALUES (?, '2024-02-01', 50000)").run(id).lastInsertRowid;
    db.prepare("INSERT INTO payments (decision_id, kind, paid_on, amount_ore) VALUES (?, 'payment', '2024-03-01', 40000)").run(decision);
    const newGroup = db.prepare("SELECT n, granted, paid FROM crosstab_summaries WHERE cuboid = 1 AND municipality_code = '' AND call_id = ?");
    expect(newGroup.get(call)).toEqual({ n: 1, granted: 50000, paid: 40000 });
    expect(checkSummaries(db).differing).toBe(0);
    db.prepare('DELETE FROM decisions WHERE id = ?').run(decision);
    expect(newGroup.get(call)).toEqual({ n: 1, granted: 0, paid: 0 });
    expect(checkSummaries(db).differing).toBe(0);
    const again = db.prepare("INSERT INTO decisions (application_id, decided_on, granted_ore) VALUES (?, '2024-02-01', 70000)").run(id).lastInsertRowid;
    db.prepare("INSERT INTO payments (decision_id, kind, paid_on, amount_ore) VALUES (?, 'payment', '2024-03-01', 30000)").run(again);
    expect(checkSummaries(db).differing).toBe(0);
    db.prepare('DELETE FROM applications WHERE id = ?').run(id);
    expect(db.prepare("SELECT count(*) FROM crosstab_summaries WHERE municipality_code = ''").pluck().get()).toBe(0);
    expect(checkSummaries(db).differing).toBe(0);
    store.close();
  });
});
