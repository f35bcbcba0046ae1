import { z } from 'zod';
import { rowId } from './paging';
import { call } from '../call-spec';
import { calendarDay } from '../field-rules';
import { indicatorSexes } from './indicators';
import { stages } from './store';

// Evaluation across the portfolio: the effect of grants on an indicator by staggered
// difference-in-differences (main/domain/evaluation/did.ts), with the register saying which places
// are treated from which year.

export const didLevels = ['municipality', 'regso'] as const;
export const didControls = ['never', 'notyet'] as const;

export const didArgs = z.strictObject({
  indicator: z.string().min(1).max(40),
  sex: z.enum(indicatorSexes).default('T'),
  /** Municipalities through the application's municipality, RegSOs through its target areas. */
  level: z.enum(didLevels).default('municipality'),
  /** Comparison places: never treated, or not yet treated in the cell's year. */
  control: z.enum(didControls).default('never'),
  // Which grants count as treatment; a place whose grants all fall outside is untreated.
  programme: z.string().trim().min(1).max(200).optional(),
  callId: rowId.optional(),
  stage: z.enum(stages).optional(),
  /** true: only grants that fund evaluation or follow-research; false: only those that do not. */
  followResearch: z.boolean().optional(),
});

const estimate = { att: z.number(), se: z.number(), low: z.number(), high: z.number() };
const year = z.number().int();
/** A bound on rows that grow with cohorts × years, far above any register's. */
const MAX_CELLS = 10_000;

export const didResult = z.object({
  indicator: z.string(),
  sex: z.enum(indicatorSexes),
  level: z.enum(didLevels),
  control: z.enum(didControls),
  years: z.array(year).max(500),
  cells: z
    .array(
      z.object({
        cohort: year,
        year,
        baseYear: year,
        ...estimate,
        treated: z.number().int(),
        comparison: z.number().int(),
        /** Places of the cohort or the comparison without a value in one of the cell's two years. */
        missing: z.number().int(),
      }),
    )
    .max(MAX_CELLS),
  emptyCells: z.array(z.object({ cohort: year, year, treated: z.number().int(), comparison: z.number().int() })).max(MAX_CELLS),
  /** e < 0 are the placebo pre-periods: the pre-trend chart. */
  event: z.array(z.object({ e: z.number().int(), ...estimate })).max(MAX_CELLS),
  overall: z.object(estimate).nullable(),
  places: z.object({
    /** Places with a value of the indicator: the n of every standard error. */
    used: z.number().int(),
    treatedFromStart: z.number().int(),
    treatedAfterEnd: z.number().int(),
    cohorts: z.array(z.object({ cohort: year, places: z.number().int() })).max(500),
    never: z.number().int(),
    /** Treated places that have no value of the indicator, so are not in the panel. */
    treatedWithoutValues: z.number().int(),
  }),
  /** The granted or partly granted applications the filters let count. */
  grants: z.number().int(),
});

// The status of every multi-year grant (granted or partly granted over more than one year), with
// its reasons as codes and params: the UI words them in Swedish or English.
export const grantStatuses = ['on_track', 'at_risk', 'late', 'completed'] as const;
export const statusReasonCodes = ['milestone_overdue', 'report_overdue', 'indicator_against_target', 'risk_high', 'all_done', 'on_schedule'] as const;

export const statusArgs = z.strictObject({
  /** The day to judge on; left out, the user's today. */
  today: calendarDay.optional(),
});

const yearValue = z.object({ year, value: z.number() }).nullable();
const maybe = z.number().nullable();

export const statusReason = z.object({
  code: z.enum(statusReasonCodes),
  params: z.record(z.string().max(40), z.union([z.string().max(2000), z.number()])),
});

export const trackedIndicatorFollowUp = z.object({
  indicator: z.string(),
  /** As the store names it, in both languages: the status reason and the dashboard say it in the reader's. */
  indicatorName: z.object({ sv: z.string(), en: z.string() }),
  sex: z.enum(indicatorSexes),
  geo: z.string(),
  /** The place's name; its code where the store has no name for it. */
  geoName: z.string(),
  baseline: yearValue,
  latest: yearValue,
  change: maybe,
  target: yearValue,
  distanceToTarget: maybe,
  comparisonChange: maybe,
  comparisonPlaces: z.number().int(),
  difference: maybe,
  direction: z.enum(['toward', 'against', 'none']).nullable(),
});

export const grantStatusRow = z.object({
  applicationId: z.number().int(),
  caseNumber: z.string(),
  title: z.string(),
  firstYear: year,
  lastYear: year,
  followResearch: z.boolean(),
  status: z.enum(grantStatuses),
  reasons: z.array(statusReason).max(10_000),
  indicators: z.array(trackedIndicatorFollowUp).max(1000),
});

export const statusResult = z.object({
  today: z.string(),
  counts: z.record(z.enum(grantStatuses), z.number().int()),
  /** Every multi-year grant, by case number: a register holds some thousands at most. */
  grants: z.array(grantStatusRow).max(1_000_000),
});

export const evaluationCalls = {
  'evaluation.did': call(didArgs, didResult),
  'evaluation.status': call(statusArgs, statusResult),
};

export type EvaluationDidArgs = z.output<typeof didArgs>;
export type EvaluationDid = z.output<typeof didResult>;
export type GrantStatus = (typeof grantStatuses)[number];
export type StatusReasonCode = (typeof statusReasonCodes)[number];
export type StatusReason = z.output<typeof statusReason>;
export type EvaluationStatus = z.output<typeof statusResult>;
