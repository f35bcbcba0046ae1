import type { HandlerMap } from '../context';
import { exportPackage, importPackage } from '../exchange/exchange';

export const exchangeHandlers = {
  'exchange.export': ({ scope, caseNumber, indicators, fileId, passphrase }, { store, files }) =>
    exportPackage(store.db, store.schemaVersion, files.resolve(fileId), { scope, caseNumber, indicators, passphrase }),
  'exchange.import': ({ fileId, passphrase, choices, dryRun }, { store, files }) =>
    importPackage(store.db, store.schemaVersion, files.resolve(fileId), { passphrase, choices, dryRun }),
} satisfies Partial<HandlerMap>;
