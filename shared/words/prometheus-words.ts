/**
 * Prometheus in words: its URL as the log and the window may show it, and why a host is sampled
 * over SSH though Prometheus is on. The core's log lines and the settings dialog say both with these.
 */

/**
 * The URL without its query, fragment or credentials: scheme, host, port and path stay (an admin
 * needs the path of a Prometheus behind a proxy), while a `?token=…` a proxy wants never reaches
 * the event log, an error message or a support bundle.
 */
export function prometheusUrlWords(url: string): string {
  const cut = url.search(/[?#]/);
  const base = cut === -1 ? url : url.slice(0, cut);
  // user:password@ is refused by the settings, but a refused URL is still named in the refusal.
  return base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1');
}
