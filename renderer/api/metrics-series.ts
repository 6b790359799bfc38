import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type {
  HostSample,
  MetricName,
  MetricSeries,
  MetricSeriesRequest,
} from '../../shared/domain/metrics';
import { useClient } from './api-context';
import { useLatestSamples } from './metrics-queries';
import { queryKeys } from './query-keys';
import { appendSample } from './series-append';

/** One series a chart wants, and the host whose samples carry the object's figures. */
export interface SeriesWant {
  objectId: string;
  metric: MetricName;
  hostId: string;
  kind: 'host' | 'vm';
}

/** The object's figure for a metric in one host sample (undefined: none in this sample). */
export function figureIn(sample: HostSample, want: SeriesWant): number | undefined {
  const { metric } = want;
  if (want.kind === 'host') return (sample.host as Partial<Record<MetricName, number>>)[metric];
  const vm = sample.vms.find((v) => v.vmId === want.objectId);
  return vm === undefined ? undefined : (vm as Partial<Record<MetricName, number>>)[metric];
}

/**
 * Histories for a set of charts, fetched once per range (`request` makes each request when it is
 * sent, so a refetch after a reconnect asks for the range as of then). With `live`, every new host sample
 * (metrics:sampled, already kept in the latest-samples cache) is appended to the series it feeds
 * and the window slides by `liveMs`, without asking the core again.
 */
export function useSeriesSet(
  wants: readonly SeriesWant[],
  request: (want: SeriesWant) => MetricSeriesRequest,
  range: string,
  live: boolean,
  liveMs: number,
): { series: (MetricSeries | undefined)[]; loading: boolean; error: Error | null } {
  const client = useClient();
  const queryClient = useQueryClient();
  const answers = useQueries({
    queries: wants.map((want) => ({
      queryKey: queryKeys.metricsSeries(want.objectId, want.metric, range),
      queryFn: () => client.call('metrics:series', request(want)),
      // The live hour is kept fresh by samples; a past range does not change.
      staleTime: Infinity,
      gcTime: 60_000,
    })),
  });
  // Throttled like every whole-fleet view; a host samples every 5 s at the most, so none is missed.
  const samples = useLatestSamples(250);
  const applied = useRef(new Map<string, number>());
  useEffect(() => {
    if (!live || samples === undefined) return;
    for (const want of wants) {
      const sample = samples[want.hostId];
      const key = queryKeys.metricsSeries(want.objectId, want.metric, range);
      const id = key.join('\u0000');
      if (sample === undefined || (applied.current.get(id) ?? 0) >= sample.at) continue;
      const value = figureIn(sample, want);
      if (value === undefined) continue;
      applied.current.set(id, sample.at);
      queryClient.setQueryData<MetricSeries>(
        key,
        (old) =>
          old && {
            ...old,
            points: appendSample(old.points, sample.at, value, old.stepMs, sample.at - liveMs),
          },
      );
    }
  }, [samples, wants, live, range, liveMs, queryClient]);
  return {
    series: answers.map((a) => a.data),
    loading: answers.some((a) => a.isPending),
    error: answers.find((a) => a.error)?.error ?? null,
  };
}
