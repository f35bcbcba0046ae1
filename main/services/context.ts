import type { Args, Result, ServiceCallName } from '../contract/calls';
import type { ParseWorker } from '../domain/parse-worker';
import type { ReportProgress } from '../domain/progress';
import type { Store } from '../store/open-store';
import type { FileRegistry } from './file-registry';

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
