/**
 * What a <TimeSeriesChart> draws, kept apart from uPlot so that gaps and stacking are plain,
 * tested functions. Times are ms since the epoch; a null value is "no sample here".
 */

/** `avg` a solid line; `max` a faint line with a band down to the avg before it; `stack` a filled layer. */
export type SeriesRole = 'avg' | 'max' | 'stack';

export interface ChartSeries {
  label: string;
  role: SeriesRole;
  /** Index into the theme's chart colours (--chart-1 …). */
  colour: number;
  /** What is drawn (for a stack: the running sum). */
  values: (number | null)[];
  /** What the legend says, when it differs from what is drawn (a stack's own values). */
  shown?: (number | null)[];
}

export interface ChartData {
  times: number[];
  series: ChartSeries[];
}

/** True when at least one series has at least one figure: else the chart says so instead. */
export function hasValues(data: ChartData): boolean {
  return data.series.some((s) => s.values.some((v) => v !== null));
}

function pick(data: ChartData, keep: readonly number[]): ChartData {
  return {
    times: keep.map((i) => data.times[i] as number),
    series: data.series.map((s) => ({
      ...s,
      values: keep.map((i) => s.values[i] ?? null),
      ...(s.shown ? { shown: keep.map((i) => s.shown?.[i] ?? null) } : {}),
    })),
  };
}

/**
 * Lines join samples that belong together and break where the object was silent. Positions where
 * no series has a figure are dropped (a 60 s sample interval leaves five empty 10 s buckets between
 * samples: those are not gaps), then wherever two neighbours are more than `maxGapMs` apart (a
 * host that disconnected) one all-null position is put between them, which uPlot draws as a gap.
 */
export function breakGaps(data: ChartData, maxGapMs: number): ChartData {
  const keep: number[] = [];
  for (let i = 0; i < data.times.length; i++) {
    if (data.series.some((s) => s.values[i] !== null && s.values[i] !== undefined)) keep.push(i);
  }
  const dense = pick(data, keep);
  const times: number[] = [];
  const at: (number | null)[] = [];
  dense.times.forEach((t, i) => {
    const before = dense.times[i - 1];
    if (before !== undefined && t - before > maxGapMs) {
      times.push((before + t) / 2);
      at.push(null);
    }
    times.push(t);
    at.push(i);
  });
  const column = (values: (number | null)[]) =>
    at.map((i) => (i === null ? null : (values[i] ?? null)));
  return {
    times,
    series: dense.series.map((s) => ({
      ...s,
      values: column(s.values),
      ...(s.shown ? { shown: column(s.shown) } : {}),
    })),
  };
}

/**
 * Layers on top of each other: each drawn value is the sum of its own and those below it, the
 * legend keeps each layer's own. Where a layer has no figure but another has, it counts as 0 (a
 * VM that was stopped adds nothing); where none has, the position stays a gap.
 */
export function stackSeries(data: ChartData): ChartData {
  const sums = data.times.map(() => 0);
  const any = data.times.map((_, i) => data.series.some((s) => s.values[i] != null));
  return {
    times: data.times,
    series: data.series.map((s) => {
      const values = data.times.map((_, i) => {
        if (!any[i]) return null;
        sums[i] = (sums[i] ?? 0) + (s.values[i] ?? 0);
        return sums[i] ?? null;
      });
      return { ...s, role: 'stack' as const, values, shown: s.values };
    }),
  };
}

/** The index of the last position where any series has a figure (for "now" in the legend). */
export function lastIndexWithValues(data: ChartData): number | undefined {
  for (let i = data.times.length - 1; i >= 0; i--) {
    if (data.series.some((s) => s.values[i] != null)) return i;
  }
  return undefined;
}
