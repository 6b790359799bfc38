/** Timers of one SSH connection; tests shorten them, the bench turns no-delay off to compare. */
export interface SshTiming {
  /**
   * Keepalive probe interval. A host from which nothing (no reply, no output) arrives for
   * keepaliveMs × keepaliveCount is lost: with 2 s × 3, 4–6.5 s after it went silent.
   */
  keepaliveMs: number;
  keepaliveCount: number;
  /** TCP connect + SSH handshake + authentication must finish within this. */
  readyTimeoutMs: number;
  /** Default per-command timeout; each exec may set its own. */
  execTimeoutMs: number;
  /** Channels open at once on the connection (sshd's MaxSessions is 10 by default). */
  maxChannels: number;
  noDelay: boolean;
}

export const DEFAULT_SSH_TIMING: SshTiming = {
  keepaliveMs: 2_000,
  keepaliveCount: 3,
  readyTimeoutMs: 10_000,
  execTimeoutMs: 15_000,
  maxChannels: 4,
  noDelay: true,
};
