/** Timers of a host link. Tests shorten them; defaults follow FIELD-NOTES. */
export interface LinkTiming {
  /** SSH keepalive: with 2 s × 3 a silent host is declared unreachable 4–6.5 s after it went
   * silent (see ssh-timing.ts: the silence of the connection is counted, not lost replies). */
  keepaliveMs: number;
  keepaliveCount: number;
  /** TCP + SSH handshake + authentication. */
  readyTimeoutMs: number;
  /** Backstop poll while events flow, and the fallback when the event stream breaks. */
  pollMs: number;
  /** Reconnect delays after 'unreachable': exponential from min to max, with jitter. */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Timeout of each listing / facts command: a hung libvirtd becomes 'hypervisor-problem'. */
  commandTimeoutMs: number;
  /** Timeout of start / shutdown / destroy / reboot. */
  actionTimeoutMs: number;
  /** How often facts (uptime, load …) are read again while connected. */
  factsEveryMs: number;
}

export const DEFAULT_LINK_TIMING: LinkTiming = {
  keepaliveMs: 2_000,
  keepaliveCount: 3,
  readyTimeoutMs: 10_000,
  pollMs: 5_000,
  backoffMinMs: 1_000,
  backoffMaxMs: 30_000,
  commandTimeoutMs: 15_000,
  actionTimeoutMs: 60_000,
  factsEveryMs: 60_000,
};

/**
 * Delay before reconnect attempt `attempt` (0-based): doubling from min, capped at max, then
 * "equal jitter" (between half and all of it) so that a fleet that lost its network together does
 * not come back in lockstep.
 */
export function backoffDelay(
  attempt: number,
  timing: LinkTiming,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(timing.backoffMaxMs, timing.backoffMinMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
