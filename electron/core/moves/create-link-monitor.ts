// PLACEHOLDER (lead): replaced by the moves helper with the prober.
import type { EventHub } from '../fleet/event-hub';
import type { EventLog } from '../fleet/event-log';
import type { Fleet } from '../fleet/fleet';
import type { LinkMonitor } from './link-monitor';

export interface LinkMonitorDeps {
  fleet: Fleet;
  hub: EventHub;
  log: EventLog;
}

export function createLinkMonitor(_deps: LinkMonitorDeps): LinkMonitor {
  return { list: () => [], check: () => Promise.resolve([]), stop: () => Promise.resolve() };
}
