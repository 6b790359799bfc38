/** Milliseconds from a monotonic clock when the runtime has one (`performance`), else `Date`. */
export function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf === undefined ? Date.now() : perf.now();
}
