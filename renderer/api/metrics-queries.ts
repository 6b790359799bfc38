import { useQuery } from '@tanstack/react-query';
import type { HostSample } from '../../shared/domain/metrics';
import { useClient } from './api-context';
import type { LatestSamples } from './metrics-cache';
import { queryKeys } from './query-keys';
import { useThrottledQueryData } from './throttled-query';

function latestSamplesQuery(client: ReturnType<typeof useClient>) {
  return {
    queryKey: queryKeys.metricsLatest(),
    queryFn: async (): Promise<LatestSamples> =>
      Object.fromEntries((await client.call('metrics:latest', {})).map((s) => [s.hostId, s])),
    staleTime: Infinity,
  };
}

/** One host's latest sample (its VMs' figures inside), or undefined before the first. */
export function useHostSample(hostId: string): HostSample | undefined {
  const client = useClient();
  const { data } = useQuery({
    ...latestSamplesQuery(client),
    select: (all: LatestSamples) => all[hostId],
  });
  return data;
}

/**
 * Every host's latest sample, handed on at most once per `intervalMs` (a sample round at 1,000
 * hosts is 1,000 events): for views of the whole fleet.
 */
export function useLatestSamples(intervalMs: number): LatestSamples | undefined {
  const client = useClient();
  // Keeps the samples fetched without re-rendering on each event; the throttled read does that.
  useQuery({ ...latestSamplesQuery(client), notifyOnChangeProps: [] });
  return useThrottledQueryData<LatestSamples>(queryKeys.metricsLatest(), intervalMs);
}
