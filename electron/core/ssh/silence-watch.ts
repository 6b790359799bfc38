/** What the watch reads and whom it tells; the clock and timers are the test's to replace. */
export interface SilenceWatchOptions {
  /** Bytes received on the connection so far (a socket's bytesRead): any byte is a sign of life. */
  heard(): number;
  /** Nothing received for this long: the host stopped answering. */
  limitMs: number;
  /** How often the count is read. */
  everyMs: number;
  onSilent(silentMs: number): void;
  now?: () => number;
}

/**
 * Counts the silence of one connection, from the bytes it receives rather than from keepalive
 * replies alone: a reply queued behind a large output (a domstats of a big host on a slow link)
 * still arrives, and so do the bytes before it, so one slow command is never a lost host. The
 * keepalive probes keep the bytes coming while nothing else is said.
 *
 * A tick that comes late (the console's own event loop was busy) starts the count over: the bytes
 * that arrived meanwhile are not read yet (timers run before I/O), and a silence we did not watch
 * is not one we may report. Returns the stop function.
 */
export function watchSilence(options: SilenceWatchOptions): () => void {
  const now = options.now ?? Date.now;
  let count = options.heard();
  let lastHeardAt = now();
  let lastTickAt = lastHeardAt;
  const timer = setInterval(() => {
    const at = now();
    const late = at - lastTickAt > options.everyMs * 2;
    lastTickAt = at;
    const heard = options.heard();
    if (heard !== count || late) {
      count = heard;
      lastHeardAt = at;
      return;
    }
    if (at - lastHeardAt >= options.limitMs) {
      clearInterval(timer);
      options.onSilent(at - lastHeardAt);
    }
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
