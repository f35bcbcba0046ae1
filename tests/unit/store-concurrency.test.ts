import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/open-store';
import { grantlensAsync, grantlensSync } from '../support/grantlens-cli';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

const header = 'Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;Län;År;Sökt belopp;Beviljat belopp;Status;Steg';

/** A register file of `rows` valid applications whose case numbers start at `first`. */
function applicationsFile(dir: string, name: string, first: number, rows: number): string {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    lines.push(`2024-${String(first + i).padStart(5, '0')};Malmö stad;212000-1124;Kommun;1280;12;2024;100 000,00;;Under handläggning;Kartläggning`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function applicationCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM applications').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('two processes on one store', () => {
  it('lets a reader finish with exit 0 while another process holds the write lock', () => {
    const path = join(tempDir(), 'store.sqlite');
    openStore(path, { resourcesDir }).close();
    const writer = new Database(path);
    writer.exec("BEGIN IMMEDIATE; INSERT INTO app_meta (key, value) VALUES ('held', 'x')");
    try {
      for (const args of [['info'], ['info', '--json'], ['export', 'applications', '--out', join(tempDir(), 'out.csv')]]) {
        const result = grantlensSync(...args, '--db', path);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      }
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('refuses an import as STORE_BUSY, changing nothing, when the write lock stays taken', () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    openStore(path, { resourcesDir }).close();
    const file = applicationsFile(dir, 'a.csv', 1, 50);
    const writer = new Database(path);
    writer.exec("BEGIN IMMEDIATE; INSERT INTO app_meta (key, value) VALUES ('held', 'x')");
    let result;
    try {
      result = grantlensSync('import', 'applications', file, '--db', path);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is busy: another program or window is writing to it/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(applicationCount(path)).toBe(0);
    expect(integrity(path)).toBe('ok');
  });

  it('runs two imports at once: each lands whole or is refused as busy, never half', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.sqlite');
    openStore(path, { resourcesDir }).close();
    const rows = 3000;
    const files = [applicationsFile(dir, 'a.csv', 1, rows), applicationsFile(dir, 'b.csv', 50_001, rows)];
    const results = await Promise.all(files.map((file) => grantlensAsync('import', 'applications', file, '--db', path)));
    let landed = 0;
    for (const result of results) {
      if (result.code === 0) landed += 1;
      else {
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/is busy/);
      }
    }
    expect(landed).toBeGreaterThan(0);
    expect(applicationCount(path)).toBe(landed * rows);
    expect(integrity(path)).toBe('ok');
  });
});

describe('processes that create one store at once', () => {
  it('migrate and seed it once between them, and each opens it', async () => {
    const path = join(tempDir(), 'fresh.sqlite');
    const results = await Promise.all(Array.from({ length: 4 }, () => grantlensAsync('info', '--db', path, '--json')));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM geographies').get()).toEqual({ n: 312 });
    expect(db.prepare('SELECT count(*) AS n FROM designations').get()).toEqual({ n: 1 });
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(db.pragma('user_version', { simple: true }));
    db.close();
  });
});
