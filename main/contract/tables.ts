/**
 * The store's tables, as change events name them. A write call declares the tables it may change
 * (`writes` in its CallSpec); views name the tables they show and reload when one of them changes.
 * The full-text index and the migrations table are left out: the first changes only with
 * `applications`, the second only when a store is opened, which changes every table.
 */
export const storeTables = [
  'app_meta',
  'geographies',
  'designations',
  'designation_members',
  'organisations',
  'grant_calls',
  'applications',
  'application_partners',
  'application_years',
  'status_transitions',
  'decisions',
  'decision_years',
  'payments',
  'reports',
  'saved_views',
  'edits',
  'audit_log',
  'indicators',
  'indicator_imports',
  'indicator_series',
  'indicator_points',
  'indicator_value_history',
  'stat_areas',
  'area_types',
  'boundaries',
  'designation_rules',
] as const;

export type StoreTable = (typeof storeTables)[number];

/** Sent after a write commits (and when another store is opened): the tables it changed. */
export interface StoreChange {
  tables: StoreTable[];
}

/** Every edit of the register is logged there, so that it can be undone. */
export const editLog = ['edits', 'audit_log'] as const satisfies readonly StoreTable[];
