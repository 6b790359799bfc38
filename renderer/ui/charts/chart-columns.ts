import type { ChartData } from './chart-data';

/**
 * A chart cannot show more positions than it has pixel columns, and uPlot's cost grows with every
 * position it is given (8,640 × 4 took 70–180 ms to draw where 800 × 4 takes about 12: see
 * bench/charts.bench.ts). So before drawing, the positions are gathered into `columns` equal slices
 * of the window and each slice becomes one position, aggregated as the buckets already are: an
 * average line (and a stack layer, and what the legend shows) takes the mean of its figures, a max
 * line the highest. Gaps (all-null positions, see breakGaps) stay gaps: each run between them is
 * gathered on its own, so no slice spans a silence. Data that already fits is returned as it is.
 */
export function fitToColumns(
  data: ChartData,
  columns: number,
  window: [number, number],
): ChartData {
  const n = data.times.length;
  if (n <= columns || columns < 1) return data;
  const [from, to] = window;
  const scale = columns / Math.max(1, to - from);
  // Where each output position starts: a new slice of the window, or a gap marker (its own position).
  const starts: number[] = [];
  let previous = -2;
  for (let i = 0; i < n; i++) {
    const gap = data.series.every((s) => s.values[i] == null);
    const key = gap
      ? -1
      : Math.min(columns - 1, Math.max(0, Math.floor(((data.times[i] as number) - from) * scale)));
    if (gap || key !== previous) starts.push(i);
    previous = key;
  }
  starts.push(n);
  const times = new Array<number>(starts.length - 1);
  for (let p = 0; p + 1 < starts.length; p++) {
    let sum = 0;
    for (let i = starts[p] as number; i < (starts[p + 1] as number); i++)
      sum += data.times[i] as number;
    times[p] = sum / ((starts[p + 1] as number) - (starts[p] as number));
  }
  return {
    times,
    series: data.series.map((s) => ({
      ...s,
      values: gather(s.role === 'max' ? 'max' : 'mean', s.values, starts),
      ...(s.shown ? { shown: gather('mean', s.shown, starts) } : {}),
    })),
  };
}

/** One figure per run starts[p]..starts[p+1]-1: their mean or their highest; null if none has one. */
function gather(
  how: 'mean' | 'max',
  values: readonly (number | null)[],
  starts: readonly number[],
): (number | null)[] {
  const out = new Array<number | null>(starts.length - 1);
  for (let p = 0; p + 1 < starts.length; p++) {
    let sum = 0;
    let count = 0;
    let max = -Infinity;
    for (let i = starts[p] as number; i < (starts[p + 1] as number); i++) {
      const v = values[i];
      if (v == null) continue;
      sum += v;
      count += 1;
      if (v > max) max = v;
    }
    out[p] = count === 0 ? null : how === 'max' ? max : sum / count;
  }
  return out;
}
