import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../main/store/open-store';
import { resourcesDir, useTempDir } from './temp-dir';

/**
 * The migration tests' store, as Signal's: `at(N - 1)`, fill it, `at(N)`, compare. One file per
 * test; each `at` closes the store and opens the same file again with migrations 1..version only.
 */
export function useMigrationStore(): { at(version: number): Database } {
  const tempDir = useTempDir();
  let path: string | undefined;
  let store: Store | undefined;
  afterEach(() => {
    store?.close();
    store = undefined;
    path = undefined;
  });
  return {
    at(version) {
      store?.close();
      path ??= join(tempDir(), 'store.sqlite');
      store = openStore(path, { resourcesDir, schemaVersion: version });
      if (store.schemaVersion !== version) throw new Error(`the store opened at version ${store.schemaVersion}, not ${version}`);
      return store.db;
    },
  };
}

/** Every table, index, view and trigger by name, with its SQL: what a migration should (not) change. */
export function schemaObjects(db: Database, table?: string): { type: string; name: string; sql: string | null }[] {
  return db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND (@table IS NULL OR tbl_name = @table) ORDER BY type, name")
    .all({ table: table ?? null }) as { type: string; name: string; sql: string | null }[];
}

export function rowsOf(db: Database, table: string, orderBy = 'rowid'): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all();
}

/**
 * Two applications of one organisation under one call, the first with two decisions and a payment,
 * in 0001's columns only, so they can be written at any version.
 */
export function putRegisterRows(db: Database): void {
  db.exec(`
    INSERT INTO organisations (id, org_number, name, type, municipality_code, county_code)
      VALUES (1, '212000-0142', 'Malmö stad', 'municipality', '1280', '12');
    INSERT INTO grant_calls (id, year, programme, title, budget_ore) VALUES (1, 2021, 'segregation', 'Utlysning 2021', 500000000);
    INSERT INTO applications (id, case_number, call_id, organisation_id, title, stage, municipality_code, first_year, last_year, requested_ore, status, received_on)
      VALUES (1, '2021-00001', 1, 1, 'Läxhjälp i Rosengård', 'survey', '1280', 2021, 2022, 120000000, 'granted', '2021-03-01'),
             (2, '2021-00002', 1, 1, 'Fritidsgårdar', 'plan', '1280', 2021, 2021, 30000000, 'in_review', '2021-03-02');
    INSERT INTO decisions (id, application_id, decided_on, granted_ore) VALUES (1, 1, '2021-06-01', 80000000), (2, 1, '2022-06-01', 20000000);
    INSERT INTO payments (decision_id, kind, paid_on, amount_ore) VALUES (1, 'payment', '2021-07-01', 80000000);
  `);
}
