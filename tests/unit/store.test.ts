import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { APPLICATION_ID, openStore } from '../../main/store/open-store';
import { JOURNAL_SIZE_LIMIT } from '../../main/store/checkpoint';
import { overwritePages } from '../support/damage';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((file) => [file, createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]),
  );
}

function expectRefused(path: string, code: AppError['code']) {
  const dir = join(path, '..');
  const before = fingerprint(dir);
  let caught: unknown;
  try {
    openStore(path, { resourcesDir });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  // Byte for byte: no change to the file and no journal or WAL files beside it.
  expect(fingerprint(dir)).toEqual(before);
}

describe('a new store', () => {
  it('is created with every migration applied, recorded and marked as Grantlens', () => {
    const path = join(tempDir(), 'nested', 'new.sqlite');
    const store = openStore(path, { resourcesDir });
    const { db } = store;
    expect(store.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(db.pragma('user_version', { simple: true })).toBe(store.schemaVersion);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // A checkpoint that empties the log also shrinks it back to this.
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded[0]).toEqual({ version: 1, name: 'initial' });
    expect(recorded).toHaveLength(store.schemaVersion);
    store.close();
  });

  it('holds the reference geography: the country, 21 counties, 290 municipalities, the 32 designated', () => {
    const store = openStore(join(tempDir(), 'geo.sqlite'), { resourcesDir });
    const levels = store.db.prepare('SELECT level, count(*) AS n FROM geographies GROUP BY level ORDER BY level').all();
    expect(levels).toEqual([
      { level: 'country', n: 1 },
      { level: 'county', n: 21 },
      { level: 'municipality', n: 290 },
    ]);
    const malmo = store.db.prepare("SELECT name, parent_code FROM geographies WHERE code = '1280'").get();
    expect(malmo).toEqual({ name: 'Malmö', parent_code: '12' });
    const designated = store.db.prepare('SELECT count(*) AS n FROM designation_members').get();
    expect(designated).toEqual({ n: 32 });
    store.close();
  });

  it('reopens without applying or seeding anything twice', () => {
    const path = join(tempDir(), 'again.sqlite');
    openStore(path, { resourcesDir }).close();
    const store = openStore(path, { resourcesDir });
    expect(store.db.prepare('SELECT count(*) AS n FROM geographies').get()).toEqual({ n: 312 });
    expect(store.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: store.schemaVersion });
    store.close();
  });

  it('refuses a store whose applied migration has since been edited', () => {
    const path = join(tempDir(), 'edited.sqlite');
    openStore(path, { resourcesDir }).close();
    const edited = tempDir();
    cpSync(resourcesDir, edited, { recursive: true });
    const first = readdirSync(join(edited, 'migrations')).sort()[0]!;
    writeFileSync(join(edited, 'migrations', first), `${readFileSync(join(edited, 'migrations', first), 'utf8')}\n-- edited\n`);
    expect(() => openStore(path, { resourcesDir: edited })).toThrow(expect.objectContaining({ code: 'MIGRATION_MISMATCH' }));
  });

  it('rejects bad rows through its constraints: a missing municipality, an unknown status', () => {
    const store = openStore(join(tempDir(), 'fk.sqlite'), { resourcesDir });
    expect(() =>
      store.db
        .prepare("INSERT INTO organisations (org_number, name, type, municipality_code) VALUES ('212000-1124', 'X', 'municipality', '9999')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      store.db.prepare("INSERT INTO organisations (org_number, name, type) VALUES ('2120001124', 'X', 'municipality')").run(),
    ).toThrow(/CHECK/);
    store.close();
  });
});

describe('files that are not this version’s stores', () => {
  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'Diarienummer;Sökande\n2021-00012;Malmö stad\n');
    expectRefused(path, 'STORE_FOREIGN');
  });

  it('refuses another program’s SQLite database and leaves it untouched', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'hej\');');
    other.close();
    expectRefused(path, 'STORE_FOREIGN');
  });

  it('refuses a store written by a newer Grantlens and leaves it untouched', () => {
    const path = join(tempDir(), 'newer.sqlite');
    const store = openStore(path, { resourcesDir });
    store.db.pragma('journal_mode = DELETE');
    store.db.pragma('user_version = 999');
    store.close();
    expectRefused(path, 'STORE_NEWER');
  });

  it('refuses a newer store still in WAL mode without leaving journal files behind', () => {
    const path = join(tempDir(), 'newer-wal.sqlite');
    const store = openStore(path, { resourcesDir });
    store.db.pragma('user_version = 999');
    store.close();
    expectRefused(path, 'STORE_NEWER');
  });

  it('refuses a damaged store as unreadable and leaves it untouched', () => {
    const path = join(tempDir(), 'damaged.sqlite');
    openStore(path, { resourcesDir }).close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 100, bytes.length);
    writeFileSync(path, bytes);
    expectRefused(path, 'STORE_UNREADABLE');
  });

  it('refuses a store with a few overwritten pages as damaged, before any write, and leaves it untouched', () => {
    const path = join(tempDir(), 'pages.sqlite');
    openStore(path, { resourcesDir }).close();
    // Three pages past the schema page: the header and sqlite_master still read, the tables do not.
    overwritePages(path, [3, 5, 7]);
    expectRefused(path, 'STORE_DAMAGED');
  });

  it('does not read a store through again while its file is as it was when it last passed, and does once it is written', () => {
    const path = join(tempDir(), 'checked.sqlite');
    openStore(path, { resourcesDir }).close();
    // Still for an hour, then opened and checked: the mark beside it records the file as it passed.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path, hourAgo, hourAgo);
    openStore(path, { resourcesDir }).close();
    expect(existsSync(`${path}-checked`)).toBe(true);
    // Pages changed with the file's size and time put back, as no program writing to it does: not
    // read through again. This is the trade the mark makes for opening a large store at once.
    overwritePages(path, [3, 5, 7]);
    utimesSync(path, hourAgo, hourAgo);
    openStore(path, { resourcesDir }).close();
    // Written as any program writes (its time moves): checked, and refused.
    overwritePages(path, [3, 5, 7]);
    expectRefused(path, 'STORE_DAMAGED');
  });

  it('refuses a store whose recorded migrations differ from the ones this version has', () => {
    const path = join(tempDir(), 'mismatch.sqlite');
    const store = openStore(path, { resourcesDir });
    store.db.prepare("UPDATE schema_migrations SET name = 'something-else' WHERE version = 1").run();
    store.close();
    expect(() => openStore(path, { resourcesDir })).toThrow(expect.objectContaining({ code: 'MIGRATION_MISMATCH' }));
  });

  it('treats an empty file as a new store', () => {
    const path = join(tempDir(), 'empty.sqlite');
    writeFileSync(path, '');
    const store = openStore(path, { resourcesDir });
    expect(store.db.prepare('SELECT count(*) AS n FROM geographies').get()).toEqual({ n: 312 });
    store.close();
  });
});

describe('migrations', () => {
  function resourcesWith(extra: Record<string, string>): string {
    const dir = tempDir();
    cpSync(resourcesDir, dir, { recursive: true });
    for (const [file, sql] of Object.entries(extra)) writeFileSync(join(dir, 'migrations', file), sql);
    return dir;
  }

  it('applies a later migration to a store made before it, keeping the rows', () => {
    const path = join(tempDir(), 'upgrade.sqlite');
    const before = openStore(path, { resourcesDir });
    before.db.prepare("INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better) VALUES ('X1', 'x', 'x', '%', 'test', 1)").run();
    before.close();
    const next = before.schemaVersion + 1;
    const later = resourcesWith({
      [`${String(next).padStart(4, '0')}-add-notes.sql`]: 'ALTER TABLE indicators ADD COLUMN note TEXT;',
    });
    const after = openStore(path, { resourcesDir: later });
    expect(after.schemaVersion).toBe(next);
    expect(after.db.prepare("SELECT code, note FROM indicators WHERE code = 'X1'").get()).toEqual({ code: 'X1', note: null });
    after.close();
  });

  it('rolls back a migration that fails halfway, leaving the store at the last good version', () => {
    const path = join(tempDir(), 'broken.sqlite');
    const good = openStore(path, { resourcesDir });
    const version = good.schemaVersion;
    good.close();
    const broken = resourcesWith({
      [`${String(version + 1).padStart(4, '0')}-broken.sql`]: 'CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);',
    });
    expect(() => openStore(path, { resourcesDir: broken })).toThrow(/no_such_table/);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a gap in the numbering', () => {
    const gap = resourcesWith({ '0042-far-ahead.sql': 'SELECT 1;' });
    expect(() => openStore(join(tempDir(), 'gap.sqlite'), { resourcesDir: gap })).toThrow(/numbering/);
  });
});
