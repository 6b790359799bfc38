import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { Host, HostId } from '../../shared/domain';
import { removeHost, upsertHost } from './fleet-cache';
import { fleetPatches } from './fleet-patches';

/**
 * Writes a request's answer (a Host from the core) into the cache at once. The push event that
 * follows carries the same data; this only saves the wait (and the batching of push events:
 * see fleet-patches).
 */
export function useFleetWriter() {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const patch = (update: (fleet: FleetSnapshot) => FleetSnapshot) =>
      fleetPatches(queryClient).now(update);
    return {
      upsertHost: (host: Host) => patch((f) => upsertHost(f, host)),
      removeHost: (hostId: HostId) => patch((f) => removeHost(f, hostId)),
    };
  }, [queryClient]);
}
