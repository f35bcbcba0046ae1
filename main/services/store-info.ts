import type { Database } from 'better-sqlite3';
import type { StoreInfo } from '../contract/calls';
import type { Store } from '../store/open-store';
import { sql, sqlIdentifier } from '../store/sql';

/** The tables a user cares about, in the order `info` lists them. */
export const countedTables = [
  'geographies',
  'designations',
  'organisations',
  'grant_calls',
  'applications',
  'decisions',
  'payments',
  'reports',
  'audit_log',
  'indicators',
  'indicator_values',
  'indicator_value_history',
  'stat_areas',
  'designation_rules',
  'boundaries',
] as const;

/**
 * indicator_values is a view joining each point to its series; counting the points table gives the
 * same number without the join, which matters at ten million values.
 */
const countSource: Partial<Record<(typeof countedTables)[number], string>> = { indicator_values: 'indicator_points' };
const countSources = [...countedTables, ...Object.values(countSource)];

const userDataTables = ['organisations', 'grant_calls', 'applications', 'indicator_points'] as const;

export function isStoreEmpty(db: Database): boolean {
  return userDataTables.every((table) => !db.prepare(sql`SELECT 1 FROM ${sqlIdentifier(table, userDataTables)} LIMIT 1`.text).get());
}

/** Rows per counted table; a backup of an older schema lacks some tables, and they are left out. */
export function tableCounts(db: Database): StoreInfo['counts'] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").pluck().all() as string[]);
  return countedTables
    .filter((table) => present.has(countSource[table] ?? table))
    .map((table) => ({
      table,
      rows: (db.prepare(sql`SELECT count(*) AS n FROM ${sqlIdentifier(countSource[table] ?? table, countSources)}`.text).get() as { n: number }).n,
    }));
}

export function storeInfo(store: Store): StoreInfo {
  const { db } = store;
  const counts = tableCounts(db);
  const isEmpty = isStoreEmpty(db);
  const onboarded = db.prepare("SELECT value FROM app_meta WHERE key = 'onboarded'").get() !== undefined;
  return { path: store.path, schemaVersion: store.schemaVersion, onboarded: onboarded || !isEmpty, isEmpty, counts };
}

/** Remembers that the user answered the first-start question, so it is not asked again for this store. */
export function markOnboarded(store: Store): StoreInfo {
  store.db.prepare("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('onboarded', ?)").run(new Date().toISOString());
  return storeInfo(store);
}
