import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../shared/domain/metrics';
import { breakGaps } from '../ui/charts/chart-data';
import { gapFor, trackChartData } from '../features/health/charts/metric-tracks';
import { appendSample } from './series-append';

const p = (t: number, avg: number | null, max: number | null = avg): MetricPoint => ({
  t,
  avg,
  max,
});

describe('appendSample', () => {
  it('adds a new bucket at the end and drops what slid out of the window', () => {
    const out = appendSample([p(0, 1), p(10_000, 2)], 20_500, 3, 10_000, 10_000);
    expect(out).toEqual([p(10_000, 2), p(20_000, 3)]);
  });

  it('folds a second sample of the same bucket: mean average, higher max', () => {
    const out = appendSample([p(10_000, 2, 2)], 15_000, 6, 10_000, 0);
    expect(out).toEqual([p(10_000, 4, 6)]);
  });

  it('ignores a sample older than the last bucket (a late event after a refetch)', () => {
    expect(appendSample([p(20_000, 2)], 5_000, 9, 10_000, 0)).toEqual([p(20_000, 2)]);
  });

  it('leaves a gap when samples resume after a silence (a reconnect)', () => {
    const live = appendSample([p(0, 5), p(10_000, 6)], 300_000, 7, 10_000, 0);
    const data = breakGaps(
      trackChartData([{ metric: 'cpu', points: live }]),
      gapFor(10_000, 10_000),
    );
    expect(data.series[0]?.values).toEqual([5, 6, null, 7]);
  });
});
