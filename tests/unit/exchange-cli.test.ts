import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../support/built';
import { grantlensSync } from '../support/grantlens-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** The built CLI with a passphrase in its environment (or none), stdin not a terminal. */
function grantlens(passphrase: string | undefined, ...args: string[]) {
  const env = { ...process.env, GRANTLENS_DB: '', GRANTLENS_PASSPHRASE: passphrase ?? '' };
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], { encoding: 'utf8', env, input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grantlens exchange', () => {
  it('exports a package and merges it into another store, the passphrase from the environment only', () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    expect(grantlensSync('demo', '--db', a, '--scale', '1').code).toBe(0);
    const b = join(dir, 'b.sqlite');
    copyFileSync(a, b);
    const file = join(dir, 'register.glx');

    const exported = grantlens('korrekt häst batteri', 'exchange', 'export', '--db', a, '--scope', 'register', '--out', file);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported {2}[\d\s]+ records \(register\)/);

    const preview = grantlens('korrekt häst batteri', 'exchange', 'import', file, '--db', b, '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^would merge/);
    const merged = grantlens('korrekt häst batteri', 'exchange', 'import', file, '--db', b, '--json');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ scope: 'register', inserted: 0, updated: 0, conflicts: [], rejected: [] });

    const wrong = grantlens('fel lösenfras helt och hållet', 'exchange', 'import', file, '--db', b);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/does not open with this passphrase/);
    expect(wrong.stderr).not.toContain('fel lösenfras');

    // Never an argument, and with neither the variable nor a terminal, a usage error.
    const asArgument = grantlens(undefined, 'exchange', 'import', file, '--db', b, '--passphrase', 'korrekt häst batteri');
    expect(asArgument.code).toBe(1);
    expect(asArgument.stderr).toMatch(/--passphrase/);
    const none = grantlens(undefined, 'exchange', 'import', file, '--db', b);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/GRANTLENS_PASSPHRASE/);
  });

  it('exports the indicators given by --indicator, repeated or as a list', () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    expect(grantlensSync('demo', '--db', a, '--scale', '1').code).toBe(0);
    const b = join(dir, 'b.sqlite');
    copyFileSync(a, b);
    const file = join(dir, 'indicators.glx');
    const exported = grantlens('korrekt häst batteri', 'exchange', 'export', '--db', a, '--scope', 'indicators', '--indicator', 'N00914,OJI', '--indicator', 'AM0207AC', '--out', file, '--json');
    expect(exported.stderr).toBe('');
    const result = JSON.parse(exported.stdout) as { records: number; values: number };
    // The three definitions (the demo's values come from no import).
    expect(result.records).toBe(3);
    expect(result.values).toBeGreaterThan(0);
    const merged = grantlens('korrekt häst batteri', 'exchange', 'import', file, '--db', b, '--json');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ scope: 'indicators', values: result.values, valuesInserted: 0, valuesUpdated: 0, conflicts: [] });

    const wrongScope = grantlens('korrekt häst batteri', 'exchange', 'export', '--db', a, '--scope', 'register', '--indicator', 'OJI', '--out', file);
    expect(wrongScope.code).toBe(1);
    expect(wrongScope.stderr).toMatch(/--scope indicators/);
  });

  it('asks for a grant with the evaluation scope', () => {
    const result = grantlens('korrekt häst batteri', 'exchange', 'export', '--db', join(tempDir(), 'x.sqlite'), '--scope', 'evaluation', '--out', join(tempDir(), 'x.glx'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--grant CASE/);
  });
});
