/** Every react-query key of the window comes from here, so that events and queries agree. */
export const queryKeys = {
  fleet: () => ['fleet'] as const,
  log: () => ['log', 'recent'] as const,
  services: () => ['services'] as const,
  plans: () => ['plans'] as const,
  paths: () => ['paths'] as const,
  settings: () => ['settings'] as const,
  about: () => ['about'] as const,
  inventoryNotices: () => ['inventory', 'notices'] as const,
  /** Every host's latest utilisation sample, by host id. */
  metricsLatest: () => ['metrics', 'latest'] as const,
  /** Alerts: the open ones and recent history; the rules; the webhook's settings and status. */
  alerts: () => ['alerts', 'list'] as const,
  alertRules: () => ['alerts', 'rules'] as const,
  alertWebhook: () => ['alerts', 'webhook'] as const,
  /** One metric of one object over a range (`range`: a button's name or a free range's bounds). */
  metricsSeries: (objectId: string, metric: string, range: string) =>
    ['metrics', 'series', objectId, metric, range] as const,
  /** One VM's full details, read again when its state changes (uptime, addresses follow it). */
  vmDetails: (vmId: string, state: string) => ['vms', 'details', vmId, state] as const,
  /** A host's storage pools and networks, read when its details are opened. */
  hostStorage: (hostId: string) => ['hosts', 'storage', hostId] as const,
};

/** How many resolved alerts the window keeps and asks for. */
export const ALERT_HISTORY_LIMIT = 200;
/** How many info lines, and how many warnings and errors, the window keeps and asks for. */
export const LOG_LIMIT = 1000;
