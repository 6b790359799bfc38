import type { MetricPoint } from '../../shared/domain/metrics';

/**
 * One sample folded into a live track: a new bucket is added at the end (older than `from`
 * dropped, so the hour slides); a second sample in the same bucket (a sample interval under the
 * bucket) keeps the higher max and the mean of the two averages until the next fetch.
 */
export function appendSample(
  points: readonly MetricPoint[],
  at: number,
  value: number,
  stepMs: number,
  from: number,
): MetricPoint[] {
  const t = Math.floor(at / stepMs) * stepMs;
  const last = points[points.length - 1];
  const kept = points.filter((p) => p.t + stepMs > from);
  if (last !== undefined && t < last.t) return kept;
  if (last !== undefined && t === last.t) {
    const avg = last.avg === null ? value : (last.avg + value) / 2;
    const max = Math.max(last.max ?? value, value);
    return [...kept.slice(0, -1), { t, avg, max }];
  }
  return [...kept, { t, avg: value, max: value }];
}
