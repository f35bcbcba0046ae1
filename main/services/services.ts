import type { Args, Result, ServiceCallName, StoreInfo } from '../contract/calls';
import { shellCallNames } from '../contract/calls';
import { AppError, serializeError, type Envelope } from '../contract/errors';
import type { Progress } from '../contract/progress';
import { validateCall } from '../contract/validate';
import { openStore, type Store, type StoreOptions } from '../store/open-store';
import type { ReportProgress, ServiceContext } from './context';
import { generateDemo } from './demo/generate-demo';
import { overview } from './overview';
import { markOnboarded, storeInfo } from './store-info';

type Handler<K extends ServiceCallName> = (args: Args<K>, context: ServiceContext) => Result<K> | Promise<Result<K>>;

const handlers: { [K in ServiceCallName]: Handler<K> } = {
  'store.info': (_args, { store }) => storeInfo(store),
  'store.markOnboarded': (_args, { store }) => markOnboarded(store),
  'demo.load': (args, context) => generateDemo(context, args),
  'overview.get': (_args, { store }) => overview(store),
};

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

/**
 * The whole back end behind the contract, with no Electron in it: the worker thread, the test
 * bridge and the unit tests all drive this same object.
 */
export class Services {
  private store: Store | null = null;

  constructor(private readonly options: StoreOptions) {}

  /** Opens another store; if it cannot be opened, the current one stays open. */
  open(path: string): StoreInfo {
    const next = openStore(path, this.options);
    this.store?.close();
    this.store = next;
    return storeInfo(next);
  }

  async call(name: unknown, args: unknown, onProgress: (progress: Progress) => void = () => {}): Promise<Envelope<unknown>> {
    try {
      const valid = validateCall(name, args);
      if ((shellCallNames as readonly string[]).includes(valid.name)) {
        throw new AppError('UNKNOWN_CALL', `${valid.name} is served by the application window, not the store.`);
      }
      if (!this.store) throw new AppError('STORE_UNREADABLE', 'No store is open.');
      const handler = handlers[valid.name as ServiceCallName] as Handler<ServiceCallName>;
      const context = { store: this.store, progress: throttledProgress(valid.name, onProgress) };
      return { ok: true, value: await handler(valid.args as Args<ServiceCallName>, context) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  }

  close(): void {
    this.store?.close();
    this.store = null;
  }
}
