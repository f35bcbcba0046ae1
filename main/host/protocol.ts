import type { Envelope } from '../contract/errors';
import type { Progress } from '../contract/progress';

/** Messages between the service host and the worker thread that owns the SQLite connection. */
export type HostRequest =
  | { type: 'open'; id: number; path: string }
  | { type: 'register-file'; id: number; path: string }
  | { type: 'call'; id: number; name: string; args: unknown }
  | { type: 'close'; id: number };

export type HostReply =
  | { type: 'done'; id: number; envelope: Envelope<unknown> }
  | { type: 'progress'; id: number; progress: Progress };

export interface WorkerSettings {
  resourcesDir: string;
}
