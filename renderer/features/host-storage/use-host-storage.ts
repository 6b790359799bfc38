import { useQuery } from '@tanstack/react-query';
import type { HostId } from '../../../shared/domain/ids';
import { useClient } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

/** A host's storage pools and networks, read from it when its details are opened. */
export function useHostStorage(hostId: HostId, connected: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.hostStorage(hostId),
    queryFn: () => client.call('hosts:storage', { hostId }),
    enabled: connected,
    // A host's answer is a moment's truth: read again on open, never retried in a loop.
    staleTime: 0,
    retry: false,
  });
}
