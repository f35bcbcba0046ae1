import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../support/built';
import { repoRoot, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const fixture = join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv');

function grantlens(...args: string[]) {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, GRANTLENS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grantlens import applications / export applications', () => {
  it('imports valid rows, reports the rejected one and exits 2; --json prints one summary object', () => {
    const db = join(tempDir(), 'store.sqlite');
    const dry = grantlens('import', 'applications', fixture, '--db', db, '--dry-run', '--json');
    expect(dry.code).toBe(2);
    // Scripts match on the reject's code; its values are there to name what was wrong.
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      accepted: 2,
      rejected: 1,
      inserted: 2,
      rejects: [{ row: 3, field: 'Organisationsnummer', code: 'orgNumberInvalid', params: { text: '802400-0000' } }],
    });
    const strict = grantlens('import', 'applications', fixture, '--db', db, '--strict', '--json');
    expect(JSON.parse(strict.stdout)).toMatchObject({ abandoned: true });
    const real = grantlens('import', 'applications', fixture, '--db', db);
    expect(real.code).toBe(2);
    expect(real.stdout).toMatch(/2 inserted/);
    expect(real.stdout).toMatch(/row 3 \(Organisationsnummer\): "802400-0000"/);
    const again = grantlens('import', 'applications', fixture, '--db', db, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('takes --mapping FILE for other column names and exits 0 when every row is accepted', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'Dnr;Vem;Orgnr;Slag;Året;Pengar;Fas\n2024-1;Malmö stad;212000-1124;Kommun;2024;10 000;Plan\n');
    writeFileSync(join(dir, 'map.json'), JSON.stringify({ caseNumber: 'Dnr', organisation: 'Vem', orgNumber: 'Orgnr', applicantType: 'Slag', firstYear: 'Året', requestedOre: 'Pengar', stage: 'Fas' }));
    const result = grantlens('import', 'applications', join(dir, 'a.csv'), '--db', join(dir, 's.sqlite'), '--mapping', join(dir, 'map.json'));
    expect(result.code).toBe(0);
    expect(grantlens('import', 'applications', join(dir, 'a.csv'), '--db', join(dir, 's.sqlite'), '--mapping', join(dir, 'nope.json')).code).toBe(1);
  });

  it('exports what it imported, and the export imports back unchanged', () => {
    const dir = tempDir();
    const db = join(dir, 'store.sqlite');
    expect(grantlens('demo', '--db', db, '--seed', '4').code).toBe(0);
    const out = join(dir, 'out.csv');
    const exported = grantlens('export', 'applications', '--db', db, '--out', out, '--sort', 'requestedOre:desc');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/1\s504 applications exported/);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('\uFEFFDiarienummer;Titel;Sökande;Organisationsnummer;Typ;Kommun;Län;Utlysning;År;Sista år;Steg;Status;Sökt belopp;Beviljat belopp;Utvärdering;Inkommen');
    const back = grantlens('import', 'applications', out, '--db', db, '--dry-run', '--json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ rows: 1504, unchanged: 1504, inserted: 0, updated: 0, rejected: 0 });
    expect(grantlens('export', 'applications', '--db', db, '--out', out, '--sort', 'summary').code).toBe(1);
  });
});
