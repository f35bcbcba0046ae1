import type { CrosstabDimension, CrosstabMeasure, MeasureUnit } from '../../contract/domains/crosstab';
import { applicantTypes, stages, statuses } from '../../contract/domains/store';
import { sql, type SqlFragment } from '../../store/sql';
import { areaTypeInForce } from '../area-type';

// The cross-tab's vocabulary: every dimension is a fixed SQL expression per family of records it
// applies to, and every measure belongs to one family. Nothing a caller sends becomes SQL: callers
// name dimensions and measures by id, and values are bound.
//
// Two families of records:
// - register: one application. Its year is its call's year; its place its target municipality;
//   `designated` is whether that municipality is on the call's earmarked list (the designation's
//   members); `has_evaluation` whether it includes evaluation or follow-research; `area_type` the
//   types, in force in the call's year, of the RegSOs it names as target areas (`target_areas`,
//   codes separated by commas, semicolons or spaces), so an application with areas of two types
//   counts under both (and once in every total), and one with no classified target area under
//   "no area type" (null).
// - indicator: one indicator value of a place. Municipality values, or RegSO values when the query
//   has area_type (on an axis or as a filter): the place's own type in force that year. Its county and
//   municipality are the place's; `designated` is whether its municipality is on any call's earmarked
//   list; `has_evaluation` whether its municipality has a granted application with evaluation
//   (follow-research), so indicator_change by has_evaluation compares municipalities with such a
//   grant with those without. Only the total (T) unless sex is on an axis or filtered.
//
// A register measure by indicator or sex, or an indicator measure by call, programme, applicant
// type, stage or status, has no meaning and is refused (CROSSTAB_UNSUPPORTED).

export type Family = 'register' | 'indicator';

const GRANTED = sql`('granted', 'partly_granted')`;

/**
 * The columns of one register row, as an application (with its organisation's type) and a row of
 * the summaries (a group of applications, see summaries.ts) both give them, under `r`; `gc` is its
 * call and `m` its municipality. Only an application has `target_areas`.
 */
export const registerColumns = ['call_id', 'municipality_code', 'applicant_type', 'stage', 'status', 'includes_evaluation'] as const;

/** Where a register dimension reads, and whether it needs the application's target areas (`ta`). */
interface RegisterDimension {
  sql: SqlFragment;
  targetAreas?: boolean;
}

/** The place an indicator value is about, as the chosen level gives it. */
export interface IndicatorPlace {
  municipality: SqlFragment;
  county: SqlFragment;
  /** The place's own area type in the value's year; null at municipality level. */
  areaType: SqlFragment;
  year: SqlFragment;
}

export interface DimensionDef {
  register?: RegisterDimension;
  indicator?: (place: IndicatorPlace) => SqlFragment;
  /** Where members get a name: the store's geography, calls or indicators. */
  names?: 'geography' | 'call' | 'indicator';
  /** Numbers (years, ids, types, 1/0 flags): a filter's "2021" from the command line is the number 2021. */
  numeric?: boolean;
  /** The values in the order a table shows them, where the vocabulary fixes one. */
  order?: readonly string[];
}

const inEarmarkedList = (municipality: SqlFragment) =>
  sql`(${municipality} IN (SELECT dm.geo_code FROM designation_members dm JOIN grant_calls ec ON ec.earmark_designation_id = dm.designation_id))`;

export const dimensions: Record<CrosstabDimension, DimensionDef> = {
  year: { register: { sql: sql`gc.year` }, indicator: (place) => place.year, numeric: true },
  call: { register: { sql: sql`r.call_id` }, names: 'call', numeric: true },
  programme: { register: { sql: sql`gc.programme` } },
  county: { register: { sql: sql`m.parent_code` }, indicator: (place) => place.county, names: 'geography' },
  municipality: { register: { sql: sql`r.municipality_code` }, indicator: (place) => place.municipality, names: 'geography' },
  applicant_type: { register: { sql: sql`r.applicant_type` }, order: applicantTypes },
  stage: { register: { sql: sql`r.stage` }, order: stages },
  status: { register: { sql: sql`r.status` }, order: statuses },
  has_evaluation: {
    numeric: true,
    register: { sql: sql`r.includes_evaluation` },
    // Read from the summaries' cuboid by municipality, status and evaluation: a few thousand rows, not every application.
    indicator: (place) =>
      sql`(${place.municipality} IN (SELECT cs.municipality_code FROM crosstab_summaries cs
        WHERE cs.cuboid = (SELECT id FROM crosstab_cuboids WHERE by_municipality AND by_status AND by_evaluation AND NOT by_applicant_type AND NOT by_stage)
          AND cs.includes_evaluation = 1 AND cs.status IN ${GRANTED}))`,
  },
  designated: {
    numeric: true,
    register: {
      // A lookup in the members' primary key per row: `IN (SELECT …)` correlated on the call made
      // the list again for every application.
      sql: sql`EXISTS (SELECT 1 FROM designation_members dm WHERE dm.designation_id = gc.earmark_designation_id AND dm.geo_code = r.municipality_code)`,
    },
    indicator: (place) => inEarmarkedList(place.municipality),
  },
  area_type: {
    numeric: true,
    register: { sql: sql`tay.area_type`, targetAreas: true },
    indicator: (place) => place.areaType,
  },
  indicator: { indicator: () => sql`s.indicator_code`, names: 'indicator' },
  sex: { indicator: () => sql`s.sex`, order: ['T', 'K', 'M'] },
};

/**
 * The target areas an application names in `target_areas`, RegSOs of its municipality, each with
 * its type in force in the call's year. The types are worked out once per area and call year (a
 * DISTINCT subquery is read once, not once per application) rather than for every application.
 */
export const targetAreaJoin = sql`LEFT JOIN stat_areas ta ON r.target_areas <> '' AND ta.kind = 'regso' AND ta.municipality_code = r.municipality_code
    AND instr(',' || replace(replace(r.target_areas, ' ', ','), ';', ',') || ',', ',' || ta.code || ',') > 0
  LEFT JOIN (SELECT DISTINCT y.code, y.year, ${areaTypeInForce(sql`y.code`, sql`y.year`)} AS area_type
               FROM (SELECT sa.code, c.year FROM stat_areas sa JOIN (SELECT DISTINCT year FROM grant_calls) c WHERE sa.kind = 'regso') y) tay
    ON tay.code = ta.code AND tay.year = gc.year`;

/** What a register row adds up; every measure of the family is made from these sums. */
export const registerSums = ['n', 'granted_n', 'requested', 'granted', 'paid', 'repaid'] as const;
export type RegisterSum = (typeof registerSums)[number];

/** The sums of one application: `a` is the applications table. */
export const applicationSums: Record<RegisterSum, SqlFragment> = {
  n: sql`1`,
  granted_n: sql`(a.status IN ${GRANTED})`,
  requested: sql`a.requested_ore`,
  granted: sql`a.granted_ore`,
  paid: sql`coalesce((SELECT sum(p.amount_ore) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'payment'), 0)`,
  repaid: sql`coalesce((SELECT sum(p.amount_ore) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'repayment'), 0)`,
};

/** A group's sums, and for per-capita its granted money where population is known and that population. */
export interface RegisterTotals {
  sums: Record<RegisterSum, number>;
  perCapita: { granted: number; population: number } | null;
}

export interface IndicatorTotals {
  values: number[];
}

export type MeasureDef =
  | { family: 'register'; unit: MeasureUnit; sums: readonly RegisterSum[]; perCapita?: boolean; value(totals: RegisterTotals): number | null }
  | { family: 'indicator'; unit: MeasureUnit; change?: boolean; value(totals: IndicatorTotals): number | null };

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const measures: Record<CrosstabMeasure, MeasureDef> = {
  applications: { family: 'register', unit: 'count', sums: ['n'], value: ({ sums }) => sums.n },
  granted_count: { family: 'register', unit: 'count', sums: ['granted_n'], value: ({ sums }) => sums.granted_n },
  // Granted over all applications of the cell, whatever their status: a total's rate is its own records', never a mean of rates.
  approval_rate: { family: 'register', unit: 'ratio', sums: ['n', 'granted_n'], value: ({ sums }) => ratio(sums.granted_n, sums.n) },
  requested_sek: { family: 'register', unit: 'ore', sums: ['requested'], value: ({ sums }) => sums.requested },
  granted_sek: { family: 'register', unit: 'ore', sums: ['granted'], value: ({ sums }) => sums.granted },
  paid_sek: { family: 'register', unit: 'ore', sums: ['paid'], value: ({ sums }) => sums.paid },
  repaid_sek: { family: 'register', unit: 'ore', sums: ['repaid'], value: ({ sums }) => sums.repaid },
  // Granted money of the cell's applications whose municipality has a population figure for the
  // call's year, over the population of those (municipality, year) pairs, each counted once.
  granted_sek_per_capita: {
    family: 'register',
    unit: 'ore_per_capita',
    sums: ['granted'],
    perCapita: true,
    value: ({ perCapita }) => (perCapita ? ratio(perCapita.granted, perCapita.population) : null),
  },
  indicator_mean: { family: 'indicator', unit: 'indicator', value: ({ values }) => mean(values) },
  indicator_median: { family: 'indicator', unit: 'indicator', value: ({ values }) => median(values) },
  // The mean, over the cell's places (and sexes), of each one's value in `to` minus its value in `from`; places without both are left out.
  indicator_change: { family: 'indicator', unit: 'indicator', change: true, value: ({ values }) => mean(values) },
};

export function supports(family: Family, dimension: CrosstabDimension): boolean {
  return dimensions[dimension][family] !== undefined;
}
