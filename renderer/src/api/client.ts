import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import { unwrap, type Envelope } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import type { GrantlensApi } from '../../../preload/api';

type ProgressListener = (progress: Progress | null) => void;
const progressListeners = new Set<ProgressListener>();
/** The call whose progress is on screen: when it is answered, its bar goes. */
let showing: string | null = null;

/** The renderer's only way to the data: a contract call, answered or failed with a typed AppError. */
export async function call<K extends CallName>(name: K, args: ArgsIn<K>): Promise<Result<K>> {
  // TypeScript cannot narrow the mapped method type by a generic key, so it is widened once here.
  const method: GrantlensApi[K] = window.grantlens[name];
  try {
    return unwrap<Result<K>>(await (method as (args: ArgsIn<K>) => Promise<Envelope<unknown>>)(args));
  } finally {
    if (showing === name) {
      showing = null;
      for (const listener of progressListeners) listener(null);
    }
  }
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
