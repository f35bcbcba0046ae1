import { z } from 'zod';
import { call } from '../call-spec';
import { storeTables } from '../tables';

export const noArgs = z.strictObject({});

export const tableCount = z.object({ table: z.string(), rows: z.number().int() });

export const storeInfo = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  onboarded: z.boolean(),
  isEmpty: z.boolean(),
  counts: z.array(tableCount),
});

export const applicantTypes = [
  'municipality',
  'region',
  'municipal_federation',
  'non_profit',
  'foundation',
  'other',
] as const;
export const stages = ['survey', 'needs_analysis', 'plan', 'long_term', 'evaluation'] as const;
export const statuses = [
  'received',
  'in_review',
  'granted',
  'partly_granted',
  'rejected',
  'withdrawn',
] as const;
export const reportKinds = ['progress', 'final', 'financial'] as const;
export const paymentKinds = ['payment', 'repayment'] as const;

const yearRow = z.object({
  year: z.number().int(),
  applications: z.number().int(),
  granted: z.number().int(),
  requestedOre: z.number().int(),
  grantedOre: z.number().int(),
  budgetOre: z.number().int(),
  earmarkedOre: z.number().int(),
});

const applicantTypeRow = z.object({
  type: z.enum(applicantTypes),
  applications: z.number().int(),
  granted: z.number().int(),
  grantedOre: z.number().int(),
});

export const overview = z.object({
  totals: z.object({
    applications: z.number().int(),
    granted: z.number().int(),
    organisations: z.number().int(),
    calls: z.number().int(),
    municipalitiesReached: z.number().int(),
    requestedOre: z.number().int(),
    grantedOre: z.number().int(),
    indicatorValues: z.number().int(),
  }),
  byYear: z.array(yearRow),
  byApplicantType: z.array(applicantTypeRow),
});

export const demoArgs = z.strictObject({
  scale: z.number().int().min(1).max(1000).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(2021),
  /** The day the demo is dated around; left out, the user's today. */
  today: z.iso.date('a date as YYYY-MM-DD').optional(),
});

export const demoResult = z.object({
  organisations: z.number().int(),
  calls: z.number().int(),
  applications: z.number().int(),
  decisions: z.number().int(),
  payments: z.number().int(),
  indicatorValues: z.number().int(),
});

export const storeCalls = {
  'store.info': call(noArgs, storeInfo),
  'store.markOnboarded': call(noArgs, storeInfo, { writes: ['app_meta'] }),
  // Another store (or a new one, migrated) replaces every table's contents.
  'store.pickAndOpen': call(z.strictObject({ mode: z.enum(['open', 'create']) }), storeInfo.nullable(), { writes: storeTables }),
  'demo.load': call(demoArgs, demoResult, { progress: true, writes: storeTables }),
  'overview.get': call(noArgs, overview),
};

export type StoreInfo = z.output<typeof storeInfo>;
export type Overview = z.output<typeof overview>;
export type DemoResult = z.output<typeof demoResult>;
export type ApplicantType = (typeof applicantTypes)[number];
export type Stage = (typeof stages)[number];
export type Status = (typeof statuses)[number];
