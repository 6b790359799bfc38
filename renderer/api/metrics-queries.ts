import { useQuery } from '@tanstack/react-query';
import type { HostSample } from '../../shared/domain/metrics';
import { useClient } from './api-context';
import type { LatestSamples } from './metrics-cache';
import { queryKeys } from './query-keys';

/** One host's latest sample (its VMs' figures inside), or undefined before the first. */
export function useHostSample(hostId: string): HostSample | undefined {
  const client = useClient();
  const { data } = useQuery({
    queryKey: queryKeys.metricsLatest(),
    queryFn: async (): Promise<LatestSamples> =>
      Object.fromEntries((await client.call('metrics:latest', {})).map((s) => [s.hostId, s])),
    staleTime: Infinity,
    select: (all: LatestSamples) => all[hostId],
  });
  return data;
}
