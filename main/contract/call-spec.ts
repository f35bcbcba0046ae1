import type { z } from 'zod';
import type { StoreTable } from './tables';

export interface CallSpec<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  /** Long calls send Progress events while they run (shown as a progress bar); no other call does. */
  progress: boolean;
  /** Calls that change the store go to the one writer; every other call runs on a reader. */
  writes: boolean;
  /** What a write call may change: after it succeeds, views showing these tables reload. */
  changes: readonly StoreTable[];
}

export function call<A extends z.ZodType, R extends z.ZodType>(
  args: A,
  result: R,
  options: { progress?: boolean; writes?: readonly [StoreTable, ...StoreTable[]] } = {},
): CallSpec<A, R> {
  return { args, result, progress: options.progress ?? false, writes: options.writes !== undefined, changes: options.writes ?? [] };
}
