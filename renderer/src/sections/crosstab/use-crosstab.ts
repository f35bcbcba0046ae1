import { useCallback, useEffect, useRef, useState } from 'react';
import type { CrosstabQueryIn, CrosstabResult } from '../../../../main/contract/domains/crosstab';
import { indicatorTables, registerTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useTablesVersion } from '../../api/store-changes';

/** Past this a running cross-tab shows that it runs, with a Cancel button; before it a redraw would only flicker. */
export const SLOW_MS = 400;

const shows = [...registerTables, ...indicatorTables];

export interface CrosstabRun {
  /** The last answer and the query it answers: kept on screen while a newer one runs or after one failed. */
  shown: { query: CrosstabQueryIn; result: CrosstabResult } | null;
  error: unknown;
  /** Running for longer than SLOW_MS. */
  slow: boolean;
  cancelled: boolean;
  cancel: () => void;
}

/**
 * Runs the query on the reader pool whenever it or the data changes. A newer query supersedes the
 * running one (its answer is cancelled where it runs); Cancel stops it and keeps the last answer.
 */
export function useCrosstab(query: CrosstabQueryIn): CrosstabRun {
  const [shown, setShown] = useState<CrosstabRun['shown']>(null);
  const [error, setError] = useState<unknown>(null);
  const [slow, setSlow] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const running = useRef<AbortController | null>(null);
  const version = useTablesVersion(shows);
  const key = JSON.stringify(query);

  useEffect(() => {
    const controller = new AbortController();
    running.current = controller;
    const asked = JSON.parse(key) as CrosstabQueryIn;
    setCancelled(false);
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    call('crosstab.run', asked, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setShown({ query: asked, result });
        setError(null);
      },
      (caught: unknown) => !controller.signal.aborted && setError(caught),
    ).finally(() => {
      clearTimeout(timer);
      if (running.current === controller) setSlow(false);
    });
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, version]);

  const cancel = useCallback(() => {
    running.current?.abort();
    setSlow(false);
    setCancelled(true);
  }, []);

  return { shown, error, slow, cancelled, cancel };
}
