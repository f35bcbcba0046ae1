import { useCallback, useEffect, useState } from 'react';
import type { ArgsIn, CallName, Result } from '../../../main/contract/calls';
import { call } from './client';

export interface CallState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads a call's result when a component mounts and whenever `version` changes. */
export function useCall<K extends CallName>(name: K, args: ArgsIn<K>, version = 0): CallState<Result<K>> {
  const [state, setState] = useState<{ data?: Result<K>; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(args);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    call(name, JSON.parse(key) as ArgsIn<K>).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [name, key, version, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
