/**
 * One pack-quality comparison, measured in the same run: the lower bound, first-fit-decreasing,
 * the greedy pass alone (the engine before its improvement phase), the engine as it was before the
 * tabu run's refill move (issue 16; `place(…, { refill: false })`) and the engine.
 */
import type { PlacementInput } from '../shared/placement/input-types';
import { compileInput } from '../shared/placement/compiled-input';
import type { PlacementPlan } from '../shared/placement/plan-types';
import { lowerBoundWithLp } from '../shared/placement/lower-bound';
import { place } from '../shared/placement/place';
import { firstFitDecreasing } from './baselines';
import { fmtMs } from './measure';

/** Hosts used by each method on one instance, and the engine's times. */
export interface PackComparison {
  bound: number;
  /** The larger of `bound` and the LP bound; `bound` when not asked for (seconds at 500 VMs). */
  lp: number;
  ffd: number;
  greedy: number;
  /** The engine without the refill move: what it used before it (never fewer than `engine`, the goal). */
  before: number;
  engine: number;
  greedyMs: number;
  engineMs: number;
  /** CPU time of this process during the engine's run: what "on one core" means on a busy box. */
  engineCpuMs: number;
}

/**
 * Runs every method on `input` (pack mode); the LP bound too when `lp` says so, given the
 * figures without it.
 */
export function comparePack(
  input: PlacementInput,
  lp: (c: PackComparison) => boolean = () => false,
): PackComparison {
  let t = performance.now();
  const greedy = place(input, { explain: false, repack: false });
  const greedyMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  const engine = place(input, { explain: false });
  const engineMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const before = place(input, { explain: false, refill: false });
  const c: PackComparison = {
    bound: engine.stats.lowerBound,
    lp: engine.stats.lowerBound,
    ffd: firstFitDecreasing(input).hostsUsed,
    greedy: greedy.stats.hostsUsed,
    before: before.stats.hostsUsed,
    engine: engine.stats.hostsUsed,
    greedyMs,
    engineMs,
    engineCpuMs: (used.user + used.system) / 1000,
  };
  if (lp(c)) c.lp = withLp(input, engine);
  return c;
}

// The LP bound for the VMs the engine placed (the bound depends only on which are placed).
function withLp(input: PlacementInput, plan: PlacementPlan): number {
  const f = compileInput(input);
  const vmHost = new Int32Array(f.vmIds.length).fill(-1);
  const at = new Map(plan.assignments.map((a) => [a.vm, f.hostIndex.get(a.host)!]));
  f.vmIds.forEach((id, v) => (vmHost[v] = at.get(id) ?? -1));
  return lowerBoundWithLp(f, vmHost);
}

/**
 * `bound 616 | FFD 809 ×1.313 | greedy pass 637 ×1.034 | before refill 627 ×1.018 | engine 625
 * ×1.015 | engine 0.2 s, CPU 0.2 s (greedy 40 ms)`; `MORE HOSTS THAN BEFORE` should the engine
 * ever use more than without the refill.
 */
export function packLine(c: PackComparison): string {
  const x = (n: number): string =>
    `${n} ×${(n / c.bound).toFixed(3)}` + (c.lp > c.bound ? ` (×${(n / c.lp).toFixed(3)})` : '');
  const s = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : fmtMs(ms));
  return (
    `bound ${c.bound}${c.lp > c.bound ? `, with the LP bound ${c.lp}` : ''} | FFD ${x(c.ffd)} | greedy pass ${x(c.greedy)} | before refill ${x(c.before)} | engine ${x(c.engine)}` +
    `${c.engine > c.before ? ' MORE HOSTS THAN BEFORE' : ''} | ` +
    `engine ${s(c.engineMs)}, CPU ${s(c.engineCpuMs)} (greedy ${s(c.greedyMs)})`
  );
}

/** Sums of several comparisons, for a per-class line. */
export function total(cs: readonly PackComparison[]): PackComparison {
  const sum = (k: keyof PackComparison): number => cs.reduce((n, c) => n + c[k], 0);
  return {
    bound: sum('bound'),
    lp: sum('lp'),
    ffd: sum('ffd'),
    greedy: sum('greedy'),
    before: sum('before'),
    engine: sum('engine'),
    greedyMs: sum('greedyMs'),
    engineMs: sum('engineMs'),
    engineCpuMs: sum('engineCpuMs'),
  };
}
