import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import { AppError, unwrap, type Envelope } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import type { StoreChange } from '../../../main/contract/tables';
import type { GrantlensApi } from '../../../preload/api';

let lastCallId = 0;

/**
 * The renderer's only way to the data: a contract call, answered or failed with a typed AppError.
 * Aborting `signal` cancels the call where it runs and fails it at once with CANCELLED.
 */
export async function call<K extends CallName>(name: K, args: ArgsIn<K>, signal?: AbortSignal): Promise<Result<K>> {
  // TypeScript cannot narrow the mapped method type by a generic key, so it is widened once here.
  const api: GrantlensApi[K] = window.grantlens[name];
  const method = api as (args: ArgsIn<K>, callId?: number) => Promise<Envelope<unknown>>;
  if (!signal) return unwrap<Result<K>>(await method(args));
  if (signal.aborted) throw new AppError('CANCELLED', `${name} was cancelled.`);
  const callId = ++lastCallId;
  const envelope = await new Promise<Envelope<unknown>>((resolve, reject) => {
    const abort = () => {
      window.grantlens.cancel(callId);
      reject(new AppError('CANCELLED', `${name} was cancelled.`));
    };
    signal.addEventListener('abort', abort, { once: true });
    method(args, callId)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', abort));
  });
  return unwrap<Result<K>>(envelope);
}

export function onProgress(listener: (progress: Progress) => void): () => void {
  return window.grantlens.onProgress(listener);
}

export function onChanges(listener: (change: StoreChange) => void): () => void {
  return window.grantlens.onChanges(listener);
}
