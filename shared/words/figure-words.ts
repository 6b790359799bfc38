import type { MetricName } from '../domain/metrics';
import { formatBytes, formatMemory } from '.';

/**
 * Figures over time as the charts, their axes and their legends say them: percentages, memory in
 * the one memory format (formatMemory), rates as formatBytes per second, vCPUs busy. The metric's
 * unit is in shared/domain/metrics; this is the one place a chart turns a unit into words.
 */
export type FigureUnit = 'percent' | 'memory' | 'rate' | 'vcpus';

/** "23 %", "2.5 %" (one decimal below 10, so an idle host is not "0 %" at 0.4). */
export function formatPercent(value: number): string {
  const rounded = Math.abs(value) < 10 ? +value.toFixed(1) : Math.round(value);
  return `${rounded} %`;
}

/** Bytes per second: "512 bytes/s", "1.5 MiB/s" (formatBytes, whole bytes). */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** vCPUs kept busy (a VM's CPU % × its vCPUs): "0.4 vCPUs", "1 vCPU", "12 vCPUs". */
export function formatVcpus(value: number): string {
  const shown = value >= 10 ? Math.round(value) : +value.toFixed(1);
  return `${shown} ${shown === 1 ? 'vCPU' : 'vCPUs'}`;
}

/** One figure in its unit's words. */
export function formatFigure(unit: FigureUnit, value: number): string {
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'memory':
      return formatMemory(value);
    case 'rate':
      return formatRate(value);
    case 'vcpus':
      return formatVcpus(value);
  }
}

/** The unit of each metric (shared/domain/metrics says what it measures). */
export const METRIC_UNIT: Readonly<Record<MetricName, FigureUnit>> = {
  cpu: 'percent',
  iowait: 'percent',
  rootDisk: 'percent',
  memory: 'memory',
  netIn: 'rate',
  netOut: 'rate',
  diskRead: 'rate',
  diskWrite: 'rate',
};

/** What each metric is called on a chart's legend. */
export const METRIC_WORDS: Readonly<Record<MetricName, string>> = {
  cpu: 'CPU',
  iowait: 'iowait',
  rootDisk: 'root disk used',
  memory: 'memory used',
  netIn: 'in',
  netOut: 'out',
  diskRead: 'read',
  diskWrite: 'write',
};
