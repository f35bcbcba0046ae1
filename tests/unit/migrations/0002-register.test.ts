import { describe, expect, it } from 'vitest';
import { putRegisterRows, rowsOf, useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

describe('migration 0002-register', () => {
  it('keeps the applications, totals what was granted onto each, and indexes them for search', () => {
    const old = store.at(1);
    putRegisterRows(old);
    const applications = rowsOf(old, 'applications') as Record<string, unknown>[];
    const decisions = rowsOf(old, 'decisions');
    const payments = rowsOf(old, 'payments');

    const db = store.at(2);
    const upgraded = rowsOf(db, 'applications') as Record<string, unknown>[];
    // Every column 0001 had keeps its value; the new ones start empty, the granted total from the decisions.
    expect(upgraded.map((row) => Object.fromEntries(Object.keys(applications[0]!).map((key) => [key, row[key]])))).toEqual(applications);
    expect(upgraded.map((row) => [row.summary, row.target_areas, row.granted_ore])).toEqual([
      ['', '', 100000000],
      ['', '', 0],
    ]);
    expect(rowsOf(db, 'decisions')).toEqual(decisions);
    expect(rowsOf(db, 'payments')).toEqual(payments);
    const search = (text: string) => db.prepare('SELECT rowid FROM applications_fts WHERE applications_fts MATCH ? ORDER BY rowid').pluck().all(text);
    expect(search('läxhjälp')).toEqual([1]);
    expect(search('malmö')).toEqual([1, 2]);
    // The triggers keep the total from now on.
    db.prepare("INSERT INTO decisions (application_id, decided_on, granted_ore) VALUES (2, '2021-09-01', 25000000)").run();
    expect(db.prepare('SELECT granted_ore FROM applications WHERE id = 2').pluck().get()).toBe(25000000);
  });
});
