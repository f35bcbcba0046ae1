import type { z } from 'zod';

export interface CallSpec<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  /** Long calls send Progress events while they run; the UI shows them as a progress bar. */
  progress: boolean;
}

export function call<A extends z.ZodType, R extends z.ZodType>(
  args: A,
  result: R,
  options: { progress?: boolean } = {},
): CallSpec<A, R> {
  return { args, result, progress: options.progress ?? false };
}
