import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import { unwrap, type Envelope } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import type { GrantlensApi } from '../../../preload/api';

/** The renderer's only way to the data: a contract call, answered or failed with a typed AppError. */
export async function call<K extends CallName>(name: K, args: ArgsIn<K>): Promise<Result<K>> {
  // TypeScript cannot narrow the mapped method type by a generic key, so it is widened once here.
  const method: GrantlensApi[K] = window.grantlens[name];
  return unwrap<Result<K>>(await (method as (args: ArgsIn<K>) => Promise<Envelope<unknown>>)(args));
}

export function onProgress(listener: (progress: Progress) => void): () => void {
  return window.grantlens.onProgress(listener);
}
