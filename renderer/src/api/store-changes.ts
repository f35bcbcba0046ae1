import { useEffect, useState } from 'react';
import type { StoreTable } from '../../../main/contract/tables';
import { onChanges } from './client';

// A view names the tables it shows (the contract's groups, or single tables) and reloads when a
// write, in this window or another, changes one of them.

/** Grows by one whenever a write changes one of `tables`: pass it where a view should reload. */
export function useTablesVersion(tables: readonly StoreTable[]): number {
  const [version, setVersion] = useState(0);
  const key = tables.join(' ');
  useEffect(() => {
    const shown = new Set(key.split(' '));
    return onChanges((change) => {
      if (change.tables.some((table) => shown.has(table))) setVersion((v) => v + 1);
    });
  }, [key]);
  return version;
}
