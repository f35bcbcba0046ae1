import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../main/contract/calls';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';
import { updateApplication } from '../../main/services/register/application-edit';
import { undoLastEdit } from '../../main/domain/audit';
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
    expect(result.stdout).toMatch(/auditChain\s+ok/);
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
    // Verify only reads: the damaged file is as it was, with no log files left beside it (the mark
    // of the check it passed when it was made may be).
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(path)).filter((name) => /-(wal|shm|journal)$/.test(name))).toEqual([]);
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

  it('names kept cross-tab summaries that no longer equal their records', () => {
    const path = join(tempDir(), 'summaries.sqlite');
    const store = openStore(path, { resourcesDir });
    generateDemo({ store, progress: () => {} }, { scale: 1, seed: 3, today: DEMO_BASE_DAY });
    store.close();
    expect(grantlensSync('verify', '--db', path).stdout).toMatch(/summaries\s+ok/);
    const db = new Database(path);
    // A sum changed behind the triggers' back, as a bug in one of them would leave it.
    db.exec('UPDATE crosstab_summaries SET granted = granted + 100 WHERE (cuboid, call_id) = (SELECT cuboid, call_id FROM crosstab_summaries LIMIT 1)');
    db.close();
    const verify = grantlensSync('verify', '--db', path);
    expect(verify.code).toBe(2);
    expect(verify.stdout).toMatch(/summaries\s+\d+ problem/);
    expect(verify.stdout).toMatch(/group\(s\) of the cross-tab's summaries differ from their records/);
  });

  describe('the audit chain', () => {
    /** A demo store with a few edits, one undone, so the log holds updates, inserts and an undo. */
    function editedStore(): string {
      const path = join(tempDir(), 'edited.sqlite');
      const store = openStore(path, { resourcesDir });
      generateDemo({ store, progress: () => {} }, { scale: 1, seed: 3, today: DEMO_BASE_DAY });
      const ids = store.db.prepare("SELECT id FROM applications WHERE status = 'in_review' ORDER BY id LIMIT 3").pluck().all() as number[];
      for (const [index, id] of ids.entries()) updateApplication(store.db, id, { title: `Ändrad titel ${index}`, status: 'granted' });
      undoLastEdit(store.db);
      store.close();
      return path;
    }

    function tamper(path: string, statement: string): void {
      const db = new Database(path);
      db.exec(statement);
      db.close();
    }

    function entries(path: string): number[] {
      const db = new Database(path, { readonly: true });
      const ids = db.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[];
      db.close();
      return ids;
    }

    it('holds over every kind of edit the app logs', () => {
      const path = editedStore();
      expect(entries(path).length).toBeGreaterThan(6);
      const verify = grantlensSync('verify', '--db', path);
      expect(verify.stdout).toMatch(/auditChain\s+ok/);
      expect(verify.code).toBe(0);
    });

    it('names the entry whose value was edited', () => {
      const path = editedStore();
      const third = entries(path)[2]!;
      tamper(path, `UPDATE audit_log SET new_value = 'Något annat' WHERE id = ${third}`);
      const verify = grantlensSync('verify', '--db', path);
      expect(verify.code).toBe(2);
      expect(verify.stdout).toMatch(/auditChain\s+1 problem/);
      expect(verify.stdout).toContain(`audit entry ${third} does not follow from entry ${third - 1}`);
    });

    it('names the entry after one that was deleted', () => {
      const path = editedStore();
      const [, second, third] = entries(path);
      tamper(path, `DELETE FROM audit_log WHERE id = ${second}`);
      const verify = grantlensSync('verify', '--db', path);
      expect(verify.code).toBe(2);
      expect(verify.stdout).toContain(`audit entry ${third} does not follow from entry ${second! - 1}`);
    });

    it('names an entry inserted between two, even with a hash copied from its neighbour', () => {
      const path = editedStore();
      const ids = entries(path);
      tamper(path, `UPDATE audit_log SET id = id + 1000 WHERE id > ${ids[1]}`);
      tamper(path, `INSERT INTO audit_log (id, edit_id, table_name, row_id, field, old_value, new_value, hash)
                    SELECT ${ids[1]! + 1}, edit_id, table_name, row_id, field, 'x', 'y', hash FROM audit_log WHERE id = ${ids[1]}`);
      const verify = grantlensSync('verify', '--db', path, '--json');
      expect(verify.code).toBe(2);
      const chain = (JSON.parse(verify.stdout) as VerifyResult).checks.find((check) => check.name === 'auditChain');
      expect(chain?.problems).toEqual([`audit entry ${ids[1]! + 1} does not follow from entry ${ids[1]}: it, or what lay between them, was changed outside Grantlens`]);
    });

    it('names the entries of an edit whose time or author was changed', () => {
      const path = editedStore();
      const first = entries(path)[0]!;
      tamper(path, `UPDATE edits SET made_by = 'någon annan' WHERE id = (SELECT edit_id FROM audit_log WHERE id = ${first})`);
      const verify = grantlensSync('verify', '--db', path);
      expect(verify.code).toBe(2);
      expect(verify.stdout).toContain(`audit entry ${first} does not follow from the start of the log`);
    });
  });
});
