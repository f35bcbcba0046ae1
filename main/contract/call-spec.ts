import type { z } from 'zod';

export interface CallSpec<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  /** Long calls send Progress events while they run; the UI shows them as a progress bar. */
  progress: boolean;
  /** Calls that change the store go to the one writer; every other call may run on a reader. */
  writes: boolean;
}

export function call<A extends z.ZodType, R extends z.ZodType>(
  args: A,
  result: R,
  options: { progress?: boolean; writes?: boolean } = {},
): CallSpec<A, R> {
  return { args, result, progress: options.progress ?? false, writes: options.writes ?? false };
}
