import { z } from 'zod';
import { call } from '../call-spec';
import { noArgs } from './store';

/** The checks `verify` runs, the cross-tab's kept summaries against their records last. */
export const storeCheckNames = ['integrity', 'foreignKeys', 'auditChain', 'summaries'] as const;

export const storeCheck = z.object({
  name: z.enum(storeCheckNames),
  /** What is wrong, one line each, at most the first hundred; empty when the check passed. */
  problems: z.array(z.string()),
});

export const verifyResult = z.object({
  ok: z.boolean(),
  checks: z.array(storeCheck),
});

export const integrityCalls = {
  // Runs on the store's file even when it did not open as damaged: that is when it is needed.
  'store.verify': call(noArgs, verifyResult, { progress: true }),
};

export type StoreCheckName = (typeof storeCheckNames)[number];
export type VerifyResult = z.output<typeof verifyResult>;
