import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import { AppError, unwrap, type Envelope } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import type { StoreChange } from '../../../main/contract/tables';
import type { GrantlensApi } from '../../../preload/api';

type ProgressListener = (progress: Progress | null) => void;
const progressListeners = new Set<ProgressListener>();
/** The call whose progress is on screen: when it is answered, its bar goes. */
let showing: string | null = null;
let lastCallId = 0;

/**
 * The renderer's only way to the data: a contract call, answered or failed with a typed AppError.
 * Aborting `signal` cancels the call where it runs and fails it at once with CANCELLED.
 */
export async function call<K extends CallName>(name: K, args: ArgsIn<K>, signal?: AbortSignal): Promise<Result<K>> {
  try {
    return unwrap<Result<K>>(await send(name, args, signal));
  } finally {
    if (showing === name) {
      showing = null;
      for (const listener of progressListeners) listener(null);
    }
  }
}

function send<K extends CallName>(name: K, args: ArgsIn<K>, signal?: AbortSignal): Promise<Envelope<unknown>> {
  // TypeScript cannot narrow the mapped method type by a generic key, so it is widened once here.
  const api: GrantlensApi[K] = window.grantlens[name];
  const method = api as (args: ArgsIn<K>, callId?: number) => Promise<Envelope<unknown>>;
  if (!signal) return method(args);
  if (signal.aborted) return Promise.reject(new AppError('CANCELLED', `${name} was cancelled.`));
  const callId = ++lastCallId;
  return new Promise<Envelope<unknown>>((resolve, reject) => {
    const abort = () => {
      window.grantlens.cancel(callId);
      reject(new AppError('CANCELLED', `${name} was cancelled.`));
    };
    signal.addEventListener('abort', abort, { once: true });
    method(args, callId)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Progress of the running long call, then null once that call has been answered, however it ended. */
export function onProgress(listener: ProgressListener): () => void {
  progressListeners.add(listener);
  const off = window.grantlens.onProgress((progress) => {
    showing = progress.call;
    listener(progress);
  });
  return () => {
    progressListeners.delete(listener);
    off();
  };
}

export function onChanges(listener: (change: StoreChange) => void): () => void {
  return window.grantlens.onChanges(listener);
}
