import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { overview } from '../../main/services/overview';
import { openStore } from '../../main/store/open-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();

describe('the overview', () => {
  it('is all zeros for an empty store', () => {
    const store = openStore(join(tempDir(), 'empty.sqlite'), { resourcesDir });
    const result = overview(store);
    expect(result.totals.applications).toBe(0);
    expect(result.totals.grantedOre).toBe(0);
    expect(result.byYear).toEqual([]);
    store.close();
  });

  it('adds up to the rows in the store, a year’s budget counted once however many applications it has', () => {
    const store = openStore(join(tempDir(), 'demo.sqlite'), { resourcesDir });
    generateDemo({ store, progress: () => {} }, { seed: 3, scale: 1, today: DEMO_BASE_DAY });
    const result = overview(store);
    const sum = (key: 'applications' | 'granted' | 'grantedOre' | 'requestedOre') =>
      result.byYear.reduce((total, row) => total + row[key], 0);
    expect(sum('applications')).toBe(result.totals.applications);
    expect(sum('granted')).toBe(result.totals.granted);
    expect(sum('grantedOre')).toBe(result.totals.grantedOre);
    expect(sum('requestedOre')).toBe(result.totals.requestedOre);
    expect(result.byYear.find((row) => row.year === 2021)?.budgetOre).toBe(250_000_000_00);
    const byType = result.byApplicantType.reduce((total, row) => total + row.applications, 0);
    expect(byType).toBe(result.totals.applications);
    store.close();
  });

  it('equals a plain GROUP BY of the records, also after an edit and for a year whose call has no applications yet', () => {
    const store = openStore(join(tempDir(), 'exact.sqlite'), { resourcesDir });
    generateDemo({ store, progress: () => {} }, { seed: 5, scale: 1, today: DEMO_BASE_DAY });
    const { db } = store;
    db.prepare("UPDATE applications SET status = 'rejected' WHERE id IN (SELECT id FROM applications WHERE status = 'granted' LIMIT 25)").run();
    db.prepare("INSERT INTO grant_calls (year, programme, title, budget_ore) VALUES (2031, 'segregation', 'Utlysning 2031', 1000)").run();
    const GRANTED = "('granted', 'partly_granted')";
    const byYear = db
      .prepare(
        `SELECT c.year, count(a.id) AS applications, coalesce(sum(a.status IN ${GRANTED}), 0) AS granted,
                coalesce(sum(a.requested_ore), 0) AS requestedOre, coalesce(sum(a.granted_ore), 0) AS grantedOre,
                (SELECT sum(budget_ore) FROM grant_calls WHERE year = c.year) AS budgetOre,
                (SELECT sum(earmarked_ore) FROM grant_calls WHERE year = c.year) AS earmarkedOre
           FROM (SELECT DISTINCT year FROM grant_calls) c LEFT JOIN grant_calls gc ON gc.year = c.year LEFT JOIN applications a ON a.call_id = gc.id
          GROUP BY c.year ORDER BY c.year`,
      )
      .all();
    const byType = db
      .prepare(
        `SELECT o.type, count(*) AS applications, sum(a.status IN ${GRANTED}) AS granted, sum(a.granted_ore) AS grantedOre
           FROM organisations o JOIN applications a ON a.organisation_id = o.id GROUP BY o.type ORDER BY grantedOre DESC`,
      )
      .all();
    const reached = db
      .prepare(
        `SELECT count(*) FROM geographies g WHERE g.level = 'municipality'
            AND EXISTS (SELECT 1 FROM applications a WHERE a.municipality_code = g.code AND a.status IN ${GRANTED})`,
      )
      .pluck()
      .get();
    const result = overview(store);
    expect(result.byYear).toEqual(byYear);
    expect(result.byYear.at(-1)).toMatchObject({ year: 2031, applications: 0, budgetOre: 1000 });
    expect(result.byApplicantType).toEqual(byType);
    expect(result.totals).toEqual({
      applications: db.prepare('SELECT count(*) FROM applications').pluck().get(),
      granted: db.prepare(`SELECT count(*) FROM applications WHERE status IN ${GRANTED}`).pluck().get(),
      organisations: db.prepare('SELECT count(*) FROM organisations').pluck().get(),
      calls: db.prepare('SELECT count(*) FROM grant_calls').pluck().get(),
      municipalitiesReached: reached,
      requestedOre: db.prepare('SELECT sum(requested_ore) FROM applications').pluck().get(),
      grantedOre: db.prepare('SELECT sum(granted_ore) FROM applications').pluck().get(),
      indicatorValues: db.prepare('SELECT count(*) FROM indicator_points').pluck().get(),
    });
    store.close();
  });
});
