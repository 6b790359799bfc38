import { describe, expect, it } from 'vitest';
import {
  breakGaps,
  hasValues,
  lastIndexWithValues,
  stackSeries,
  type ChartData,
} from './chart-data';

const S = 1000;
function data(times: number[], ...columns: (number | null)[][]): ChartData {
  return {
    times,
    series: columns.map((values, i) => ({ label: `s${i}`, role: 'avg', colour: i, values })),
  };
}

describe('breakGaps', () => {
  it('joins samples across empty buckets shorter than the gap (a slow sample interval)', () => {
    const out = breakGaps(data([0, 10 * S, 20 * S, 30 * S], [1, null, null, 4]), 60 * S);
    expect(out.times).toEqual([0, 30 * S]);
    expect(out.series[0]?.values).toEqual([1, 4]);
  });

  it('puts one null between samples further apart than the gap (a host that disconnected)', () => {
    const out = breakGaps(data([0, 10 * S, 600 * S, 610 * S], [1, 2, 3, 4]), 30 * S);
    expect(out.times).toEqual([0, 10 * S, 305 * S, 600 * S, 610 * S]);
    expect(out.series[0]?.values).toEqual([1, 2, null, 3, 4]);
  });

  it('keeps a position where one series has a figure and another has none', () => {
    const out = breakGaps(data([0, 10 * S], [null, 2], [5, 6]), 30 * S);
    expect(out.series[0]?.values).toEqual([null, 2]);
    expect(out.series[1]?.values).toEqual([5, 6]);
  });

  it('gives an empty chart for all-null history, and hasValues says so', () => {
    const out = breakGaps(data([0, 10 * S], [null, null]), 30 * S);
    expect(out.times).toEqual([]);
    expect(hasValues(out)).toBe(false);
    expect(hasValues(data([0], [0]))).toBe(true);
  });
});

describe('stackSeries', () => {
  it('draws running sums and keeps each layer its own value for the legend', () => {
    const out = stackSeries(data([0, 1, 2], [1, 2, null], [10, null, 30]));
    expect(out.series.map((s) => s.values)).toEqual([
      [1, 2, 0],
      [11, 2, 30],
    ]);
    expect(out.series[1]?.shown).toEqual([10, null, 30]);
    expect(out.series.every((s) => s.role === 'stack')).toBe(true);
  });

  it('leaves a gap where no layer has a figure', () => {
    const out = stackSeries(data([0, 1], [1, null], [2, null]));
    expect(out.series[1]?.values).toEqual([3, null]);
  });
});

describe('lastIndexWithValues', () => {
  it('finds the last position with a figure, or none', () => {
    expect(lastIndexWithValues(data([0, 1, 2], [1, 2, null]))).toBe(1);
    expect(lastIndexWithValues(data([0], [null]))).toBeUndefined();
  });
});
