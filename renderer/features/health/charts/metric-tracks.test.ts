import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../../shared/domain/metrics';
import { breakGaps, stackSeries } from '../../../ui/charts/chart-data';
import { gapFor, layerChartData, trackChartData } from './metric-tracks';

const p = (t: number, avg: number | null, max: number | null = avg): MetricPoint => ({
  t,
  avg,
  max,
});

describe('trackChartData', () => {
  it('gives each metric an average and a max series on the union of bucket times', () => {
    const data = trackChartData([
      { metric: 'netIn', points: [p(0, 1, 3), p(10, 2, 4)] },
      { metric: 'netOut', points: [p(10, 5, 6), p(20, 7, 9)] },
    ]);
    expect(data.times).toEqual([0, 10, 20]);
    expect(data.series.map((s) => [s.label, s.role, s.colour])).toEqual([
      ['in', 'avg', 0],
      ['in max', 'max', 0],
      ['out', 'avg', 1],
      ['out max', 'max', 1],
    ]);
    expect(data.series[0]?.values).toEqual([1, 2, null]);
    expect(data.series[3]?.values).toEqual([null, 6, 9]);
  });

  it('keeps history gaps (null buckets of a disconnected host) as gaps, not as zero', () => {
    const points = [
      p(0, 10),
      p(10_000, 12),
      ...[2, 3, 4, 5, 6].map((i) => p(i * 10_000, null)),
      p(70_000, 11),
    ];
    const data = breakGaps(trackChartData([{ metric: 'cpu', points }]), gapFor(10_000, 10_000));
    expect(data.series[0]?.values).toEqual([10, 12, null, 11]);
    expect(data.series[0]?.values).not.toContain(0);
  });
});

describe('layerChartData', () => {
  it('scales each VM (CPU % to vCPUs busy) and stacks them', () => {
    const data = stackSeries(
      layerChartData([
        { label: 'web-1', points: [p(0, 50), p(10, 100)], scale: 2 / 100 },
        { label: 'web-2', points: [p(0, 25), p(10, null)], scale: 4 / 100 },
      ]),
    );
    expect(data.series.map((s) => s.values)).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(data.series[1]?.shown).toEqual([1, null]);
  });
});
