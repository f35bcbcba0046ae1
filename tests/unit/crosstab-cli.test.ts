import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { crosstabQuery } from '../../main/contract/domains/crosstab';
import { runCrosstab } from '../../main/domain/crosstab/run';
import { builtFile } from '../support/built';
import { crosstabStore, POPULATION } from '../support/crosstab-store';
import { useTempDir } from '../support/temp-dir';

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

    const out = join(dir, 'table.xlsx');
    expect(grantlens(...args, '--format', 'xlsx', '--out', out).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Korstabell')!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Totalt');
    expect(last.getCell(sheet.columnCount - 2).value).toBe(grand.values[0]! / 100);
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
