import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import { unwrap } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import type { GrantlensApi } from '../../../preload/api';

declare global {
  interface Window {
    grantlens: GrantlensApi;
  }
}

/** The renderer's only way to the data: a contract call, answered or failed with a typed AppError. */
export async function call<K extends CallName>(name: K, args: ArgsIn<K>): Promise<Result<K>> {
  const method = window.grantlens[name] as (args: ArgsIn<K>) => Promise<Parameters<typeof unwrap>[0]>;
  return unwrap<Result<K>>(await method(args));
}

export function onProgress(listener: (progress: Progress) => void): () => void {
  return window.grantlens.onProgress(listener);
}
