/**
 * Rates from cumulative counters. A counter that goes down was reset (a VM restarted, a host
 * rebooted, a NIC re-created), unless it is a 32-bit counter that wrapped; either way the interval
 * gives no point rather than a negative rate or a spike. A delta larger than the counter could
 * have grown in the interval is refused the same way.
 */

const WRAP_32 = 2 ** 32;

/**
 * How much a counter grew from `before` to `after`, or undefined when the interval cannot be
 * trusted. `maxDelta` is the most it could have grown (cores × interval for CPU time, a link's
 * speed for bytes). A drop is read as a 32-bit wrap only when `before` fits 32 bits and the
 * wrapped delta is plausible.
 */
export function counterDelta(before: number, after: number, maxDelta: number): number | undefined {
  if (!Number.isFinite(before) || !Number.isFinite(after) || before < 0 || after < 0) {
    return undefined;
  }
  let delta = after - before;
  if (delta < 0) {
    if (before >= WRAP_32) return undefined; // a 64-bit counter does not wrap in our lifetime
    delta = WRAP_32 - before + after;
  }
  return delta <= maxDelta ? delta : undefined;
}

/** Per second over `seconds`, or undefined for an interval that cannot carry a rate. */
export function ratePerSecond(
  before: number | undefined,
  after: number | undefined,
  seconds: number,
  maxPerSecond: number,
): number | undefined {
  if (before === undefined || after === undefined || !(seconds > 0)) return undefined;
  const delta = counterDelta(before, after, maxPerSecond * seconds);
  return delta === undefined ? undefined : delta / seconds;
}

/** Bytes per second no interface or disk of one machine reaches (1.6 Tbit/s): past it, a bad counter. */
export const MAX_BYTES_PER_SECOND = 2e11;
