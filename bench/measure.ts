/** Small timing helpers for the benchmarks. */

/** Medians (ms) of wall-clock time and of this process's CPU time over `runs` calls of `fn`. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/**
 * Times `runs` calls of `fn` after `warmup` unmeasured ones. CPU time is reported next to wall
 * time because shared machines are noisy: when other processes compete for the cores, wall time
 * grows and CPU time (what "on one core" means) does not.
 */
export function time(fn: () => unknown, runs: number, warmup = 2): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: percentile(wall, 0.5), cpuMs: percentile(cpu, 0.5) };
}

/** The p-quantile (0..1) of `xs`, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/** `12.3 ms` / `4.5 µs` with sensible precision. */
export function fmtMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}

/** `41.2 ms (CPU 38.0 ms)`. */
export function fmtTiming(t: Timing): string {
  return `${fmtMs(t.wallMs)} (CPU ${fmtMs(t.cpuMs)})`;
}
