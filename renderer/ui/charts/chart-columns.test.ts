import { describe, expect, it } from 'vitest';
import { fitToColumns } from './chart-columns';
import { breakGaps, type ChartData, type SeriesRole } from './chart-data';

function chart(times: number[], ...series: [SeriesRole, (number | null)[]][]): ChartData {
  return {
    times,
    series: series.map(([role, values], i) => ({ label: `s${i}`, role, colour: i, values })),
  };
}

describe('fitToColumns', () => {
  it('leaves data that already fits alone', () => {
    const data = chart([0, 1, 2], ['avg', [1, 2, 3]]);
    expect(fitToColumns(data, 3, [0, 3])).toBe(data);
  });

  it('gathers each slice of the window into one position: avg is the mean, max the highest', () => {
    // 8 positions over [0, 8) into 2 columns of 4.
    const times = [0, 1, 2, 3, 4, 5, 6, 7];
    const out = fitToColumns(
      chart(times, ['avg', [1, 2, 3, 6, 10, 10, 10, 10]], ['max', [2, 9, 3, 6, 10, 11, 12, 10]]),
      2,
      [0, 8],
    );
    expect(out.times).toEqual([1.5, 5.5]);
    expect(out.series[0]?.values).toEqual([3, 10]);
    expect(out.series[1]?.values).toEqual([9, 12]);
    expect(out.series.map((s) => s.role)).toEqual(['avg', 'max']);
  });

  it("averages a stack's drawn sums and the legend's own values alike, skipping nulls", () => {
    const data: ChartData = {
      times: [0, 1, 2, 3],
      series: [
        { label: 'a', role: 'stack', colour: 0, values: [2, 4, 6, 8], shown: [2, null, 6, 8] },
      ],
    };
    const out = fitToColumns(data, 1, [0, 4]);
    expect(out.series[0]?.values).toEqual([5]);
    expect(out.series[0]?.shown).toEqual([16 / 3]);
  });

  it('keeps a gap a gap: no position joins the samples either side of a silence', () => {
    // Samples at 0–3 s, silence, samples at 100–103 s; breakGaps puts one null in between.
    const data = breakGaps(
      chart([0, 1, 2, 3, 100, 101, 102, 103], ['avg', [1, 1, 1, 1, 5, 5, 5, 5]]),
      10,
    );
    expect(data.times).toHaveLength(9);
    // One column for the whole window: without the gap rule all would become one position.
    const out = fitToColumns(data, 1, [0, 104]);
    expect(out.series[0]?.values).toEqual([1, null, 5]);
    expect(out.times).toEqual([1.5, 51.5, 101.5]);
  });

  it('draws 8,640 positions × 4 series as at most one position per column', () => {
    const n = 8640;
    const times = Array.from({ length: n }, (_, i) => i * 10_000);
    const values = times.map((_, i) => (i % 100) / 1);
    const out = fitToColumns(
      chart(times, ['avg', values], ['max', values], ['avg', values], ['max', values]),
      736,
      [0, n * 10_000],
    );
    expect(out.times.length).toBeLessThanOrEqual(736);
    expect(out.times.length).toBeGreaterThan(700);
    // The highest figure survives in the max line, which a plain mean would lose.
    expect(Math.max(...(out.series[1]?.values as number[]))).toBe(99);
  });
});
