import type { ServiceCallName } from '../contract/calls';
import { backupStore, type BackupPolicy } from '../store/backup';
import type { Store } from '../store/open-store';
import { isStoreEmpty } from './store-info';

/** The imports (an exchange package's merge too): each may change much of the store at once, so a rotated copy is taken before it. */
const importCalls: ReadonlySet<ServiceCallName> = new Set<ServiceCallName>([
  'import.run',
  'indicators.import',
  'areas.import',
  'indicators.importDefinitions',
  'boundaries.import',
  'exchange.import',
]);

/** Not for a dry run, which writes nothing, nor for an empty store, which has nothing to lose. */
export function backupBeforeImport(name: ServiceCallName, args: unknown, store: Store, policy: BackupPolicy | undefined): void {
  if (!importCalls.has(name) || (args as { dryRun?: boolean }).dryRun || isStoreEmpty(store.db)) return;
  backupStore(store.db, store.path, 'before-import', { policy });
}
