import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../support/built';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function grantlens(...args: string[]) {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, GRANTLENS_DB: '' },
    // Relative paths in the usage-error cases must land in a throwaway folder, not the checkout.
    cwd: tempDir(),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the grantlens command', () => {
  it('prints its usage with --help', () => {
    const { code, stdout } = grantlens('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: grantlens <command>/);
    expect(stdout).toMatch(/demo --db FILE/);
  });

  it('creates a new store with its reference geography when --db names a file that does not exist', () => {
    const db = join(tempDir(), 'sub', 'fresh.sqlite');
    const { code, stdout } = grantlens('info', '--db', db);
    expect(code).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect(stdout).toMatch(/schema version\s+\d+/);
    expect(stdout).toMatch(/geographies\s+312/);
    expect(stdout).toMatch(/applications\s+0/);
  });

  it('loads demo data and reports the counts, as text and as JSON', () => {
    const db = join(tempDir(), 'demo.sqlite');
    const demo = grantlens('demo', '--db', db, '--seed', '5');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/applications 1\s504/);
    const info = grantlens('info', '--db', db, '--json');
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout) as { counts: { table: string; rows: number }[]; schemaVersion: number };
    expect(parsed.counts.find((c) => c.table === 'applications')?.rows).toBe(1504);
  });

  it.each([
    [['frobnicate', '--db', 'x.sqlite'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['info', '--colour'], /Unknown option/],
    [['demo', '--db', 'x.sqlite', '--scale', 'many'], /--scale takes a whole number/],
    [['info', 'extra'], /unexpected argument "extra"/],
    [['info', '--db', 'x.sqlite', '--scale', '3'], /--scale is not an option of info/],
  ])('exits 1 with a one-line reason on a usage error: %j', (args, reason) => {
    const { code, stderr } = grantlens(...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on a data error: a file that is not a store, demo data into a full store', () => {
    const notAStore = join(tempDir(), 'notes.txt');
    writeFileSync(notAStore, 'not a database at all, just some notes\n'.repeat(10));
    const foreign = grantlens('info', '--db', notAStore);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/not a Grantlens store/);

    const db = join(tempDir(), 'full.sqlite');
    expect(grantlens('demo', '--db', db).code).toBe(0);
    const again = grantlens('demo', '--db', db);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/empty store/);
  });
});
