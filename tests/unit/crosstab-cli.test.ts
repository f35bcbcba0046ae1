import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { crosstabQuery } from '../../main/contract/domains/crosstab';
import { unwrap } from '../../main/contract/errors';
import { runCrosstab } from '../../main/domain/crosstab/run';
import { Services } from '../../main/services/services';
import { builtFile } from '../support/built';
import { crosstabStore, POPULATION } from '../support/crosstab-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function grantlens(...args: string[]) {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, GRANTLENS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grantlens crosstab', () => {
  it('lists the dimension and measure ids in --help', () => {
    const { stdout } = grantlens('--help');
    for (const id of ['area_type', 'has_evaluation', 'granted_sek_per_capita', 'indicator_change']) expect(stdout).toContain(id);
  });

  it('prints what the engine gives, to the öre: JSON one object per cell, CSV and XLSX the table with its totals', async () => {
    const dir = tempDir();
    const store = crosstabStore(dir);
    const query = crosstabQuery.parse({ rows: ['county'], cols: ['year'], measures: ['granted_sek', 'approval_rate', 'granted_sek_per_capita'], population: POPULATION, filters: [{ dimension: 'stage', values: ['long_term', 'plan'] }] });
    const engine = runCrosstab(store.db, query);
    store.close();
    const db = join(dir, 'crosstab.sqlite');
    const args = ['crosstab', '--db', db, '--rows', 'county', '--cols', 'year', '--measure', 'granted_sek,approval_rate,granted_sek_per_capita', '--population', POPULATION, '--filter', 'stage=long_term,plan'];

    const json = grantlens(...args, '--format', 'json');
    expect(json.stderr).toBe('');
    const parsed = JSON.parse(json.stdout) as { cells: Record<string, unknown>[] };
    expect(parsed.cells).toHaveLength(engine.cells.length);
    const skane2021 = engine.cells.find((cell) => cell.key[0] === '12' && cell.key[1] === 2021 && !cell.total[0] && !cell.total[1])!;
    expect(parsed.cells).toContainEqual({
      county: '12',
      county_name: 'Skåne län',
      year: 2021,
      granted_sek: skane2021.values[0]! / 100,
      approval_rate: skane2021.values[1],
      granted_sek_per_capita: Math.round(skane2021.values[2]!) / 100,
    });
    const grand = engine.cells.at(-1)!;
    expect(parsed.cells.at(-1)).toEqual({ granted_sek: grand.values[0]! / 100, approval_rate: grand.values[1], granted_sek_per_capita: Math.round(grand.values[2]!) / 100 });

    const csv = grantlens(...args);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Län;2018 Beviljat belopp \(kr\);2018 Andel beviljade;/);
    expect(lines.at(-1)!.startsWith('Totalt;')).toBe(true);
    const kronor = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(grand.values[0]! / 100);
    expect(lines.at(-1)!.split(';').at(-3)).toBe(kronor);
    expect(lines.find((line) => line.startsWith('12 Skåne län;'))).toBeDefined();

    // In English the words change, the figures stay as they are.
    const english = grantlens(...args, '--language', 'en').stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(english[0]).toMatch(/^County;2018 Granted amount \(kr\);2018 Approval rate;/);
    expect(english.at(-1)).toBe(`Total;${lines.at(-1)!.slice('Totalt;'.length)}`);
    const refused = grantlens(...args, '--language', 'de');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--language takes sv or en');

    const out = join(dir, 'table.xlsx');
    expect(grantlens(...args, '--format', 'xlsx', '--out', out).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Korstabell')!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Totalt');
    expect(last.getCell(sheet.columnCount - 2).value).toBe(grand.values[0]! / 100);
  });

  it('runs a saved analysis by name or a share file with --analysis, and lists, exports and imports analyses', async () => {
    const dir = tempDir();
    crosstabStore(dir).close();
    const db = join(dir, 'crosstab.sqlite');
    const query = ['--rows', 'county', '--cols', 'year', '--measure', 'granted_sek,approval_rate', '--filter', 'stage=plan'];
    const direct = grantlens('crosstab', '--db', db, ...query);
    expect(direct.code).toBe(0);

    const services = new Services({ resourcesDir });
    services.open(db);
    unwrap(await services.call('analyses.save', { name: 'Plan per län', query: { rows: ['county'], cols: ['year'], measures: ['granted_sek', 'approval_rate'], filters: [{ dimension: 'stage', values: ['plan'] }] } }));
    services.close();

    expect(grantlens('crosstab', '--db', db, '--analysis', 'Plan per län')).toMatchObject({ code: 0, stdout: direct.stdout });
    expect(grantlens('analyses', 'list', '--db', db).stdout).toMatch(/^Plan per län {2}county × year: granted_sek, approval_rate stage=plan {2}\(/);
    const file = join(dir, 'plan.json');
    expect(grantlens('analyses', 'export', 'Plan per län', '--db', db, '--out', file).code).toBe(0);
    expect(grantlens('crosstab', '--db', db, '--analysis', file)).toMatchObject({ code: 0, stdout: direct.stdout });

    const other = join(dir, 'other.sqlite');
    expect(grantlens('analyses', 'import', file, '--db', other).stdout).toMatch(/^imported {2}Plan per län {2}/);
    expect(grantlens('analyses', 'import', file, '--db', other).stdout).toMatch(/^imported {2}Plan per län \(2\)/);
    expect(JSON.parse(grantlens('analyses', 'list', '--db', other, '--json').stdout).map((a: { name: string }) => a.name)).toEqual(['Plan per län', 'Plan per län (2)']);

    const out = join(dir, 'plan.xlsx');
    expect(grantlens('crosstab', '--db', db, '--analysis', 'Plan per län', '--out', out).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(grantlens('crosstab', '--db', db, '--analysis', 'Plan per län', '--rows', 'county').code).toBe(1);
    expect(grantlens('crosstab', '--db', db, '--analysis', 'Ingen sådan')).toMatchObject({ code: 2, stderr: expect.stringMatching(/No saved analysis is called "Ingen sådan"/) });
    writeFileSync(join(dir, 'bad.json'), '{"format":"grantlens.analysis","version":1,"name":"x","query":{"rows":["nope"],"measures":["applications"]}}');
    expect(grantlens('crosstab', '--db', db, '--analysis', join(dir, 'bad.json')).code).toBe(2);
  });

  it('exits 2 with the reason when the combination has no meaning, 1 on a usage error', () => {
    const db = join(tempDir(), 'empty.sqlite');
    const refused = grantlens('crosstab', '--db', db, '--rows', 'indicator', '--measure', 'granted_sek');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/granted_sek cannot be broken down by indicator/);
    expect(grantlens('crosstab', '--db', db, '--rows', 'county').code).toBe(1);
    expect(grantlens('crosstab', '--db', db, '--rows', 'county', '--measure', 'applications', '--format', 'xlsx').code).toBe(1);
  });
});
