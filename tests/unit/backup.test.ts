import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BackupEntry, BackupList, RestoreResult, StoreInfo } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { Services } from '../../main/services/services';
import { writeAtomically } from '../../main/store/atomic-file';
import { backupFolder, backupStore, listBackups } from '../../main/store/backup';
import { latestVersion, loadMigrations } from '../../main/store/migrate';
import { openStore } from '../../main/store/open-store';
import { overwritePages } from '../support/damage';
import { grantlensSync } from '../support/grantlens-cli';
import { fillIndicatorValues } from '../support/older-store';
import { repoRoot, resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function addOrganisations(path: string, names: string[]): void {
  const db = new Database(path);
  const insert = db.prepare("INSERT INTO organisations (name, type) VALUES (?, 'non_profit')");
  for (const name of names) insert.run(name);
  db.close();
}

/** A store holding the named organisations, open in a Services of its own. */
function servicesOn(path: string, names: string[]): Services {
  openStore(path, { resourcesDir }).close();
  addOrganisations(path, names);
  const services = new Services({ resourcesDir });
  services.open(path);
  return services;
}

function readStore(path: string, table: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function organisations(info: StoreInfo | BackupEntry): number | undefined {
  return info.counts.find((count) => count.table === 'organisations')?.rows;
}

describe('the atomic write', () => {
  it('leaves the earlier complete file, and no temporary file, when the writer fails midway', async () => {
    const dir = tempDir();
    const target = join(dir, 'export.csv');
    writeFileSync(target, 'complete,earlier\n');
    await expect(
      writeAtomically(target, (temp) => {
        writeFileSync(temp, 'half of the new');
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(readFileSync(target, 'utf8')).toBe('complete,earlier\n');
    expect(readdirSync(dir)).toEqual(['export.csv']);
    await writeAtomically(target, (temp) => writeFileSync(temp, 'the new one\n'));
    expect(readFileSync(target, 'utf8')).toBe('the new one\n');
    expect(readdirSync(dir)).toEqual(['export.csv']);
  });
});

describe('backups', () => {
  it('keeps the last N of each kind, newest first, each a store that opens with the same rows', () => {
    const path = join(tempDir(), 'store.sqlite');
    const store = openStore(path, { resourcesDir });
    addOrganisations(path, ['Förening A', 'Förening B']);
    const policy = { daily: 2, beforeChange: 3 };
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 5; i++) backupStore(store.db, path, 'daily', { policy, now: new Date(base + i * 86_400_000) });
    for (let i = 0; i < 6; i++) backupStore(store.db, path, i % 2 ? 'manual' : 'before-import', { policy, now: new Date(base + i * 1000) });
    store.close();
    const backups = listBackups(path);
    expect(backups.filter((b) => b.reason === 'daily').map((b) => b.takenAt)).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z']);
    expect(backups.filter((b) => b.reason !== 'daily').map((b) => b.takenAt)).toEqual([
      '2026-01-01T00:00:05.000Z',
      '2026-01-01T00:00:04.000Z',
      '2026-01-01T00:00:03.000Z',
    ]);
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM organisations').get()).toEqual({ n: 2 });
    copy.close();
    // Only the backups: nothing half-written is left in the folder.
    expect(readdirSync(backupFolder(path)).sort()).toEqual(backups.map((b) => b.name).sort());
  });

  it('clear away what a copy killed midway left, once no writer can still be at it', () => {
    const path = join(tempDir(), 'store.sqlite');
    const store = openStore(path, { resourcesDir });
    addOrganisations(path, ['Förening A']);
    const now = new Date(Date.UTC(2026, 5, 1, 12));
    backupStore(store.db, path, 'manual', { now });
    const folder = backupFolder(path);
    const stale = join(folder, '.store.2026-06-01T09-00-00-000Z.manual.sqlite.4242.abcd.tmp');
    const fresh = join(folder, '.store.2026-06-01T11-59-00-000Z.manual.sqlite.4343.ef01.tmp');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    utimesSync(stale, new Date(now.getTime() - 3 * 3600_000), new Date(now.getTime() - 3 * 3600_000));
    utimesSync(fresh, new Date(now.getTime() - 60_000), new Date(now.getTime() - 60_000));
    backupStore(store.db, path, 'manual', { now: new Date(now.getTime() + 1000) });
    store.close();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(listBackups(path)).toHaveLength(2);
  });

  it('are listed with time, size and row counts, and restored over a changed store, which is backed up first', async () => {
    const path = join(tempDir(), 'store.sqlite');
    openStore(path, { resourcesDir }).close();
    addOrganisations(path, ['Förening A', 'Förening B']);
    const services = new Services({ resourcesDir });
    services.open(path);
    const made = unwrap<BackupEntry>(await services.call('backups.create', {}));
    expect(made).toMatchObject({ reason: 'manual', schemaVersion: expect.any(Number) });
    expect(made.bytes).toBeGreaterThan(0);
    expect(organisations(made)).toBe(2);
    // A daily copy once per day: the second ask on the same day takes none.
    expect(unwrap<BackupEntry | null>(await services.call('backups.create', { reason: 'daily' }))).toMatchObject({ reason: 'daily' });
    expect(unwrap<BackupEntry | null>(await services.call('backups.create', { reason: 'daily' }))).toBeNull();
    services.close();

    addOrganisations(path, ['Förening C']);
    services.open(path);
    const list = unwrap<BackupList>(await services.call('backups.list', {}));
    expect(list.folder).toBe(backupFolder(path));
    expect(list.backups.map((b) => b.reason).sort()).toEqual(['daily', 'manual']);
    const restored = unwrap<RestoreResult>(await services.call('backups.restore', { from: { backup: made.name } }));
    expect(organisations(restored.store)).toBe(2);
    expect(restored.safetyCopy).toMatchObject({ reason: 'before-restore' });
    expect(organisations(restored.safetyCopy!)).toBe(3);
    // The services carry on with the restored store.
    expect(organisations(unwrap<StoreInfo>(await services.call('store.info', {})))).toBe(2);
    services.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('restores a copy of a store in use with what is still in its log', async () => {
    const dir = tempDir();
    const live = join(dir, 'live.sqlite');
    const writer = openStore(live, { resourcesDir });
    // Held open and never checkpointed: the inserts are in live.sqlite-wal, not in live.sqlite.
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.db.prepare("INSERT INTO organisations (name, type) VALUES ('Bara i loggen', 'other')").run();
    const copy = join(dir, 'copy.sqlite');
    copyFileSync(live, copy);
    copyFileSync(`${live}-wal`, `${copy}-wal`);
    writer.close();
    const path = join(dir, 'store.sqlite');
    openStore(path, { resourcesDir }).close();
    const services = new Services({ resourcesDir });
    services.open(path);
    const restored = unwrap<RestoreResult>(await services.call('backups.restore', { from: { fileId: services.registerFile(copy).fileId } }));
    services.close();
    expect(organisations(restored.store)).toBe(1);
  });

  it('refuses to restore what is not a whole Grantlens store, and changes nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    const services = servicesOn(path, ['Förening A']);
    const good = unwrap<BackupEntry>(await services.call('backups.create', {}));
    const damaged = join(backupFolder(path), 'store.2026-01-01T00-00-00-000Z.manual.sqlite');
    copyFileSync(join(backupFolder(path), good.name), damaged);
    overwritePages(damaged, [3, 4]);
    const foreign = join(dir, 'notes.csv');
    writeFileSync(foreign, 'a;b\n1;2\n');
    // A copy from a newer Grantlens: its schema version past the latest this one knows.
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(join(backupFolder(path), good.name), newer);
    const known = latestVersion(loadMigrations(join(resourcesDir, 'migrations')));
    const bumped = new Database(newer);
    bumped.pragma(`user_version = ${known + 3}`);
    bumped.close();
    const empty = join(dir, 'empty.sqlite');
    new Database(empty).close();
    // Each refusal says why as a code the window words, not only in English.
    const attempts = [
      [{ backup: 'store.2026-01-01T00-00-00-000Z.manual.sqlite' }, { problem: 'damaged' }],
      [{ fileId: services.registerFile(foreign).fileId }, { problem: 'foreign' }],
      [{ backup: 'missing.sqlite' }, { problem: 'missing' }],
      [{ fileId: services.registerFile(newer).fileId }, { problem: 'newer', version: known + 3, knownVersion: known }],
      [{ fileId: services.registerFile(empty).fileId }, { problem: 'empty' }],
    ] as const;
    for (const [from, details] of attempts) {
      expect(await services.call('backups.restore', { from })).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID', details } });
    }
    expect(listBackups(path).map((b) => b.reason)).toEqual(['manual', 'manual']);
    expect(organisations(unwrap<StoreInfo>(await services.call('store.info', {})))).toBe(1);
    services.close();
  });

  it('are listed and restored for a store that no longer opens, as the offer to restore needs', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    const services = servicesOn(path, ['Förening A']);
    const made = unwrap<BackupEntry>(await services.call('backups.create', {}));
    services.close();
    overwritePages(path, [3, 5, 7]);

    expect(() => services.open(path)).toThrow(expect.objectContaining({ code: 'STORE_DAMAGED' }));
    // What needs the store answers with the refusal, naming the file: the window's cue to offer a restore.
    expect(await services.call('store.info', {})).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED', details: { path } } });
    expect(unwrap<BackupList>(await services.call('backups.list', {})).backups.map((b) => b.name)).toEqual([made.name]);
    const foreign = join(dir, 'notes.csv');
    writeFileSync(foreign, 'a;b\n');
    // A refused copy is the answer, not the damage the store already had.
    expect(await services.call('backups.restore', { from: { fileId: services.registerFile(foreign).fileId } })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_INVALID' },
    });
    const restored = unwrap<RestoreResult>(await services.call('backups.restore', { from: { backup: made.name } }));
    expect(organisations(restored.store)).toBe(1);
    expect(organisations(unwrap<StoreInfo>(await services.call('store.info', {})))).toBe(1);
    services.close();
  });

  it('never restore over a file that is no Grantlens store, refused when nothing else is open', async () => {
    const dir = tempDir();
    const services = servicesOn(join(dir, 'store.sqlite'), ['Förening A']);
    const made = unwrap<BackupEntry>(await services.call('backups.create', {}));
    const copy = join(dir, 'copy.sqlite');
    copyFileSync(join(backupFolder(join(dir, 'store.sqlite')), made.name), copy);
    services.close();
    const foreign = join(dir, 'other.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const bytes = readFileSync(foreign);
    const fresh = new Services({ resourcesDir });
    expect(() => fresh.open(foreign)).toThrow(expect.objectContaining({ code: 'STORE_FOREIGN' }));
    expect(await fresh.call('backups.restore', { from: { fileId: fresh.registerFile(copy).fileId } })).toMatchObject({
      ok: false,
      error: { code: 'STORE_UNREADABLE' },
    });
    fresh.close();
    expect(readFileSync(foreign).equals(bytes)).toBe(true);
  });

  it('takes a copy before migrating a store that has data, and none for a new store', () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    // One migration short of the latest, whichever that is: a store an update will migrate once.
    const before = openStore(path, { resourcesDir, schemaVersion: latestVersion(loadMigrations(join(resourcesDir, 'migrations'))) - 1 });
    expect(existsSync(backupFolder(path))).toBe(false);
    const olderVersion = before.schemaVersion;
    before.close();
    addOrganisations(path, ['Förening A']);
    const upgraded = openStore(path, { resourcesDir });
    // However many migrations came after 7, one copy is taken before them all.
    expect(upgraded.schemaVersion).toBe(loadMigrations(join(resourcesDir, 'migrations')).length);
    upgraded.close();
    const [copy, ...others] = listBackups(path);
    expect(others).toEqual([]);
    expect(copy).toMatchObject({ reason: 'before-migration' });
    const db = new Database(copy!.path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(olderVersion);
    expect(db.prepare('SELECT count(*) AS n FROM organisations').get()).toEqual({ n: 1 });
    db.close();
    // Opening again migrates nothing and copies nothing.
    openStore(path, { resourcesDir }).close();
    expect(listBackups(path)).toHaveLength(1);
  });

  it('takes a copy before an import into a store that has data, not for a dry run or an empty store', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const services = new Services({ resourcesDir });
    services.open(path);
    const { fileId } = services.registerFile(join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv'));
    unwrap(await services.call('import.run', { fileId, kind: 'applications' }));
    expect(listBackups(path)).toEqual([]);
    unwrap(await services.call('import.run', { fileId, kind: 'applications', dryRun: true }));
    expect(listBackups(path)).toEqual([]);
    unwrap(await services.call('import.run', { fileId, kind: 'applications' }));
    const [copy, ...others] = listBackups(path);
    expect(others).toEqual([]);
    expect(copy).toMatchObject({ reason: 'before-import' });
    services.close();
    expect(readStore(copy!.path, 'applications')).toBe(2);
  });

  it('gives back the space a migration frees, after its copy is taken', () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    // 0006 drops a column and three indexes of the values (later migrations add little).
    const before = openStore(path, { resourcesDir, schemaVersion: 5 });
    const values = fillIndicatorValues(before.db, 2000);
    before.close();
    const bytesBefore = statSync(path).size;
    const upgraded = openStore(path, { resourcesDir, schemaVersion: 6 });
    const pages = upgraded.db.pragma('page_count', { simple: true }) as number;
    const free = upgraded.db.pragma('freelist_count', { simple: true }) as number;
    expect(upgraded.db.prepare('SELECT count(*) AS n FROM indicator_points').get()).toEqual({ n: values });
    upgraded.close();
    // Without a VACUUM the dropped column's and indexes' pages would stay in the file as free.
    expect(free).toBeLessThan(pages * 0.05);
    expect(statSync(path).size).toBeLessThan(bytesBefore);
    expect(listBackups(path).map((b) => b.reason)).toEqual(['before-migration']);
  });
});

describe('grantlens backup / restore', () => {
  it('backs up to a chosen file and restores a damaged store from it', () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    openStore(path, { resourcesDir }).close();
    addOrganisations(path, ['Förening A', 'Förening B']);
    const out = join(dir, 'kept.sqlite');
    const backup = grantlensSync('backup', '--db', path, '--out', out);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/kept\.sqlite/);

    const bytes = overwritePages(path, [3, 5, 7]);
    expect(grantlensSync('info', '--db', path).code).toBe(2);

    const restore = grantlensSync('restore', '--db', path, '--from', out);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/the store as it was/);
    const info = grantlensSync('info', '--db', path, '--json');
    expect(info.code).toBe(0);
    expect(organisations(JSON.parse(info.stdout) as StoreInfo)).toBe(2);
    // The damaged store was kept, byte for byte, among the backups.
    const [kept] = listBackups(path);
    expect(kept?.reason).toBe('before-restore');
    expect(readFileSync(kept!.path).equals(bytes)).toBe(true);
    expect(grantlensSync('restore', '--db', path).code).toBe(1);
  });
});
