import type { Store } from '../store/open-store';

export type ReportProgress = (phase: string, done: number, total: number | null) => void;

/** What every service handler gets: the open store and a way to report progress on long work. */
export interface ServiceContext {
  store: Store;
  progress: ReportProgress;
}
