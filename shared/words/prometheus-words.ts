import type { PrometheusMiss } from '../domain/prometheus';

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

const NODE_FIGURES: Readonly<Record<'boot-time' | 'memory' | 'cpu', string>> = {
  'boot-time': 'node_boot_time_seconds',
  memory: 'node_memory_MemTotal_bytes and MemAvailable_bytes',
  cpu: 'node_cpu_seconds_total',
};

/** "Prometheus has no node_exporter at 10.0.0.2 (any port)": why a host stays on SSH. */
export function prometheusMissWords(miss: PrometheusMiss): string {
  const at = (target: { instance: string } | { address: string }) =>
    'instance' in target ? target.instance : `${target.address} (any port)`;
  switch (miss.code) {
    case 'no-node-exporter':
      return `Prometheus has no node_exporter at ${at(miss.at)}`;
    case 'no-libvirt-exporter':
      return `Prometheus has no libvirt exporter at ${at(miss.at)}`;
    case 'node-incomplete':
      return `node_exporter at ${miss.instance} gives no ${NODE_FIGURES[miss.missing]}`;
    case 'down':
      return 'Prometheus did not answer';
  }
}
