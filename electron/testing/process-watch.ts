import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessFigures {
  /** Highest resident set size seen, minus the one at the start (MiB). */
  peakRssGrowthMiB: number;
  /** The longest the event loop was blocked: the worst lateness of a 10 ms timer (ms). */
  maxLoopDelayMs: number;
}

/**
 * Watch this process while something runs: a 10 ms timer samples the RSS and measures its own
 * lateness (a blocked loop fires it late), cross-checked with perf_hooks' loop-delay histogram.
 */
export function watchProcess(): { stop(): ProcessFigures } {
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  let maxLate = 0;
  let last = performance.now();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const timer = setInterval(() => {
    const now = performance.now();
    maxLate = Math.max(maxLate, now - last - 10);
    last = now;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      histogram.disable();
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      return {
        peakRssGrowthMiB: (peakRss - startRss) / (1024 * 1024),
        maxLoopDelayMs: Math.max(maxLate, histogram.max / 1e6 - 10),
      };
    },
  };
}
