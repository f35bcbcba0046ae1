import type { Args, Result, ServiceCallName } from '../contract/calls';
import type { ParseWorker } from '../importers/indicators/parse-in-worker';
import type { Store } from '../store/open-store';
import type { FileRegistry } from './file-registry';

export type ReportProgress = (phase: string, done: number, total: number | null) => void;

/** What every service handler gets: the open store, the files the user chose, and progress reporting. */
export interface ServiceContext {
  store: Store;
  files: FileRegistry;
  progress: ReportProgress;
  /** Where large CSV files of indicator values are read; null, on this thread. */
  parseWorker: ParseWorker | null;
}

export type Handler<K extends ServiceCallName> = (args: Args<K>, context: ServiceContext) => Result<K> | Promise<Result<K>>;

export type HandlerMap = { [K in ServiceCallName]: Handler<K> };
