import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFolder } from '../../main/store/backup';
import { openStore } from '../../main/store/open-store';
import { benchValueKeys, writeLongCsv } from '../../bench/indicator-file';
import { builtFile } from '../support/built';
import { grantlensSync } from '../support/grantlens-cli';
import { fillIndicatorValues, resourcesWithoutLastMigration } from '../support/older-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

// A child process SIGKILLed at random moments (at least 20 per case) during a demo build, a backup,
// a restore, a migration, a register import and an indicator import (read in the parse worker) must leave a store that opens, passes integrity_check and holds all
// of that work or none of it. The moments are drawn from a seeded generator, and the seed is in
// each test's name, so a failure can be replayed.

const tempDir = useTempDir();
const RUNS = Number(process.env.GRANTLENS_CRASH_RUNS ?? 20);
const SEED = Number(process.env.GRANTLENS_CRASH_SEED ?? 20261201);

/** mulberry32: small, seedable, good enough to spread kill moments. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  /** Exit code; null when the kill came first. */
  code: number | null;
  killed: boolean;
  /** From the moment the work began (the marker appeared) to the end of the process. */
  workMs: number;
}

/** True once the command has begun its work: a file it makes first has appeared. */
type Marker = () => boolean;

const MARKER_POLL_MS = 2;

/**
 * Runs the built CLI and SIGKILLs it `killAfterMs` after `marker` first holds, unless it is done
 * first. Timing from the marker, not from the spawn, leaves out starting Node and loading the
 * bundle, which on a busy machine vary more than the work itself lasts.
 */
function runKilled(args: string[], marker: Marker, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtFile('main/cli.js'), ...args], { stdio: 'ignore', env: { ...process.env, GRANTLENS_DB: '' } });
    let began: number | null = null;
    let killed = false;
    let timer: NodeJS.Timeout | null = null;
    const poll = setInterval(() => {
      if (began !== null || !marker()) return;
      began = performance.now();
      clearInterval(poll);
      if (killAfterMs !== null) timer = setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs);
    }, MARKER_POLL_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ code, killed: killed && code === null, workMs: began === null ? 0 : performance.now() - began });
    });
  });
}

/** The store's write-ahead log exists: a command has opened the store (its import starts right after). */
const opened = (path: string): Marker => () => existsSync(`${path}-wal`);

/** A temporary file of the atomic writer in `folder`: a backup or a swap has begun. */
const writingIn = (folder: string): Marker => () => existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.tmp'));

function removeTemporaryFiles(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.tmp'))) rmSync(join(folder, name), { force: true });
}

/**
 * Runs `once` killed at random moments of its work until it has been killed RUNS times, checking
 * the store after each run. The moments are spread over the work as the first run measured it, a
 * run that ended before its kill narrowing the spread.
 */
async function killRepeatedly(seed: number, once: (killAfterMs: number | null) => Promise<Run>, check: () => void): Promise<void> {
  const measured = await once(null);
  expect(measured.code).toBe(0);
  check();
  let spread = Math.max(measured.workMs, MARKER_POLL_MS);
  const next = random(seed);
  let kills = 0;
  for (let attempt = 0; kills < RUNS && attempt < RUNS * 3; attempt++) {
    const run = await once(next() * spread);
    if (run.killed) kills++;
    else {
      expect(run.code).toBe(0);
      spread = Math.max(Math.min(spread, run.workMs), MARKER_POLL_MS);
    }
    check();
  }
  expect(kills).toBe(RUNS);
}

function readStore<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The store opens as any store would (recovering its log, finishing a migration) and passes the full check. */
function expectSound(path: string): void {
  openStore(path, { resourcesDir }).close();
  expect(readStore(path, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
}

// One demo store for the backup and restore cases, outside the per-test folders (removed after each test).
let demoDir = '';
let demoStore = '';
beforeAll(() => {
  demoDir = mkdtempSync(join(tmpdir(), 'grantlens-crash-'));
  demoStore = join(demoDir, 'demo.sqlite');
  expect(grantlensSync('demo', '--db', demoStore, '--seed', '5').code).toBe(0);
});
afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

describe(`SIGKILL at random moments (${RUNS} per case, seed ${SEED})`, () => {
  it('during the demo build: the store holds the whole demo or none of it', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    let run = 0;
    let path = '';
    await killRepeatedly(
      SEED,
      (moment) => {
        path = join(dir, `demo-${run++}.sqlite`);
        const store = path;
        return runKilled(['demo', '--db', store, '--seed', '5'], () => existsSync(store), moment);
      },
      () => {
        expectSound(path);
        expect([0, 1504]).toContain(readStore(path, (db) => count(db, 'applications')));
        rmSync(path, { force: true });
      },
    );
  });

  it('during a backup: the store is unchanged and every backup in the folder is a whole store', { timeout: 300_000 }, async () => {
    const path = join(tempDir(), 'store.sqlite');
    copyFileSync(demoStore, path);
    await killRepeatedly(
      SEED + 1,
      (moment) => runKilled(['backup', '--db', path], writingIn(backupFolder(path)), moment),
      () => {
        expectSound(path);
        expect(readStore(path, (db) => count(db, 'applications'))).toBe(1504);
        // A killed writer leaves its temporary file (and only that); it would mark the next run as begun.
        removeTemporaryFiles(backupFolder(path));
      },
    );
    const backups = readdirSync(backupFolder(path)).filter((name) => name.endsWith('.sqlite'));
    expect(backups.length).toBeGreaterThan(0);
    for (const name of backups) {
      const copy = join(backupFolder(path), name);
      expect(readStore(copy, (db) => db.pragma('integrity_check', { simple: true })), name).toBe('ok');
      expect(readStore(copy, (db) => count(db, 'applications')), name).toBe(1504);
    }
  });

  it('during a restore: the store is the one before or the restored one, never a mix', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    copyFileSync(demoStore, path);
    const copy = join(dir, 'copy.sqlite');
    expect(grantlensSync('backup', '--db', path, '--out', copy).code).toBe(0);
    const restored = readStore(copy, (db) => count(db, 'organisations'));
    const change = () => {
      const db = new Database(path);
      db.prepare("INSERT INTO organisations (name, type) VALUES ('Efter kopian', 'other')").run();
      db.close();
    };
    await killRepeatedly(
      SEED + 2,
      (moment) => {
        // Each run starts from a store that differs from the copy.
        change();
        return runKilled(['restore', '--db', path, '--from', copy], writingIn(backupFolder(path)), moment);
      },
      () => {
        expectSound(path);
        expect([restored, restored + 1]).toContain(readStore(path, (db) => count(db, 'organisations')));
        expect(readStore(path, (db) => count(db, 'applications'))).toBe(1504);
        rmSync(backupFolder(path), { recursive: true, force: true });
        removeTemporaryFiles(dir);
        // Back to the copy's content, so the next change makes it differ by one again.
        const db = new Database(path);
        db.prepare("DELETE FROM organisations WHERE name = 'Efter kopian'").run();
        db.close();
      },
    );
  });

  it('during a migration: the store is at the old version or the new one, with all its values', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const prepared = join(dir, 'prepared.sqlite');
    const store = openStore(prepared, { resourcesDir: resourcesWithoutLastMigration(dir) });
    const oldVersion = store.schemaVersion;
    // Enough indicator values that the migration (which rebuilds their table) takes a while.
    const values = fillIndicatorValues(store.db, 2012);
    store.close();
    expect(values).toBeGreaterThan(50_000);

    let run = 0;
    let path = '';
    await killRepeatedly(
      SEED + 3,
      (moment) => {
        path = join(dir, `migrating-${run++}.sqlite`);
        copyFileSync(prepared, path);
        return runKilled(['info', '--db', path], writingIn(backupFolder(path)), moment);
      },
      () => {
        // As the crash left it: one version or the other, its record matching, every value there.
        const left = readStore(path, (db) => ({
          version: db.pragma('user_version', { simple: true }) as number,
          recorded: count(db, 'schema_migrations'),
          values: count(db, 'indicator_points'),
          integrity: db.pragma('integrity_check', { simple: true }),
        }));
        expect([oldVersion, oldVersion + 1]).toContain(left.version);
        expect(left).toMatchObject({ recorded: left.version, values, integrity: 'ok' });
        expectSound(path);
        expect(readStore(path, (db) => count(db, 'indicator_points'))).toBe(values);
        rmSync(path, { force: true });
        rmSync(backupFolder(path), { recursive: true, force: true });
      },
    );
  });

  it('during a register import: the store holds every imported application or none', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'ansokningar.csv');
    expect(grantlensSync('export', 'applications', '--db', demoStore, '--out', file).code).toBe(0);
    let run = 0;
    let path = '';
    await killRepeatedly(
      SEED + 4,
      (moment) => {
        // An empty store each time, so the whole register is new and the import is the work.
        path = join(dir, `import-${run++}.sqlite`);
        openStore(path, { resourcesDir }).close();
        return runKilled(['import', 'applications', file, '--db', path], opened(path), moment);
      },
      () => {
        expectSound(path);
        const left = readStore(path, (db) => ({ applications: count(db, 'applications'), years: count(db, 'application_years'), log: count(db, 'audit_log') }));
        if (left.applications === 0) expect(left).toEqual({ applications: 0, years: 0, log: 0 });
        else expect(left.applications).toBe(1504);
        rmSync(path, { force: true });
      },
    );
  });

  it('during an indicator import read in the parse worker: the store holds every value or none', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const prepared = join(dir, 'prepared.sqlite');
    const store = openStore(prepared, { resourcesDir });
    const { indicators, places } = benchValueKeys(store.db, 10);
    store.close();
    const file = join(dir, 'varden.csv');
    const values = 340_000;
    await writeLongCsv(file, values, indicators, places);
    // The CLI hands a CSV of 8 MiB or more to its parse worker.
    expect(statSync(file).size).toBeGreaterThan(8 * 2 ** 20);
    let run = 0;
    let path = '';
    await killRepeatedly(
      SEED + 5,
      (moment) => {
        path = join(dir, `values-${run++}.sqlite`);
        copyFileSync(prepared, path);
        return runKilled(['import', 'indicators', file, '--db', path], opened(path), moment);
      },
      () => {
        expectSound(path);
        const left = readStore(path, (db) => ({ points: count(db, 'indicator_points'), imports: count(db, 'indicator_imports') }));
        expect([{ points: 0, imports: 0 }, { points: values, imports: 1 }]).toContainEqual(left);
        rmSync(path, { force: true });
      },
    );
  });
});
