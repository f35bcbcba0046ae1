import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/open-store';
import { builtFile } from '../support/built';
import { portfolio, storeWithKnownEffect } from '../support/evaluation-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function grantlens(...args: string[]) {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, GRANTLENS_DB: '' }, cwd: tempDir() });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function knownEffectStore(): string {
  const path = join(tempDir(), 'effect.sqlite');
  const store = openStore(path, { resourcesDir });
  storeWithKnownEffect(store.db);
  store.close();
  return path;
}

describe('grantlens evaluation did', () => {
  it('prints cells, event times and the overall effect as the issue’s JSON', () => {
    const db = knownEffectStore();
    const { code, stdout } = grantlens('evaluation', 'did', '--db', db, '--indicator', 'N00914', '--format', 'json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      indicator: string;
      cells: { cohort: number; year: number; att: number; se: number; treated: number; comparison: number }[];
      event: { e: number; att: number; se: number }[];
      overall: { att: number; se: number };
    };
    expect(result.indicator).toBe('N00914');
    expect(result.cells[0]).toMatchObject({ cohort: 2019, year: 2017, treated: 12, comparison: 36 });
    expect(result.cells.find((cell) => cell.cohort === 2021 && cell.year === 2023)!.att).toBeCloseTo(2, 9);
    expect(result.event.find((row) => row.e === 0)).toMatchObject({ e: 0, att: expect.closeTo(1, 9), se: expect.any(Number) });
    expect(result.overall.att).toBeCloseTo(2, 9);
  });

  it('narrows the grants and switches the comparison, and writes Swedish CSV', () => {
    const db = knownEffectStore();
    const csv = grantlens('evaluation', 'did', '--db', db, '--indicator', 'N00914', '--control', 'notyet', '--programme', 'Delmos', '--follow-research', '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Rad;Kohort;År;Basår;Händelsetid;ATT;Medelfel;Nedre 95 %;Övre 95 %;Behandlade;Jämförelse;Saknar värde');
    const fields = (start: string) => lines.find((line) => line.startsWith(start))!.split(';');
    const figure = (text: string) => Number(text.replace(',', '.'));
    // Not yet treated: in 2019 the 12 places of the 2021 cohort join the 36 never treated.
    const cell = fields('cell;2019;2019;');
    expect(cell.slice(3, 5)).toEqual(['2018', '0']);
    expect(figure(cell[5]!)).toBeCloseTo(1, 9);
    expect(cell.slice(9)).toEqual(['12', '48', '0']);
    expect(figure(fields('overall;')[5]!)).toBeCloseTo(2, 9);
  });

  it('speaks plain text by default, and refuses what it does not know', () => {
    const db = knownEffectStore();
    const text = grantlens('evaluation', 'did', '--db', db, '--indicator', 'N00914');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/25 grants count; 60 places with values, 36 never treated/);
    expect(text.stdout).toMatch(/ATT\(2021,2021\) 1,0000/);
    expect(grantlens('evaluation', 'did', '--db', db)).toMatchObject({ code: 1, stderr: expect.stringMatching(/needs --indicator/) });
    expect(grantlens('evaluation', 'did', '--db', db, '--indicator', 'N00914', '--sex', 'X')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--sex takes T, K, M/) });
    expect(grantlens('evaluation', 'frob', '--db', db)).toMatchObject({ code: 1, stderr: expect.stringMatching(/evaluation what\?/) });
    expect(grantlens('evaluation', 'did', '--db', db, '--indicator', 'NOPE')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no indicator NOPE/) });
  });
});

describe('grantlens evaluation status', () => {
  function portfolioStore(): string {
    const path = join(tempDir(), 'portfolio.sqlite');
    const store = openStore(path, { resourcesDir });
    portfolio(store.db);
    store.close();
    return path;
  }

  it('lists each multi-year grant with its status id and reason, as JSON, CSV and text', () => {
    const db = portfolioStore();
    const json = grantlens('evaluation', 'status', '--db', db, '--today', '2026-01-10', '--format', 'json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { counts: Record<string, number>; grants: { status: string; reasons: { code: string; text: string }[] }[] };
    expect(result.counts).toEqual({ on_track: 1, at_risk: 1, late: 1, completed: 1 });
    expect(result.grants.map((grant) => grant.status).sort()).toEqual(['at_risk', 'completed', 'late', 'on_track']);
    expect(result.grants.find((grant) => grant.status === 'late')!.reasons[0]).toMatchObject({
      code: 'milestone_overdue',
      text: 'Milestone “Intervjustudie” was due 2025-12-15 (26 days late).',
    });

    const csv = grantlens('evaluation', 'status', '--db', db, '--today', '2026-01-10', '--format', 'csv');
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Diarienummer;Titel;Första år;Sista år;Följeforskning;Status;Skäl;Skälkod');
    expect(lines.slice(1).map((line) => line.split(';').at(-1)).sort()).toEqual(['all_done', 'indicator_against_target', 'milestone_overdue', 'on_schedule']);

    const text = grantlens('evaluation', 'status', '--db', db, '--today', '2026-01-10');
    expect(text.stdout).toMatch(/4 multi-year grants on 2026-01-10: 1 on track, 1 at risk, 1 late, 1 completed/);
    // The UI's English, from the contract's one vocabulary: the indicator by its name.
    expect(text.stdout).toMatch(/at_risk {2}Indicator .+ \(N00914\) in .+ is moving away from its target\./);
    expect(grantlens('evaluation', 'status', '--db', db, '--today', '10/1/2026')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--today takes a date/) });
  });
});

describe('grantlens evaluation report', () => {
  it('writes one grant’s or the whole portfolio’s report as HTML, Swedish unless --lang en', () => {
    const path = join(tempDir(), 'report.sqlite');
    const store = openStore(path, { resourcesDir });
    const ids = portfolio(store.db);
    const caseNumber = store.db.prepare('SELECT case_number FROM applications WHERE id = ?').pluck().get(ids.onTrack) as string;
    store.close();
    const one = join(tempDir(), 'en.html');
    expect(grantlens('evaluation', 'report', '--db', path, '--grant', caseNumber, '--out', one, '--today', '2026-01-10')).toMatchObject({ code: 0, stdout: expect.stringMatching(/report of 1 grant written/) });
    expect(readFileSync(one, 'utf8')).toContain('71,5 (2025)');
    const all = join(tempDir(), 'alla.html');
    expect(grantlens('evaluation', 'report', '--db', path, '--all', '--out', all, '--lang', 'en', '--today', '2026-01-10')).toMatchObject({ code: 0, stdout: expect.stringMatching(/report of 4 grants/) });
    expect(readFileSync(all, 'utf8')).toContain('Evaluations – portfolio report');
    expect(grantlens('evaluation', 'report', '--db', path, '--out', all)).toMatchObject({ code: 1, stderr: expect.stringMatching(/--grant CASE or --all/) });
    expect(grantlens('evaluation', 'report', '--db', path, '--grant', 'X-1', '--out', all)).toMatchObject({ code: 2, stderr: expect.stringMatching(/no application X-1/) });
  });
});
