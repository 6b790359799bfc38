/** How long plan steps wait for hosts; tests shorten these, the console uses the defaults. */
export interface PlanTiming {
  /** shutdown: how long a guest gets to power off before it is forced off. */
  shutdownGraceMs: number;
  /** How often a step re-lists the host while it waits for the VM to reach a state. */
  pollMs: number;
  /** start, destroy, migrate: how long the host may take to report the VM as it should now be. */
  settleMs: number;
  /** Reconcile after a restart: how long to wait for the hosts of an interrupted plan to connect. */
  hostWaitMs: number;
  /** stop(): how long the quitting console waits for running steps to end. */
  stopWaitMs: number;
  /** Migration progress goes out at most this often (it is not journaled each time). */
  progressMs: number;
}

export const DEFAULT_TIMING: PlanTiming = {
  shutdownGraceMs: 60_000,
  pollMs: 500,
  settleMs: 60_000,
  hostWaitMs: 120_000,
  stopWaitMs: 10_000,
  progressMs: 200,
};

/** "60 s", "1.5 s", "200 ms": for notes and messages. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
