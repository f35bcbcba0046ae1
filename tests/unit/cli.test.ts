import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_REJECTS } from '../../main/contract/domains/imports';
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

  // The build (a plugin in electron.vite.config.ts) sets the bit that `npm install` set and each build used to drop.
  it.skipIf(process.platform === 'win32')('is executable as built, so `npx grantlens` runs it by its #! line', () => {
    const cli = builtFile('main/cli.js');
    expect(statSync(cli).mode & 0o111).toBe(0o111);
    const result = spawnSync(cli, ['--help'], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: grantlens <command>/);
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
    [['import', 'areas', 'a.csv', '--db', 'x.sqlite', '--format', 'xlsx'], /--format is not an option of import areas/],
    [['import', 'definitions', 'd.csv', '--db', 'x.sqlite', '--mapping', 'm.json'], /--mapping is not an option of import definitions/],
    [['import', 'applications', 'a.csv', '--db', 'x.sqlite', '--format', 'csv'], /--format is not an option of import applications/],
    [['export', 'applications', '--db', 'x.sqlite', '--out', 'e.csv', '--strict'], /--strict is not an option of export applications/],
    [['designate', '--db', 'x.sqlite', '--rule', 'r.json', '--out', 'e.csv'], /--out is not an option of designate/],
    [['demo', '--db', 'x.sqlite', '--dry-run'], /--dry-run is not an option of demo/],
    [['import', 'areas', '--db', 'x.sqlite'], /import areas needs a FILE/],
    [['import', 'maps', 'm.json'], /import what\? indicators or areas or definitions or applications or organisations or decisions, not "maps"/],
    [['export', 'organisations'], /export what\? applications, not "organisations"/],
  ])('exits 1 with a one-line reason on a usage error: %j', (args, reason) => {
    const { code, stderr } = grantlens(...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints one command\'s usage with COMMAND --help', () => {
    const { code, stdout } = grantlens('import', 'areas', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: grantlens import areas FILE/);
    expect(stdout).not.toMatch(/import indicators/);
  });

  it('delivers every byte of a multi-megabyte answer into a pipe, whatever reads it', () => {
    const dir = tempDir();
    const file = join(dir, 'areas.csv');
    const rows = 40_000;
    // Two reasons by turns, so the import reads to the end; long codes, so its 10,000 listed rejects run to megabytes.
    writeFileSync(file, `kod\n${Array.from({ length: rows }, (_, i) => (i % 2 ? '9999R001' : `NOT-AN-AREA-${i}-${'X'.repeat(400)}`)).join('\n')}\n`);
    // A second Node process reads the pipe to its end and parses it, as `| jq` or `| wc -c` would.
    const reader = 'let t = "";process.stdin.setEncoding("utf8").on("data", (c) => (t += c)).on("end", () => { const s = JSON.parse(t); console.log(t.length, s.rejected, s.rejects.length); })';
    const result = spawnSync('sh', ['-c', '"$0" "$1" import areas "$2" --db "$3" --json | "$0" -e "$4"', process.execPath, builtFile('main/cli.js'), file, join(dir, 's.sqlite'), reader], {
      encoding: 'utf8',
      env: { ...process.env, GRANTLENS_DB: '' },
    });
    expect(result.stderr).toBe('');
    const [length, rejected, listed] = result.stdout.trim().split(' ').map(Number);
    expect(length).toBeGreaterThan(2_000_000);
    expect(rejected).toBe(rows);
    expect(listed).toBe(MAX_LISTED_REJECTS);
  });

  it('stops quietly when the reader of its pipe goes away, as under `| head`', () => {
    const dir = tempDir();
    const file = join(dir, 'areas.csv');
    writeFileSync(file, `kod\n${Array.from({ length: 40_000 }, (_, i) => (i % 2 ? '9999R001' : `NOT-AN-AREA-${i}`)).join('\n')}\n`);
    const result = spawnSync('sh', ['-c', '"$0" "$1" import areas "$2" --db "$3" --json | head -c 100 > /dev/null', process.execPath, builtFile('main/cli.js'), file, join(dir, 's.sqlite')], {
      encoding: 'utf8',
      env: { ...process.env, GRANTLENS_DB: '' },
    });
    expect(result.stderr).toBe('');
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
