/**
 * One pack-quality comparison, measured in the same run: the lower bound, first-fit-decreasing,
 * the greedy pass alone (the engine before its improvement phase) and the engine with it.
 */
import type { PlacementInput } from '../shared/placement/input-types';
import { place } from '../shared/placement/place';
import { firstFitDecreasing } from './baselines';
import { fmtMs } from './measure';

/** Hosts used by each method on one instance, and the engine's times. */
export interface PackComparison {
  bound: number;
  ffd: number;
  greedy: number;
  engine: number;
  greedyMs: number;
  engineMs: number;
  /** CPU time of this process during the engine's run: what "on one core" means on a busy box. */
  engineCpuMs: number;
}

/** Runs every method on `input` (pack mode). */
export function comparePack(input: PlacementInput): PackComparison {
  let t = performance.now();
  const greedy = place(input, { explain: false, repack: false });
  const greedyMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  const engine = place(input, { explain: false });
  const engineMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return {
    bound: engine.stats.lowerBound,
    ffd: firstFitDecreasing(input).hostsUsed,
    greedy: greedy.stats.hostsUsed,
    engine: engine.stats.hostsUsed,
    greedyMs,
    engineMs,
    engineCpuMs: (used.user + used.system) / 1000,
  };
}

/** `bound 616 | FFD 809 ×1.313 | greedy 637 ×1.034 | engine 625 ×1.015 | 0.2 s (greedy 40 ms)`. */
export function packLine(c: PackComparison): string {
  const x = (n: number): string => `${n} ×${(n / c.bound).toFixed(3)}`;
  const s = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : fmtMs(ms));
  return (
    `bound ${c.bound} | FFD ${x(c.ffd)} | greedy pass ${x(c.greedy)} | engine ${x(c.engine)} | ` +
    `engine ${s(c.engineMs)}, CPU ${s(c.engineCpuMs)} (greedy ${s(c.greedyMs)})`
  );
}

/** Sums of several comparisons, for a per-class line. */
export function total(cs: readonly PackComparison[]): PackComparison {
  const sum = (k: keyof PackComparison): number => cs.reduce((n, c) => n + c[k], 0);
  return {
    bound: sum('bound'),
    ffd: sum('ffd'),
    greedy: sum('greedy'),
    engine: sum('engine'),
    greedyMs: sum('greedyMs'),
    engineMs: sum('engineMs'),
    engineCpuMs: sum('engineCpuMs'),
  };
}
