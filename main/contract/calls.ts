import { z } from 'zod';

// Every call between the renderer and the main process is declared here, once: its name, the
// schema its argument must pass at the boundary, and the shape of its result. Main, preload, the
// test bridge and the renderer all derive their types from this table.

const noArgs = z.strictObject({});

const tableCount = z.object({ table: z.string(), rows: z.number().int() });

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
});

export const demoResult = z.object({
  organisations: z.number().int(),
  calls: z.number().int(),
  applications: z.number().int(),
  decisions: z.number().int(),
  payments: z.number().int(),
  indicatorValues: z.number().int(),
});

interface CallSpec<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  /** Long calls send Progress events while they run; the UI shows them as a progress bar. */
  progress: boolean;
}

function call<A extends z.ZodType, R extends z.ZodType>(
  args: A,
  result: R,
  options: { progress?: boolean } = {},
): CallSpec<A, R> {
  return { args, result, progress: options.progress ?? false };
}

export const calls = {
  'store.info': call(noArgs, storeInfo),
  'store.markOnboarded': call(noArgs, storeInfo),
  'store.pickAndOpen': call(z.strictObject({ mode: z.enum(['open', 'create']) }), storeInfo.nullable()),
  'demo.load': call(demoArgs, demoResult, { progress: true }),
  'overview.get': call(noArgs, overview),
};

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** Calls that need a native dialog: the shell serves them, the store services never see them. */
export const shellCallNames = ['store.pickAndOpen'] as const satisfies readonly CallName[];
export type ShellCallName = (typeof shellCallNames)[number];
export type ServiceCallName = Exclude<CallName, ShellCallName>;
/** What a caller may pass (defaults still unapplied). */
export type ArgsIn<K extends CallName> = z.input<Calls[K]['args']>;
/** What a handler receives after validation. */
export type Args<K extends CallName> = z.output<Calls[K]['args']>;
export type Result<K extends CallName> = z.output<Calls[K]['result']>;

export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

export type StoreInfo = z.output<typeof storeInfo>;
export type Overview = z.output<typeof overview>;
export type DemoResult = z.output<typeof demoResult>;
export type ApplicantType = (typeof applicantTypes)[number];
export type Stage = (typeof stages)[number];
export type Status = (typeof statuses)[number];
