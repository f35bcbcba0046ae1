import { calls, mendsByRestore, type Args, type BackupEntry, type PickedFile, type ServiceCallName, type StoreInfo } from '../contract/calls';
import { AppError, serializeError, type Envelope, type SerializedError } from '../contract/errors';
import type { Progress } from '../contract/progress';
import { validateCall } from '../contract/validate';
import type { ParseWorker } from '../domain/parse-worker';
import type { ReportProgress } from '../domain/progress';
import { parseWorkerAt } from '../importers/indicators/parse-in-worker';
import { openStore, openStoreReadOnly, type Store, type StoreOptions } from '../store/open-store';
import { translateStoreError } from '../store/store-errors';
import { backupBeforeImport } from './backup-before-import';
import type { Handler, ServiceContext } from './context';
import { FileRegistry } from './file-registry';
import { handlers } from './handlers';
import { storeInfo } from './store-info';

const PROGRESS_INTERVAL_MS = 100;

/** At most one event every 100 ms, plus the last one, so a fast loop cannot flood the UI. */
function throttledProgress(call: string, emit: (progress: Progress) => void): ReportProgress {
  let last = 0;
  return (phase, done, total) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS && done !== total) return;
    last = now;
    emit({ call, phase, done, total });
  };
}

export interface ServicesOptions extends StoreOptions {
  /**
   * The parse worker's bundle (out/main/csv-parse-worker.js), which the entry bundles know the place
   * of; without it large CSV files are read on the importing thread, as under Vitest.
   */
  parseWorkerFile?: string;
  /** Opens stores for reading only: such services answer the calls that do not write. */
  readOnly?: boolean;
}

/**
 * The whole back end behind the contract, with no Electron in it: the worker thread, the test
 * bridge and the unit tests all drive this same object.
 */
export class Services {
  private store: Store | null = null;
  /**
   * The store last asked for, kept when it was refused as one a restore mends and no other is open:
   * a damaged store can still have its backups listed and be restored.
   */
  private storePath: string | null = null;
  /** Why that store was refused: what a call that needs the store answers, naming the file. */
  private refusal: AppError | null = null;
  private readonly files = new FileRegistry();
  private readonly parseWorker: ParseWorker | null;

  constructor(private readonly options: ServicesOptions) {
    this.parseWorker = options.parseWorkerFile ? parseWorkerAt(options.parseWorkerFile) : null;
  }

  /** Opens another store; if it cannot be opened, the current one stays open. */
  open(path: string): StoreInfo {
    let next: Store;
    try {
      next = this.options.readOnly ? openStoreReadOnly(path, this.options) : openStore(path, this.options);
    } catch (error) {
      if (!this.store && error instanceof AppError && mendsByRestore(error.code)) this.onRefused(path, error);
      throw error;
    }
    this.store?.close();
    this.store = next;
    this.storePath = path;
    this.refusal = null;
    return storeInfo(next);
  }

  /**
   * Stays on a store the writer refused, without opening it: a reader's read-only open skips the
   * page check and might serve a damaged file as if it were whole.
   */
  adoptRefused(path: string, refusal: SerializedError): void {
    this.close();
    this.onRefused(path, new AppError(refusal.code, refusal.message, refusal.details));
  }

  private onRefused(path: string, refusal: AppError): void {
    this.storePath = path;
    this.refusal = refusal;
  }

  /**
   * A file the user chose in a native dialog; calls then name it by the returned id. A host with
   * several threads gives each the id it gave the first, so any of them can serve the call.
   */
  registerFile(path: string, fileId?: string): PickedFile {
    return this.files.register(path, fileId);
  }

  async call(name: unknown, args: unknown, onProgress: (progress: Progress) => void = () => {}): Promise<Envelope<unknown>> {
    try {
      const valid = validateCall(name, args);
      const handler = handlers[valid.name as ServiceCallName] as Handler<ServiceCallName> | undefined;
      if (!handler) throw new AppError('UNKNOWN_CALL', `${valid.name} is served by the application window, not the store.`);
      const services = this;
      const context: ServiceContext = {
        get store() {
          if (!services.store) throw services.refusal ?? new AppError('STORE_UNREADABLE', 'No store is open.');
          return services.store;
        },
        get storePath() {
          if (!services.storePath) throw new AppError('STORE_UNREADABLE', 'No store is open.');
          return services.storePath;
        },
        files: this.files,
        progress: calls[valid.name].progress ? throttledProgress(valid.name, onProgress) : () => {},
        parseWorker: this.parseWorker,
        resourcesDir: this.options.resourcesDir,
        backupPolicy: this.options.backupPolicy,
        replaceStore: (replace) => this.replaceStore(replace),
      };
      if (this.store && !this.options.readOnly) backupBeforeImport(valid.name as ServiceCallName, valid.args, this.store, this.options.backupPolicy);
      return { ok: true, value: await handler(valid.args as Args<ServiceCallName>, context) };
    } catch (error) {
      return { ok: false, error: serializeError(this.storePath ? translateStoreError(error, this.storePath) : error) };
    }
  }

  private replaceStore(replace: (storePath: string) => BackupEntry | null): { safetyCopy: BackupEntry | null; store: StoreInfo } {
    if (!this.storePath) throw new AppError('STORE_UNREADABLE', 'No store is open.');
    const path = this.storePath;
    this.store?.close();
    this.store = null;
    let safetyCopy: BackupEntry | null = null;
    let failure: unknown = null;
    try {
      safetyCopy = replace(path);
    } catch (error) {
      failure = error;
    }
    // A store that was damaged before a refused restore stays so: the refusal is the answer, not the damage.
    try {
      this.store = openStore(path, this.options);
      this.refusal = null;
    } catch (error) {
      if (error instanceof AppError && mendsByRestore(error.code)) this.refusal = error;
      if (failure === null) throw error;
    }
    if (failure !== null || !this.store) throw failure;
    return { safetyCopy, store: storeInfo(this.store) };
  }

  close(): void {
    this.store?.close();
    this.store = null;
  }
}
