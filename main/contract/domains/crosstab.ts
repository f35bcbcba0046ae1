import { z } from 'zod';
import { call } from '../call-spec';
import { fileId } from './files';

// The cross-tab (Korstabell): any measure by one or two row dimensions and an optional column
// dimension, with totals and subtotals that are true aggregates, and a drill-down from any cell to
// the applications behind it. Dimensions and measures are named by the stable ids of issue 11; which
// measure combines with which dimension is the engine's (main/domain/crosstab/registry.ts), and an
// impossible combination is refused as CROSSTAB_UNSUPPORTED.

/**
 * The dimensions an application has: a cell of only these has applications behind it, which the
 * register's grid can show (crosstab.drill, and the grid's `crosstabCell`).
 */
export const applicationDimensions = [
  'year',
  'call',
  'programme',
  'county',
  'municipality',
  'applicant_type',
  'stage',
  'status',
  'has_evaluation',
  'designated',
  'area_type',
] as const;

/** Every dimension: an application's, and an indicator value's own. */
export const crosstabDimensions = [...applicationDimensions, 'indicator', 'sex'] as const;

export const crosstabMeasures = [
  'applications',
  'granted_count',
  'approval_rate',
  'requested_sek',
  'granted_sek',
  'paid_sek',
  'repaid_sek',
  'granted_sek_per_capita',
  'indicator_mean',
  'indicator_median',
  'indicator_change',
] as const;

/**
 * What a measure's number is: a count, a share 0–1, öre (sums of money), öre per inhabitant, or in
 * the indicator's own unit. Money stays in öre here; kronor are made at the edge (UI, CLI, export).
 */
export const measureUnits = ['count', 'ratio', 'ore', 'ore_per_capita', 'indicator'] as const;

/**
 * One value of a dimension: a code (county '01', municipality '0180', indicator 'N00914', an
 * applicant type, a stage, a status, a sex), a number (year, call id, area type 1–5, has_evaluation
 * and designated as 1/0), or null where the record has none ("no area type", no municipality).
 */
export const dimensionValue = z.union([z.string().max(100), z.number(), z.null()]);

export const MAX_ROW_DIMENSIONS = 2;
export const MAX_COLUMN_DIMENSIONS = 1;
export const MAX_AXES = MAX_ROW_DIMENSIONS + MAX_COLUMN_DIMENSIONS;
/** Beyond this a table is not something to read: the engine refuses it rather than cut it short. */
export const MAX_CELLS = 50_000;

const dimension = z.enum(crosstabDimensions);
const measure = z.enum(crosstabMeasures);
const year = z.number().int().min(1900).max(2100);

/** Records whose dimension has one of the values (null matches records without one). */
export const crosstabFilter = z.strictObject({
  dimension,
  values: z.array(dimensionValue).min(1).max(400),
});

function distinct(list: readonly string[]): boolean {
  return new Set(list).size === list.length;
}

/**
 * The applications behind one cross-tab cell, as the applications grid narrows to them: its
 * filters (see cellFilters) on the dimensions of applications only, each dimension once.
 */
export const applicationCell = z
  .array(z.strictObject({ dimension: z.enum(applicationDimensions), values: crosstabFilter.shape.values }))
  .max(applicationDimensions.length)
  .refine((filters) => distinct(filters.map((filter) => filter.dimension)), 'a dimension filtered twice');

export const crosstabQuery = z
  .strictObject({
    rows: z.array(dimension).min(1).max(MAX_ROW_DIMENSIONS),
    cols: z.array(dimension).max(MAX_COLUMN_DIMENSIONS).default([]),
    measures: z.array(measure).min(1).max(crosstabMeasures.length).refine(distinct, 'a measure named twice'),
    filters: z.array(crosstabFilter).max(crosstabDimensions.length).default([]),
    /** indicator_change: the value in `to` minus the value in `from`, place by place. */
    years: z.strictObject({ from: year, to: year }).nullable().default(null),
    /** granted_sek_per_capita: the indicator holding the population, e.g. SCB's BE0101N1. */
    population: z.string().trim().min(1).max(40).nullable().default(null),
  })
  .refine((query) => distinct([...query.rows, ...query.cols]), { message: 'a dimension on two axes', path: ['cols'] })
  .refine((query) => distinct(query.filters.map((filter) => filter.dimension)), { message: 'a dimension filtered twice', path: ['filters'] });

export const crosstabMember = z.object({
  key: dimensionValue,
  /** The store's name for it where it has one: county, municipality, call, indicator; else null. */
  name: z.string().nullable(),
});

export const crosstabCell = z.object({
  /** One value per axis, axes being rows then cols; null where the axis is totalled (see total). */
  key: z.array(dimensionValue).max(MAX_AXES),
  /** True where the cell is a (sub)total over that axis: every record, whatever its value there. */
  total: z.array(z.boolean()).max(MAX_AXES),
  /** One per measure, in the query's order; null where it has no value (a rate of no applications). */
  values: z.array(z.number().nullable()).max(crosstabMeasures.length),
});

export const crosstabResult = z.object({
  rows: z.array(dimension).max(MAX_ROW_DIMENSIONS),
  cols: z.array(dimension).max(MAX_COLUMN_DIMENSIONS),
  measures: z.array(measure).max(crosstabMeasures.length),
  units: z.array(z.enum(measureUnits)).max(crosstabMeasures.length),
  /** Each axis's values in display order (null, as "no area type", last). */
  members: z.array(z.array(crosstabMember).max(MAX_CELLS)).max(MAX_AXES),
  /** Every cell, subtotal and total: for rows (r1, r2) and column c, the sets (r1 r2 c), (r1 r2), (r1 c), (r1), (c) and (). */
  cells: z.array(crosstabCell).max(MAX_CELLS),
});

export const DRILL_PAGE = 1000;

export const crosstabDrillArgs = z.strictObject({
  /** The query's filters and the cell's own values, one filter each: see cellFilters. */
  filters: z.array(crosstabFilter).max(crosstabDimensions.length).refine(
    (filters) => distinct(filters.map((filter) => filter.dimension)),
    'a dimension filtered twice',
  ),
  /** The last id of the previous page. */
  after: z.number().int().nullable().default(null),
  limit: z.number().int().min(1).max(DRILL_PAGE).default(DRILL_PAGE),
});

export const crosstabDrillResult = z.object({
  /** How many applications are behind the cell. */
  count: z.number().int().min(0),
  /** A page of their ids, ascending. */
  ids: z.array(z.number().int()).max(DRILL_PAGE),
  /** The last id of this page when more follow. */
  next: z.number().int().nullable(),
});

/** The table as shown (its layout, totals and Swedish number formats) to a file the user picked for export. */
export const crosstabExportArgs = z.strictObject({
  query: crosstabQuery,
  format: z.enum(['csv', 'xlsx']),
  fileId,
  /** The headers' and labels' language, the UI's; figures keep the Swedish formats in both. */
  language: z.enum(['sv', 'en']).default('sv'),
});

export const crosstabCalls = {
  'crosstab.run': call(crosstabQuery, crosstabResult),
  'crosstab.drill': call(crosstabDrillArgs, crosstabDrillResult),
  /** Writes the file, not the store: it runs on a reader. `rows` counts the table's lines below its header. */
  'crosstab.export': call(crosstabExportArgs, z.object({ rows: z.number().int() })),
};

export type CrosstabDimension = (typeof crosstabDimensions)[number];
export type CrosstabMeasure = (typeof crosstabMeasures)[number];
export type MeasureUnit = (typeof measureUnits)[number];
export type DimensionValue = z.output<typeof dimensionValue>;
export type CrosstabFilter = z.output<typeof crosstabFilter>;
export type ApplicationCell = z.output<typeof applicationCell>;
export type CrosstabQuery = z.output<typeof crosstabQuery>;
export type CrosstabQueryIn = z.input<typeof crosstabQuery>;
export type CrosstabMember = z.output<typeof crosstabMember>;
export type CrosstabCell = z.output<typeof crosstabCell>;
export type CrosstabResult = z.output<typeof crosstabResult>;
export type CrosstabDrillArgs = z.output<typeof crosstabDrillArgs>;
export type CrosstabDrillResult = z.output<typeof crosstabDrillResult>;
export type CrosstabExportArgs = z.output<typeof crosstabExportArgs>;

/**
 * Of a cell's filters, those that choose applications: side by side with a register measure, a
 * filter on an indicator or a sex only chooses the indicator measures' values (see the engine).
 */
export function applicationFilters(filters: readonly CrosstabFilter[]): ApplicationCell {
  const known: readonly string[] = applicationDimensions;
  return filters.filter((filter): filter is ApplicationCell[number] => known.includes(filter.dimension));
}

/** The filters behind one cell or total: the query's own, narrowed by the cell's value on each axis it is not a total of. */
export function cellFilters(query: Pick<CrosstabQuery, 'rows' | 'cols' | 'filters'>, cell: Pick<CrosstabCell, 'key' | 'total'>): CrosstabFilter[] {
  const axes = [...query.rows, ...query.cols];
  const own = axes.flatMap((dimension, i) => (cell.total[i] ? [] : [{ dimension, values: [cell.key[i] ?? null] }]));
  const narrowed = new Set(own.map((filter) => filter.dimension));
  return [...query.filters.filter((filter) => !narrowed.has(filter.dimension)), ...own];
}
