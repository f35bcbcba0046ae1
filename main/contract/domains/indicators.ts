import { z } from 'zod';
import { call } from '../call-spec';
import { fileId } from './files';
import { importSummary } from './imports';
import { gridQuery, pageArgs, pageResult, rowCount, rowId, type GridFilter } from './paging';
import { noArgs } from './store';

export const indicatorFormats = ['csv', 'xlsx', 'kolada', 'jsonstat'] as const;
export const indicatorSexes = ['T', 'K', 'M'] as const;

const code = z.string().min(1).max(40);
const sex = z.enum(indicatorSexes);
const year = z.number().int().min(1900).max(2100);

export const indicatorDefinition = z.object({
  code: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  /** Defined by importing values that named only its code: the names are the code until a KPI metadata or definitions file names it. */
  nameMissing: z.boolean(),
  unit: z.string(),
  source: z.string(),
  higherIsBetter: z.boolean(),
  bySex: z.boolean(),
  levels: z.array(z.string()),
  /** The years the store has values for, oldest first. */
  periods: z.array(z.number().int()),
});

const point = z.object({ period: z.number().int(), value: z.number() });

export const profileSeries = z.object({
  indicator: z.string(),
  /** What the line is: the place itself, its county, the country, the mean of its area type, or a peer. */
  role: z.enum(['self', 'county', 'country', 'areaType', 'peer']),
  geo: z.string(),
  label: z.string(),
  sex,
  /** Only years with a value: a missing year is a gap, never a zero. */
  points: z.array(point),
});

export const indicatorPlace = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const profileArgs = z.strictObject({
  geo: code,
  indicators: z.array(code).min(1).max(12),
  /** Left out: total, women and men. */
  sexes: z.array(sex).min(1).max(indicatorSexes.length).default(['T', 'K', 'M']),
  peers: z.array(code).max(10).default([]),
});

export const profile = z.object({ place: indicatorPlace, series: z.array(profileSeries) });

export const rankingArgs = z.strictObject({ indicator: code, period: year, sex: sex.default('T') });
export const ranking = z.object({
  indicator: z.string(),
  period: z.number().int(),
  sex,
  higherIsBetter: z.boolean(),
  /** Every municipality with a value, best first by the indicator's direction; the missing ones are listed apart. */
  rows: z.array(z.object({ code: z.string(), name: z.string(), value: z.number(), designated: z.boolean() })),
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
});

// The values grid: every stored value, one row each, paged in SQLite like the register.
export const valueColumns = ['indicator', 'geoCode', 'placeName', 'level', 'year', 'sex', 'value', 'source'] as const;
export const valueSortable = ['geoCode', 'year', 'value'] as const;
export const valueFilterable = ['indicator', 'geoCode', 'placeName', 'level', 'year', 'sex', 'value'] as const;

/**
 * The values grid sorts one indicator's values only: values of several indicators are in different
 * units, and keeping every value in order for any sort made a large import three times slower.
 */
export function sortsWithinOneIndicator(query: { sort: unknown; filters: readonly GridFilter[] }): boolean {
  return query.sort === null || query.filters.some((filter) => filter.kind === 'set' && filter.column === 'indicator' && filter.values.length === 1);
}

const valuesPageArgs = pageArgs(valueSortable, valueFilterable).refine(sortsWithinOneIndicator, {
  path: ['sort'],
  message: 'Values can be sorted within one indicator: choose one before sorting.',
});

export const valueRow = z.object({
  id: z.number().int(),
  indicator: z.string(),
  geoCode: z.string(),
  placeName: z.string(),
  level: z.string(),
  year: z.number().int(),
  sex,
  value: z.number(),
  /** The import the value came from (file and date); null for demo values. */
  source: z.string().nullable(),
});

export const importIndicatorsArgs = z.strictObject({
  fileId,
  /** Left out: judged from the extension and, for JSON, the document. */
  format: z.enum(indicatorFormats).optional(),
  dryRun: z.boolean().default(false),
  /** All or nothing: one rejected value and nothing is written. */
  strict: z.boolean().default(false),
  /** Every value in the file is of this indicator, whatever (or whether) the file names one: a spreadsheet that names it in words. */
  indicator: code.optional(),
  /** Define the indicators the file names by code and the store lacks, from what the file says of them, rather than reject their values. */
  defineIndicators: z.boolean().default(false),
});

// Designation rules: conditions over municipalities' indicator values, as agencies write them
// ("inequality index at least mean + 1 SD").
export const designationCondition = z.strictObject({
  indicator: code,
  period: year,
  sex: sex.default('T'),
  comparison: z.enum(['>=', '<=']),
  threshold: z.discriminatedUnion('kind', [
    /** National mean over municipalities plus k sample standard deviations (k may be negative). */
    z.strictObject({ kind: z.literal('sd'), k: z.number().min(-10).max(10) }),
    z.strictObject({ kind: z.literal('fixed'), value: z.number() }),
  ]),
});

export const designationRule = z.strictObject({
  name: z.string().trim().min(1).max(200),
  combine: z.enum(['and', 'or']),
  conditions: z.array(designationCondition).min(1).max(10),
});

export const conditionOutcome = z.object({
  indicator: z.string(),
  period: z.number().int(),
  sex,
  /** Over the municipalities with a value; null when none has one. */
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  threshold: z.number().nullable(),
  municipalitiesWithValue: z.number().int(),
});

export const designationResult = z.object({
  rule: designationRule,
  conditions: z.array(conditionOutcome),
  /** Every municipality, with its figure and verdict per condition; a missing figure never qualifies. */
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      values: z.array(z.number().nullable()),
      passes: z.array(z.boolean()),
      qualifies: z.boolean(),
    }),
  ),
});

export const boundaryLevels = ['county', 'municipality', 'regso', 'deso'] as const;

export const indicatorMap = z.object({
  indicator: z.string(),
  period: z.number().int(),
  sex,
  level: z.enum(boundaryLevels),
  /** A GeoJSON FeatureCollection with `code` and `name` on each feature; null until boundaries are imported. */
  boundaries: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }).nullable(),
  /** Every place of the level; value null where the store has none (shown as missing, never 0). */
  values: z.array(z.object({ code: z.string(), name: z.string(), value: z.number().nullable() })),
});

export const savedRule = z.object({ id: z.number().int(), rule: designationRule, updatedAt: z.string() });

export const indicatorCalls = {
  'indicators.import': call(importIndicatorsArgs, importSummary, {
    progress: true,
    writes: ['indicator_imports', 'indicator_series', 'indicator_points', 'indicator_value_history'],
  }),
  /** RegSO and DeSO areas with their municipality, RegSO and area type per year (CSV or XLSX). */
  'areas.import': call(z.strictObject({ fileId, dryRun: z.boolean().default(false), strict: z.boolean().default(false) }), importSummary, {
    writes: ['stat_areas', 'area_types'],
  }),
  /** Indicator definitions beyond the built-in catalogue (CSV or XLSX); a known code is updated. */
  'indicators.importDefinitions': call(z.strictObject({ fileId, dryRun: z.boolean().default(false), strict: z.boolean().default(false) }), importSummary, {
    writes: ['indicators'],
  }),
  'indicators.list': call(noArgs, z.array(indicatorDefinition)),
  'indicators.places': call(noArgs, z.array(indicatorPlace)),
  'indicators.profile': call(profileArgs, profile),
  'indicators.ranking': call(rankingArgs, ranking),
  'indicators.valuesPage': call(valuesPageArgs, pageResult(valueRow)),
  'indicators.valuesCount': call(gridQuery(valueSortable, valueFilterable), rowCount),
  'boundaries.import': call(
    z.strictObject({ fileId, level: z.enum(boundaryLevels) }),
    z.object({ features: z.number().int(), matched: z.number().int(), unmatched: z.array(z.string()) }),
    { writes: ['boundaries'] },
  ),
  'indicators.map': call(z.strictObject({ indicator: code, period: year, sex: sex.default('T'), level: z.enum(boundaryLevels) }), indicatorMap),
  'designation.run': call(z.strictObject({ rule: designationRule }), designationResult),
  'designation.save': call(z.strictObject({ rule: designationRule }), savedRule, { writes: ['designation_rules'] }),
  'designation.rules': call(noArgs, z.array(savedRule)),
  'designation.export': call(
    z.strictObject({
      rule: designationRule,
      fileId,
      format: z.enum(['csv', 'json']),
      /** The CSV's first two column headers, in the UI's language. */
      headers: z.strictObject({ code: z.string().max(100), name: z.string().max(100) }),
    }),
    z.object({ municipalities: z.number().int() }),
  ),
  /** Saves the rule's current result as a named list and makes it the call's earmarked municipalities. */
  'designation.earmark': call(
    z.strictObject({ rule: designationRule, callId: rowId }),
    z.object({ designationId: z.number().int(), municipalities: z.number().int() }),
    { writes: ['designations', 'designation_members', 'grant_calls'] },
  ),
};

export type IndicatorDefinition = z.output<typeof indicatorDefinition>;
export type Profile = z.output<typeof profile>;
export type ProfileSeries = z.output<typeof profileSeries>;
export type Ranking = z.output<typeof ranking>;
export type Place = z.output<typeof indicatorPlace>;
export type ValueRow = z.output<typeof valueRow>;
export type ValueColumn = (typeof valueColumns)[number];
export type DesignationRule = z.output<typeof designationRule>;
export type DesignationRuleInput = z.input<typeof designationRule>;
export type DesignationCondition = z.output<typeof designationCondition>;
export type DesignationResult = z.output<typeof designationResult>;
export type SavedRule = z.output<typeof savedRule>;
export type Sex = (typeof indicatorSexes)[number];
export type IndicatorFormat = (typeof indicatorFormats)[number];
export type BoundaryLevel = (typeof boundaryLevels)[number];
export type IndicatorMap = z.output<typeof indicatorMap>;
