import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../main/contract/calls';
import { openStore } from '../../main/store/open-store';
import { grantlensSync } from '../support/grantlens-cli';
import { overwritePages } from '../support/damage';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function storeWithOrganisations(): string {
  const path = join(tempDir(), 'store.sqlite');
  openStore(path, { resourcesDir }).close();
  const db = new Database(path);
  const insert = db.prepare("INSERT INTO organisations (name, type, municipality_code) VALUES (?, 'non_profit', '1280')");
  for (let i = 0; i < 2000; i++) insert.run(`Förening ${i} i Malmö med ett långt namn`);
  db.close();
  return path;
}

describe('grantlens verify', () => {
  it('exits 0 on a sound store and says each check passed', () => {
    const result = grantlensSync('verify', '--db', storeWithOrganisations());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/integrity\s+ok/);
    expect(result.stdout).toMatch(/foreignKeys\s+ok/);
  });

  it('catches overwritten pages, which info now refuses too', () => {
    const path = storeWithOrganisations();
    // Three pages from the end, where the organisations just inserted lie.
    const bytes = overwritePages(path, (pages) => [pages - 1, pages - 3, pages - 5]);
    const info = grantlensSync('info', '--db', path);
    expect(info.code).toBe(2);
    expect(info.stderr).toMatch(/is damaged and has not been changed/);
    const verify = grantlensSync('verify', '--db', path, '--json');
    expect(verify.code).toBe(2);
    const result = JSON.parse(verify.stdout) as VerifyResult;
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.name === 'integrity')?.problems.length).toBeGreaterThan(0);
    // Verify only reads: the damaged file is as it was, with no log files left beside it.
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(path))).toEqual(['store.sqlite']);
  });

  it('names rows whose references point nowhere', () => {
    const path = storeWithOrganisations();
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    db.prepare("UPDATE organisations SET municipality_code = '9999' WHERE id = 7").run();
    db.close();
    expect(grantlensSync('info', '--db', path).code).toBe(0);
    const verify = grantlensSync('verify', '--db', path);
    expect(verify.code).toBe(2);
    expect(verify.stdout).toMatch(/foreignKeys\s+1 problem/);
    expect(verify.stdout).toMatch(/organisations row 7 refers to a missing row in geographies/);
  });
});
