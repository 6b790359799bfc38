import type { MetricKind, MetricName, MetricPoint } from '../../../../shared/domain/metrics';
import { METRIC_WORDS, type FigureUnit } from '../../../../shared/words/figure-words';
import type { ChartData, ChartSeries } from '../../../ui/charts/chart-data';

/** One chart of an object's details: its title, unit and the metrics drawn on it. */
export interface ChartSpec {
  id: string;
  title: string;
  unit: FigureUnit;
  metrics: readonly MetricName[];
  /** A percentage chart stays 0–100 so a quiet host does not look busy. */
  max?: number;
}

/** Proxmox's node and guest charts: CPU (with iowait), memory, network in/out, disk. */
export const CHART_SPECS: Readonly<Record<MetricKind, readonly ChartSpec[]>> = {
  host: [
    { id: 'cpu', title: 'CPU', unit: 'percent', metrics: ['cpu', 'iowait'], max: 100 },
    { id: 'memory', title: 'Memory', unit: 'memory', metrics: ['memory'] },
    { id: 'net', title: 'Network', unit: 'rate', metrics: ['netIn', 'netOut'] },
    { id: 'disk', title: 'Root disk', unit: 'percent', metrics: ['rootDisk'], max: 100 },
  ],
  vm: [
    { id: 'cpu', title: 'CPU', unit: 'percent', metrics: ['cpu'], max: 100 },
    { id: 'memory', title: 'Memory', unit: 'memory', metrics: ['memory'] },
    { id: 'net', title: 'Network', unit: 'rate', metrics: ['netIn', 'netOut'] },
    { id: 'disk', title: 'Disk I/O', unit: 'rate', metrics: ['diskRead', 'diskWrite'] },
  ],
};

export interface MetricTrack {
  metric: MetricName;
  points: readonly MetricPoint[];
}

/** The union of the tracks' bucket times, sorted. */
function unionTimes(tracks: readonly { points: readonly MetricPoint[] }[]): number[] {
  const all = new Set<number>();
  for (const track of tracks) for (const p of track.points) all.add(p.t);
  return [...all].sort((a, b) => a - b);
}

function column(points: readonly MetricPoint[], times: readonly number[], key: 'avg' | 'max') {
  const byTime = new Map(points.map((p) => [p.t, p[key]]));
  return times.map((t) => byTime.get(t) ?? null);
}

/**
 * An object's metrics on one chart: for each, the bucket average (a line) and the bucket maximum
 * (a faint line with a band down to the average), on the union of their bucket times.
 */
export function trackChartData(tracks: readonly MetricTrack[]): ChartData {
  const times = unionTimes(tracks);
  const series: ChartSeries[] = tracks.flatMap((track, colour) => [
    {
      label: METRIC_WORDS[track.metric],
      role: 'avg' as const,
      colour,
      values: column(track.points, times, 'avg'),
    },
    {
      label: `${METRIC_WORDS[track.metric]} max`,
      role: 'max' as const,
      colour,
      values: column(track.points, times, 'max'),
    },
  ]);
  return { times, series };
}

/** The gap past which a line breaks: a few buckets or a few sample intervals, whichever is longer. */
export function gapFor(stepMs: number, sampleMs: number): number {
  return 2.5 * Math.max(stepMs, sampleMs);
}

/** One VM of a stacked service chart: its points and how to turn its figure into the chart's unit. */
export interface StackLayer {
  label: string;
  points: readonly MetricPoint[];
  /** A VM's CPU % of its own vCPUs becomes vCPUs busy (× vCPUs / 100); memory stays MiB (1). */
  scale: number;
}

/** A service's VMs as layers of one chart (bucket averages, scaled; stacked by stackSeries). */
export function layerChartData(layers: readonly StackLayer[]): ChartData {
  const times = unionTimes(layers);
  return {
    times,
    series: layers.map((layer, colour) => ({
      label: layer.label,
      role: 'stack' as const,
      colour,
      values: column(layer.points, times, 'avg').map((v) => (v === null ? null : v * layer.scale)),
    })),
  };
}
