import type { Args, BackupEntry, Result, ServiceCallName, StoreInfo } from '../contract/calls';
import type { ParseWorker } from '../domain/parse-worker';
import type { ReportProgress } from '../domain/progress';
import type { BackupPolicy } from '../store/backup';
import type { Store } from '../store/open-store';
import type { FileRegistry } from './file-registry';

/** What every service handler gets: the open store, the files the user chose, and progress reporting. */
export interface ServiceContext {
  /** The open store; reading it fails the call when the store did not open. */
  store: Store;
  /** The store's file, known also when it is damaged and did not open, so it can be restored. */
  storePath: string;
  files: FileRegistry;
  progress: ReportProgress;
  /** Where large CSV files of indicator values are read; null, on this thread. */
  parseWorker: ParseWorker | null;
  /** Folder holding `migrations/` and `reference/`. */
  resourcesDir: string;
  backupPolicy: BackupPolicy | undefined;
  /**
   * Closes the store, lets `replace` change its file, and opens it again (checked and migrated as
   * any open); the store reopens even when `replace` fails, which then fails the call.
   */
  replaceStore(replace: (storePath: string) => BackupEntry | null): { safetyCopy: BackupEntry | null; store: StoreInfo };
}

export type Handler<K extends ServiceCallName> = (args: Args<K>, context: ServiceContext) => Result<K> | Promise<Result<K>>;

export type HandlerMap = { [K in ServiceCallName]: Handler<K> };
