import type uPlot from 'uplot';
import type { ChartData } from './chart-data';
import { binaryIncrs, decimalIncrs, softMax, timeTick } from './chart-axes';
import { CHART_COLOUR_COUNT, withAlpha, type ChartColours } from './chart-theme';

/** What shapes a chart beyond its data: how figures read, and the axis they sit on. */
export interface ChartLook {
  format: (value: number) => string;
  /** Byte-based units step in powers of two. */
  binary?: boolean;
  /** A fixed top (100 for percentages); else a little above the highest figure. */
  max?: number;
  height: number;
  /** Charts with the same key move their crosshairs together. */
  syncKey?: string;
}

const FONT = '11px system-ui, sans-serif';

/** uPlot series, bands and axes for a chart's data, coloured from the theme. */
export function chartOptions(
  data: ChartData,
  look: ChartLook,
  colours: ChartColours,
  width: number,
  xRange: () => [number, number],
  onCursor: (index: number | null) => void,
): uPlot.Options {
  const colour = (i: number) => colours.series[i % CHART_COLOUR_COUNT] ?? colours.axis;
  const bands: uPlot.Band[] = [];
  const series: uPlot.Series[] = [{}];
  data.series.forEach((s, i) => {
    const at = i + 1; // uPlot's series 0 is the x axis
    const stroke = colour(s.colour);
    const base = { label: s.label, spanGaps: false };
    if (s.role === 'avg') series.push({ ...base, stroke, width: 1.5 });
    else if (s.role === 'max') {
      series.push({ ...base, stroke: withAlpha(stroke, 0.4), width: 1 });
      bands.push({ series: [at, at - 1], fill: withAlpha(stroke, 0.12) });
    } else {
      series.push({
        ...base,
        stroke,
        width: 1,
        ...(at === 1 ? { fill: withAlpha(stroke, 0.35) } : {}),
      });
      if (at > 1) bands.push({ series: [at, at - 1], fill: withAlpha(stroke, 0.35) });
    }
  });
  const axis = {
    stroke: colours.axis,
    font: FONT,
    grid: { stroke: colours.grid, width: 1 },
    ticks: { show: false },
  };
  return {
    width,
    height: look.height,
    ms: 1,
    legend: { show: false },
    cursor: {
      y: false,
      drag: { x: false, y: false },
      points: { size: 6 },
      ...(look.syncKey === undefined ? {} : { sync: { key: look.syncKey } }),
    },
    scales: {
      x: { time: true, range: () => xRange() },
      y: { range: (_u, _min, max) => [0, look.max ?? softMax(max)] },
    },
    axes: [
      {
        ...axis,
        size: 24,
        space: 56,
        values: (_u, splits, _a, _s, incr) => splits.map((t) => timeTick(t, incr)),
      },
      {
        ...axis,
        size: 64,
        space: 22,
        incrs: look.binary ? binaryIncrs() : decimalIncrs(),
        values: (_u, splits) => splits.map((v) => look.format(v)),
      },
    ],
    series,
    bands,
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}

/** uPlot's columns: the times, then each series. */
export function alignedData(data: ChartData): uPlot.AlignedData {
  return [data.times, ...data.series.map((s) => s.values)];
}

/** Series that draw differently need a new uPlot; the same shape only needs setData. */
export function shapeOf(data: ChartData, look: ChartLook): string {
  return [
    look.height,
    look.max,
    look.binary,
    look.syncKey,
    ...data.series.map((s) => `${s.label}/${s.role}/${s.colour}`),
  ].join('|');
}
