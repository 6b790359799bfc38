import type { HostConfig } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { DemoMode } from '../hosts/demo-mode';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry, HostEntry, MakeLink } from '../hosts/host-registry';
import type { Inventory } from '../inventory/inventory';
import type { PathMonitor } from '../migration-paths/path-monitor';
import type { WitnessMonitor } from '../hosts/witness-monitor';
import type { Metrics } from '../metrics/metrics';
import type { Alerts } from '../alerts/alerts';
import type { ConsoleManager } from '../consoles/console-manager';
import type { PlanRunner } from '../plans/plan-runner';
import type { PowerService } from '../power/power-service';
import type { DefinitionKeeper } from '../recovery/definition-keeper';
import type { SettingsStore } from '../settings/settings-store';

/** What the request handlers work with once the core has started. */
export interface CoreContext {
  inventory: Inventory;
  /** The admin's settings (overcommit, poll, log size, confirmations), applied live. */
  settings: SettingsStore;
  hosts: HostRegistry;
  demo: DemoMode;
  log: EventLog;
  /** Push events for the windows (services:changed is published by the service handlers). */
  hub: EventHub;
  /** Every change on hosts runs as a journaled plan. */
  plans: PlanRunner;
  /** Host-to-host migration paths. */
  paths: PathMonitor;
  /** Whether the peers of a lost host still reach it (a partition) or not (down or isolated). */
  witness: WitnessMonitor;
  /** Utilisation sampling and its history. */
  metrics: Metrics;
  /** Alert rules, the alerts they opened, the webhook. */
  alerts: Alerts;
  /** Serial consoles open for the windows. */
  consoles: ConsoleManager;
  /** Each service VM's last domain XML, kept before a failure for a recovery to define elsewhere. */
  definitions: DefinitionKeeper;
  /** Power management through the hosts' BMCs (fencing), its passwords sealed in the secret store. */
  power: PowerService;
  /** The link of a real host, with a passphrase for this link only if one is given. */
  realLink(config: HostConfig, passphrase?: string): Promise<MakeLink>;
  /** Refuses a key file that is missing, unreadable or no private key, before a host is saved. */
  checkKeyFile(hostName: string, keyPath: string): Promise<void>;
  /** How long hosts:add and friends wait for a connection attempt to end. */
  settleTimeoutMs: number;
}

/**
 * Run one user action; whatever fails becomes an AppError whose message names the action and the
 * object ("Couldn't remove host hv1: …"), keeping the code and the detail.
 */
export async function attempt<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw AppError.from(error).during(action);
  }
}

export function requireHost(ctx: CoreContext, hostId: HostId): HostEntry {
  const entry = ctx.hosts.get(hostId);
  if (!entry) throw new AppError('not-found', 'no such host', { hostId });
  return entry;
}

/** A host's name for messages, or its id when it is not (or no longer) known. */
export function hostName(ctx: CoreContext, hostId: HostId): string {
  return ctx.hosts.get(hostId)?.config.name ?? hostId;
}
