// The store's tables, as change events name them. A write call declares the tables it may change
// (`writes` in its CallSpec); a view names the tables it shows and reloads when one of them changes.

/** Applications with their organisations, calls, decisions, money, follow-up and edit log. */
export const registerTables = [
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
  'edits',
  'audit_log',
  'designations',
  'designation_members',
] as const;

/** Indicators, their values and the places they are for. */
export const indicatorTables = [
  'indicators',
  'indicator_imports',
  'indicator_series',
  'indicator_points',
  'indicator_value_history',
  'geographies',
  'stat_areas',
  'area_types',
] as const;

/** Evaluation plans of multi-year grants and what follows them (migration 0007). */
export const evaluationTables = [
  'evaluation_plans',
  'evaluation_questions',
  'evaluation_outcomes',
  'outcome_indicators',
  'outcome_targets',
  'comparison_places',
  'evaluation_milestones',
  'evaluation_attachments',
  'evaluation_findings',
  'evaluation_risks',
  'evaluation_notes',
] as const;

/**
 * Kept by the schema's triggers from the register's tables (the cross-tab's summaries, migration
 * 0008): they change exactly when those do, so a write names the register's tables, never these.
 */
export const derivedTables = ['crosstab_cuboids', 'crosstab_summaries', 'crosstab_area_summaries'] as const;

/**
 * Every table. The full-text index, the derived summaries and the migrations table are left out: the first changes only
 * with `applications`, the second only when a store is opened, which changes every table.
 */
export const storeTables = [
  'app_meta',
  ...registerTables,
  ...indicatorTables,
  ...evaluationTables,
  'saved_views',
  'saved_analyses',
  'boundaries',
  'designation_rules',
  // What this store last exchanged of each record (migration 0011): the base of the next merge.
  'exchange_base',
] as const;

export type StoreTable = (typeof storeTables)[number];

/** Every edit of the register is logged there, so that it can be undone. */
export const editLog = ['edits', 'audit_log'] as const satisfies readonly StoreTable[];

/** Sent after a write commits (and when another store is opened): the tables it changed. */
export interface StoreChange {
  tables: StoreTable[];
}
