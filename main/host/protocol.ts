import type { Envelope, SerializedError } from '../contract/errors';
import type { Progress } from '../contract/progress';

/** Messages between the service host and a worker thread that owns a SQLite connection. */
export type HostRequest =
  | { type: 'open'; id: number; path: string }
  /** The writer refused this store as one a restore mends: stay on it, unopened, to list and restore its backups. */
  | { type: 'refused'; id: number; path: string; refusal: SerializedError }
  | { type: 'register-file'; id: number; path: string; fileId: string }
  | { type: 'call'; id: number; name: string; args: unknown }
  | { type: 'close'; id: number };

export type HostReply =
  | { type: 'done'; id: number; envelope: Envelope<unknown> }
  | { type: 'progress'; id: number; progress: Progress };

export interface WorkerSettings {
  resourcesDir: string;
  /**
   * Fault injection for tests and the bench: before answering this call, a thread spends `ms` in
   * SQLite, as a long count or cross-tab would, in statements nothing can interrupt.
   */
  stall?: { call: string; ms: number };
}

/** What each thread is started with: the one writer opens the store to write, readers to read. */
export interface WorkerData extends WorkerSettings {
  readOnly: boolean;
}
