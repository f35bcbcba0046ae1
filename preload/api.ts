import type { ArgsIn, CallName, Result } from '../main/contract/calls';
import type { Envelope } from '../main/contract/errors';
import type { Progress } from '../main/contract/progress';

/** What the preload puts on `window.grantlens`: one method per contract call, plus progress events. */
export type GrantlensApi = {
  [K in CallName]: (args: ArgsIn<K>) => Promise<Envelope<Result<K>>>;
} & {
  onProgress(listener: (progress: Progress) => void): () => void;
};

declare global {
  interface Window {
    grantlens: GrantlensApi;
  }
}
