import { useCallback, useEffect, useState } from 'react';
import { api } from './client.ts';
import { takePrefetched } from './prefetch.ts';

export interface ApiState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload(): void;
  /** Changes the data held, without a request (a live event carried the change). */
  patch(change: (data: T) => T): void;
}

/**
 * GETs `path` (again whenever it changes or `reload` is called); null skips the request. A GET of
 * the same path started earlier by `prefetch` is taken instead of a new one.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  // `tick` is not read: changing it is how `reload` asks for the same path again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!path) return;
    let live = true;
    setError(null);
    (takePrefetched<T>(path) ?? api<T>(path)).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const patch = useCallback((change: (data: T) => T) => setData((d) => (d === null ? d : change(d))), []);
  return { data, error, loading: path !== null && data === null && error === null, reload, patch };
}
