import { useCallback, useEffect, useState } from 'react';
import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import type { StoreTable } from '../../../main/contract/tables';
import { call } from './client';
import { useTablesVersion } from './store-changes';

export interface CallState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a call's result when a component mounts, when its arguments change and when a write
 * changes one of `shows`. An answer no longer wanted (new arguments, unmounted) is cancelled.
 */
export function useCall<K extends CallName>(name: K, args: ArgsIn<K>, shows: readonly StoreTable[]): CallState<Result<K>> {
  const [state, setState] = useState<{ data?: Result<K>; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const version = useTablesVersion(shows);
  const key = JSON.stringify(args);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    call(name, JSON.parse(key) as ArgsIn<K>, controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState({ error, loading: false }),
    );
    return () => controller.abort();
  }, [name, key, version, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
