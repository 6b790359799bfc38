import { join } from 'node:path';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import type { SettingsStore } from '../settings/settings-store';
import { MetricsCollector } from './metrics-collector';
import { MetricsHistory } from './metrics-history';
import { PrometheusSource } from './prometheus/prometheus-source';

/** The folder of the history, inside the console's data folder. */
export const METRICS_DIR = 'metrics';

export interface Metrics {
  history: MetricsHistory;
  collector: MetricsCollector;
  /** Where utilisation comes from when Prometheus is configured (settings.prometheus). */
  prometheus: PrometheusSource;
  stop(): void;
}

/** Sampling and history for a started core: the interval follows the setting, live. */
export function startMetrics(deps: {
  dataDir: string;
  hosts: HostRegistry;
  hub: EventHub;
  log: EventLog;
  settings: SettingsStore;
}): Metrics {
  const history = new MetricsHistory(join(deps.dataDir, METRICS_DIR), (message, detail) =>
    deps.log.append({ level: 'warning', message, ...(detail === undefined ? {} : { detail }) }),
  );
  const prometheus = new PrometheusSource({
    settings: () => deps.settings.get().prometheus,
    log: deps.log,
  });
  const collector = new MetricsCollector({
    hosts: deps.hosts,
    hub: deps.hub,
    log: deps.log,
    history,
    // With Prometheus on, rounds follow its interval (its scrapes), SSH-sampled hosts included.
    intervalMs: () => {
      const settings = deps.settings.get();
      const { enabled, intervalSeconds } = settings.prometheus;
      return (enabled ? intervalSeconds : settings.sampleSeconds) * 1000;
    },
    source: prometheus,
  });
  collector.start();
  return {
    history,
    collector,
    prometheus,
    stop() {
      collector.stop();
      history.close();
    },
  };
}
