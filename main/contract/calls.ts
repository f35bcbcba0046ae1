import type { z } from 'zod';
import { analysesCalls } from './domains/analyses';
import { crosstabCalls } from './domains/crosstab';
import { callNameList } from './call-names';
import { evaluationCalls } from './domains/evaluation';
import { evaluationPlanCalls } from './domains/evaluation-plan';
import { backupCalls } from './domains/backups';
import { exchangeCalls } from './domains/exchange';
import { fileCalls } from './domains/files';
import { followUpCalls } from './domains/follow-up';
import { indicatorCalls } from './domains/indicators';
import { integrityCalls } from './domains/integrity';
import { registerCalls } from './domains/register';
import { storeCalls } from './domains/store';

export * from './domains/analyses';
export * from './domains/crosstab';
export * from './domains/evaluation';
export * from './domains/evaluation-plan';
export * from './domains/backups';
export * from './domains/exchange';
export * from './domains/files';
export * from './domains/follow-up';
export * from './domains/imports';
export * from './domains/indicators';
export * from './domains/integrity';
export * from './domains/paging';
export * from './domains/register';
export * from './domains/store';

// Every call between the renderer and the main process is in this one table: its name, the schema
// its argument must pass at the boundary, and the shape of its result. Each domain declares its
// calls in domains/; main, preload, the test bridge and the renderer all derive their types from here.
export const calls = {
  ...storeCalls,
  ...fileCalls,
  ...indicatorCalls,
  ...registerCalls,
  ...followUpCalls,
  ...crosstabCalls,
  ...analysesCalls,
  ...evaluationCalls,
  ...evaluationPlanCalls,
  ...backupCalls,
  ...integrityCalls,
  ...exchangeCalls,
};

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** Calls that need a native dialog: the shell serves them, the store services never see them. */
export const shellCallNames = ['store.pickAndOpen', 'files.pick', 'evaluation.printPdf', 'evaluation.openAttachment'] as const satisfies readonly CallName[];
export type ShellCallName = (typeof shellCallNames)[number];
export type ServiceCallName = Exclude<CallName, ShellCallName>;

export function isShellCall(name: CallName): name is ShellCallName {
  return (shellCallNames as readonly CallName[]).includes(name);
}
/** What a caller may pass (defaults still unapplied). */
export type ArgsIn<K extends CallName> = z.input<Calls[K]['args']>;
/** What a handler receives after validation. */
export type Args<K extends CallName> = z.output<Calls[K]['args']>;
export type Result<K extends CallName> = z.output<Calls[K]['result']>;

/** Does not compile when call-names.ts lists a call the table lacks; a test finds one it misses. */
export const callNames: readonly CallName[] = callNameList;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
