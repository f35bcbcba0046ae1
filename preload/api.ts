import type { ArgsIn, CallName, Result } from '../main/contract/calls';
import type { Envelope } from '../main/contract/errors';
import type { Progress } from '../main/contract/progress';
import type { StoreChange } from '../main/contract/tables';

/**
 * What the preload puts on `window.grantlens`: one method per contract call, a way to cancel one,
 * and progress and change events. A call given an id (unique in the window) can be cancelled by it.
 */
export type GrantlensApi = {
  [K in CallName]: (args: ArgsIn<K>, callId?: number) => Promise<Envelope<Result<K>>>;
} & {
  cancel(callId: number): void;
  onProgress(listener: (progress: Progress) => void): () => void;
  onChanges(listener: (change: StoreChange) => void): () => void;
};

declare global {
  interface Window {
    grantlens: GrantlensApi;
  }
}
