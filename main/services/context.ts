import type { Args, Result, ServiceCallName } from '../contract/calls';
import type { Store } from '../store/open-store';
import type { FileRegistry } from './file-registry';

export type ReportProgress = (phase: string, done: number, total: number | null) => void;

/** What every service handler gets: the open store, the files the user chose, and progress reporting. */
export interface ServiceContext {
  store: Store;
  files: FileRegistry;
  progress: ReportProgress;
}

export type Handler<K extends ServiceCallName> = (args: Args<K>, context: ServiceContext) => Result<K> | Promise<Result<K>>;

export type HandlerMap = { [K in ServiceCallName]: Handler<K> };
