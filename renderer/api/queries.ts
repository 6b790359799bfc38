import { useQuery } from '@tanstack/react-query';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { LogEntry } from '../../shared/domain';
import { useClient } from './api-context';
import { LOG_LIMIT, queryKeys } from './query-keys';

/**
 * The whole fleet, kept live by push events: it is never stale on its own, so it is fetched once
 * and again only after a reconnect.
 */
export function useFleet<T = FleetSnapshot>(select?: (fleet: FleetSnapshot) => T) {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.fleet(),
    queryFn: () => client.call('fleet:snapshot', {}),
    staleTime: Infinity,
    ...(select ? { select } : {}),
  });
}

export function useRecentLog() {
  const client = useClient();
  return useQuery<LogEntry[]>({
    queryKey: queryKeys.log(),
    queryFn: async () => {
      const entries = await client.call('log:recent', { limit: LOG_LIMIT });
      return [...entries].sort((a, b) => b.seq - a.seq);
    },
    staleTime: Infinity,
  });
}
