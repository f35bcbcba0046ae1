import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DesignationRule, ImportSummary } from '../../main/contract/calls';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { earmark, formatResult, listRules, runRule, saveRule } from '../../main/services/indicators/designation';
import { openStore, type Store } from '../../main/store/open-store';
import { builtFile } from '../support/built';
import { resourcesDir, useTempDir } from '../support/temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();

// The 2022 rule's shape: inequality index ≥ mean + 1 SD and share in area types 1–2 ≥ mean + 1.5 SD.
const rule2022: DesignationRule = {
  name: 'Utpekade 2022',
  combine: 'and',
  conditions: [
    { indicator: 'OJI', period: 2022, sex: 'T', comparison: '>=', threshold: { kind: 'sd', k: 1 } },
    { indicator: 'OMRT12', period: 2022, sex: 'T', comparison: '>=', threshold: { kind: 'sd', k: 1.5 } },
  ],
};

/**
 * Inequality index and area-type share for every municipality, deterministic; one municipality has
 * no inequality index, so a missing value is exercised.
 */
function storeWithFigures(): { store: Store; municipalities: string[] } {
  const store = openStore(join(tempDir(), 'store.sqlite'), { resourcesDir });
  const municipalities = store.db.prepare("SELECT code FROM geographies WHERE level = 'municipality' ORDER BY code").pluck().all() as string[];
  const insert = store.db.prepare("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, 2022, 'T', ?)");
  municipalities.forEach((code, i) => {
    if (i !== 3) insert.run('OJI', code, ((i * 37) % 100) / 10);
    insert.run('OMRT12', code, ((i * 53) % 97) / 2);
  });
  return { store, municipalities };
}

function expected(municipalities: string[]): string[] {
  const stats = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    return mean + sd;
  };
  const oji = municipalities.map((_, i) => (i === 3 ? null : ((i * 37) % 100) / 10));
  const share = municipalities.map((_, i) => ((i * 53) % 97) / 2);
  const ojiPresent = oji.filter((v): v is number => v !== null);
  const ojiMean = ojiPresent.reduce((a, b) => a + b, 0) / ojiPresent.length;
  const ojiThreshold = stats(ojiPresent);
  const shareMean = share.reduce((a, b) => a + b, 0) / share.length;
  const shareThreshold = shareMean + 1.5 * (stats(share) - shareMean);
  expect(ojiThreshold).toBeGreaterThan(ojiMean);
  return municipalities.filter((_, i) => oji[i] !== null && oji[i]! >= ojiThreshold && share[i]! >= shareThreshold);
}

describe('designation rules', () => {
  it('select the municipalities at or above mean + k SD on every condition, with the figures behind each', () => {
    const { store, municipalities } = storeWithFigures();
    const result = runRule(store.db, rule2022);
    const qualifying = result.rows.filter((row) => row.qualifies);
    expect(qualifying.map((row) => row.code)).toEqual(expected(municipalities));
    expect(qualifying.length).toBeGreaterThan(0);
    expect(result.conditions[0]!.municipalitiesWithValue).toBe(289);
    const missing = result.rows.find((row) => row.code === municipalities[3]);
    expect(missing).toMatchObject({ values: [null, expect.any(Number)], qualifies: false });
    expect(missing!.passes[0]).toBe(false);

    const either = runRule(store.db, { ...rule2022, combine: 'or' }).rows.filter((row) => row.qualifies);
    expect(either.length).toBeGreaterThan(qualifying.length);
    const fixed = runRule(store.db, { ...rule2022, conditions: [{ ...rule2022.conditions[0]!, comparison: '<=', threshold: { kind: 'fixed', value: 0.5 } }] });
    expect(fixed.rows.filter((row) => row.qualifies).every((row) => row.values[0]! <= 0.5)).toBe(true);
    store.close();
  });

  it('are saved, exported and used as a call’s earmarked list, re-run on new data', () => {
    const { store, municipalities } = storeWithFigures();
    saveRule(store.db, rule2022);
    saveRule(store.db, { ...rule2022, combine: 'or' });
    expect(listRules(store.db).map((saved) => saved.rule.combine)).toEqual(['or']);

    const csv = formatResult(runRule(store.db, rule2022), 'csv', { code: 'Kommunkod', name: 'Kommun' });
    expect(csv.startsWith('\uFEFFKommunkod;Kommun;OJI 2022 T;OMRT12 2022 T\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(expected(municipalities).length + 1);

    const callId = Number(
      store.db.prepare("INSERT INTO grant_calls (year, programme, title, budget_ore) VALUES (2022, 'p', 't', 100)").run().lastInsertRowid,
    );
    const first = earmark(store.db, rule2022, callId);
    expect(first.municipalities).toBe(expected(municipalities).length);
    store.db.prepare("UPDATE indicator_values SET value = 99 WHERE indicator_code IN ('OJI', 'OMRT12') AND geo_code = ?").run(municipalities[0]);
    const second = earmark(store.db, rule2022, callId);
    expect(second.designationId).toBe(first.designationId);
    const members = store.db.prepare('SELECT geo_code FROM designation_members WHERE designation_id = ? ORDER BY geo_code').pluck().all(second.designationId);
    expect(members).toContain(municipalities[0]);
    expect(store.db.prepare('SELECT earmark_designation_id FROM grant_calls WHERE id = ?').pluck().get(callId)).toBe(first.designationId);
    // The ordinance's list is not a rule's to replace.
    expect(() => earmark(store.db, { ...rule2022, name: 'Förordning (2018:151)' }, callId)).toThrow(/no rule made/);
    expect(store.db.prepare("SELECT count(*) FROM designation_members m JOIN designations d ON d.id = m.designation_id WHERE d.name = 'Förordning (2018:151)'").pluck().get()).toBe(32);
    store.close();
  });
});

function grantlens(...args: string[]) {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, GRANTLENS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grantlens import indicators and designate', () => {
  it('imports with a summary, exits 2 when a row was rejected, and designates from a rule file', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.sqlite');
    const good = join(dir, 'varden.csv');
    writeFileSync(good, 'Indikator;Kommun;År;Värde\nOJI;0180;2022;3,5\nOJI;1280;2022;4,5\nOJI;0114;2022;1,0\n');
    const dry = grantlens('import', 'indicators', good, '--db', db, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, inserted: 3 });
    const real = grantlens('import', 'indicators', good, '--db', db);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/written: 3 rows, 3 accepted, 0 rejected; 3 inserted/);

    const bad = join(dir, 'fel.csv');
    writeFileSync(bad, 'Indikator;Kommun;År;Värde\nOJI;9999;2022;3,5\n');
    const rejected = grantlens('import', 'indicators', bad, '--db', db, '--strict');
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toMatch(/abandoned[\s\S]*row 2 \(Kommun\): unknown geography code "9999"/);

    expect(grantlens('import', 'indicators', good, '--db', db, '--format', 'pdf').code).toBe(1);
    expect(grantlens('import', 'things', good, '--db', db).code).toBe(1);

    const ruleFile = join(dir, 'regel.json');
    writeFileSync(ruleFile, JSON.stringify({ name: 'x', combine: 'and', conditions: [{ indicator: 'OJI', period: 2022, comparison: '>=', threshold: { kind: 'fixed', value: 3 } }] }));
    const designate = grantlens('designate', '--db', db, '--rule', ruleFile, '--format', 'csv');
    expect(designate.code).toBe(0);
    expect(designate.stdout.replace('\uFEFF', '').trim().split('\r\n')).toEqual(['Kommunkod;Kommun;OJI 2022 T', '0180;Stockholm;3,5', '1280;Malmö;4,5']);
    writeFileSync(ruleFile, JSON.stringify({ name: 'x', combine: 'maybe', conditions: [] }));
    expect(grantlens('designate', '--db', db, '--rule', ruleFile).code).toBe(2);
  });

  it('reads a CSV file of 8 MB or more in the parse worker bundled beside it, rejects reported by row', () => {
    const dir = tempDir();
    const lines = ['Indikator;Kommun;År;Kön;Värde'];
    const store = openStore(join(dir, 'codes.sqlite'), { resourcesDir });
    const municipalities = store.db.prepare("SELECT code FROM geographies WHERE level = 'municipality'").pluck().all() as string[];
    store.close();
    for (const indicator of ['N00914', 'AM0207AC']) {
      for (let year = 1900; year <= 2100; year++) for (const code of municipalities) for (const sex of ['T', 'K', 'M']) lines.push(`${indicator};${code};${year};${sex};${year % 100},5`);
    }
    lines.push('N00914;9999;2020;T;1,0');
    const big = join(dir, 'stor.csv');
    writeFileSync(big, `${lines.join('\n')}\n`);
    expect(statSync(big).size).toBeGreaterThan(8 * 2 ** 20);
    const result = grantlens('import', 'indicators', big, '--db', join(dir, 'cli.sqlite'), '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    const summary = JSON.parse(result.stdout) as ImportSummary;
    expect(summary).toMatchObject({ rows: lines.length - 1, inserted: lines.length - 2, rejected: 1 });
    expect(summary.rejects).toEqual([expect.objectContaining({ row: lines.length, code: 'geographyUnknown' })]);
  });
});

describe('the 2022 rule on demo data', () => {
  it('singles out mostly municipalities of the ordinance’s 32, as the demo’s disadvantage drives both', () => {
    const store = openStore(join(tempDir(), 'demo.sqlite'), { resourcesDir });
    generateDemo({ store, progress: () => {} }, { seed: 2021, scale: 1, today: DEMO_BASE_DAY });
    const qualifying = runRule(store.db, rule2022).rows.filter((row) => row.qualifies);
    expect(qualifying.length).toBeGreaterThan(5);
    expect(qualifying.length).toBeLessThan(60);
    const designated = new Set(store.db.prepare('SELECT geo_code FROM designation_members').pluck().all() as string[]);
    expect(qualifying.filter((row) => designated.has(row.code)).length / qualifying.length).toBeGreaterThan(0.5);
    store.close();
  });
});
