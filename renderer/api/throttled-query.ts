import { hashKey, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * A query's cached data, handed on at most once per `intervalMs` (the first change at once, the
 * last one of a burst always). At 1,000 hosts a sample round is 1,000 `metrics:sampled` events:
 * a view of every host redraws a few times per round, not a thousand times.
 * Reads only: the query must be kept fetched by a `useQuery` elsewhere.
 */
export function useThrottledQueryData<T>(queryKey: QueryKey, intervalMs: number): T | undefined {
  const client = useQueryClient();
  const hash = hashKey(queryKey);
  const [data, setData] = useState(() => client.getQueryData<T>(queryKey));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      setData(client.getQueryCache().get<T>(hash)?.state.data);
    };
    flush();
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.query.queryHash !== hash || event.type !== 'updated' || timer !== undefined) return;
      timer = setTimeout(flush, Math.max(0, last + intervalMs - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, hash, intervalMs]);
  return data;
}
