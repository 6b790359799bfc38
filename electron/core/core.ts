import { z } from 'zod';
import type { HostConfig } from '../../shared/domain/host';
import type { HostId, VmId } from '../../shared/domain/ids';
import { openDefinitions } from './recovery/definition-keeper';
import { haMarks, startHaMarkCleanup } from './recovery/ha-marks';
import { startStaleCopyGuard } from './recovery/stale-copies';
import { AUTO_RECOVERY_GRACE_MS } from './recovery/auto-recovery';
import { startCoreAutoRecovery } from './recovery/propose-recovery';
import { AppError } from '../../shared/errors';
import type { LogEntry } from '../../shared/domain/log';
import { DEMO_SETTING, DemoMode, type DemoOptions } from './hosts/demo-mode';
import { createEventHub, type EventSource } from './events/event-hub';
import { createEventLog } from './events/event-log';
import { createFailedLink } from './hosts/failed-link';
import { HostRegistry, type MakeLink } from './hosts/host-registry';
import type { LinkFactory } from './hosts/link-factory';
import type { CoreContext } from './context/core-context';
import type { Handlers } from './handlers/handler-types';
import { bindHandlers, forwardingHandlers } from './handlers/handlers';
import { openInventory, type Inventory } from './inventory/inventory';
import { join } from 'node:path';
import { startMetrics } from './metrics/metrics';
import { LOG_FILE, readLogFile, writeLogFile } from './events/log-file';
import { fillDemoPast } from './hypervisor/demo/demo-past';
import { openAlerts, type AlertsDeps } from './alerts/alerts';
import { ConsoleManager } from './consoles/console-manager';
import { planningView } from './context/planning-view';
import { createPathMonitor } from './migration-paths/create-path-monitor';
import { startWitnessMonitor } from './hosts/witness-monitor';
import { createPlanRunner } from './plans/create-plan-runner';
import type { PlanRunner } from './plans/plan-runner';
import type { PlanTiming } from './plans/plan-timing';
import { logStrayRejections } from './stray-rejections';
import { forgetDeletedServices, publishCatalog } from './services/service-catalog';
import { createSettingsStore } from './settings/settings-store';
import { createPowerService, type PowerDeps, type PowerService } from './power/power-service';
import { fileBox, type SecretBox } from './secrets/secret-box';
import { openSecretStore } from './secrets/secret-store';

export interface CoreOptions {
  /** Where the inventory lives (the window passes Electron's userData). */
  dataDir: string;
  /** Show the demo fleet when there are no hosts and no stored choice (default true). */
  demoByDefault?: boolean;
  /** Makes the links of real hosts; defaults to SSH + libvirt. Tests pass a fake. */
  linkFactory?: LinkFactory;
  /**
   * Checks a key file before a host is saved; defaults to reading it (with the default links) and
   * to no check with a fake link factory, whose key paths are names, not files.
   */
  checkKeyFile?: (hostName: string, keyPath: string) => Promise<void>;
  demo?: DemoOptions;
  /** How long hosts:add, trust-key and reconnect wait for the attempt to end (default 25 s). */
  settleTimeoutMs?: number;
  /** Sees every log line as it is appended: the shells print them. */
  onLog?: (entry: LogEntry) => void;
  /** How long a plan's shutdown step waits for a guest to power off before forcing it (default 60 s). */
  shutdownGraceMs?: number;
  /** Plan timing for tests (polling, waits); shutdownGraceMs above wins over the one here. */
  planTiming?: Partial<PlanTiming>;
  /**
   * Seals BMC passwords before they are written to the data folder: the desktop app passes one over
   * Electron's safeStorage; the default keeps them as they are in a file of mode 0600.
   */
  secretBox?: SecretBox;
  /** Runs ipmitool on the console's machine; tests pass a fake BMC. */
  runIpmitool?: PowerDeps['runLocal'];
  /**
   * No automatic fencing (and so no automatic recovery) this long after the console starts: it may
   * not see every host yet (oVirt's rule; default 300 s). Tests pass a shorter one.
   */
  autoRecoveryGraceMs?: number;
  /** Alerts for tests: a quicker state tick, a quicker webhook retry. */
  alerts?: Pick<AlertsDeps, 'webhook' | 'tickMs'>;
}

/** The console without a window: what both shells (Electron IPC, web socket) serve. */
export interface Core {
  handlers: Handlers;
  events: EventSource;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The started console's plan runner (lab tests and tools build plans with plan-builder). */
  plans(): PlanRunner;
  /** The started console's power management (fencing): what a recovery plan calls. */
  power(): PowerService;
}

export function createCore(options: CoreOptions): Core {
  const hub = createEventHub((error) =>
    console.error('Federator: an event listener failed', error),
  );
  const log = createEventLog(hub, options.onLog ? { echo: options.onLog } : {});
  let factory: Promise<LinkFactory> | undefined;
  // Loaded on first use: a demo-only console never loads ssh2.
  const loadFactory = (): Promise<LinkFactory> =>
    (factory ??= options.linkFactory
      ? Promise.resolve(options.linkFactory)
      : import('./hosts/libvirt-link-factory').then((m) => m.libvirtLinkFactory));
  let running: { ctx: CoreContext; handlers: Handlers; unlisten: () => void } | undefined;
  let starting: Promise<void> | undefined;
  let unlistenStray: (() => void) | undefined;

  let detachLogFile: (() => void) | undefined;

  const start = async (): Promise<void> => {
    unlistenStray ??= logStrayRejections(log);
    restoreLog();
    const inventory = await openInventory({
      dataDir: options.dataDir,
      log: (level, message, detail) =>
        log.append({ level, message, ...(detail ? { detail } : {}) }),
    });
    const hosts = new HostRegistry(hub, log);
    try {
      running = await open(inventory, hosts);
    } catch (error) {
      await hosts.closeAll();
      detachLogFile?.(); // the folder is released below: another console may write it next
      detachLogFile = undefined;
      await inventory.close(); // releases the data folder for the next try
      throw error;
    }
    log.append({
      level: 'info',
      message: `Console started: ${inventory.listHosts().length} host(s) in ${inventory.path}${running.ctx.demo.enabled ? ', demo fleet shown' : ''}`,
    });
  };

  /** The last run's lines, read before the inventory so its own first lines follow them. */
  const restoreLog = (): void => {
    const past = readLogFile(join(options.dataDir, LOG_FILE));
    log.restore(past.entries);
    if (past.unreadable > 0) {
      log.append({
        level: 'warning',
        message: `${past.unreadable} line(s) of the saved event log did not read and were skipped`,
      });
    }
  };

  /** Follow every stored host, show the demo if it is due, and bind the handlers. */
  const open = async (
    inventory: Inventory,
    hosts: HostRegistry,
  ): Promise<{ ctx: CoreContext; handlers: Handlers; unlisten: () => void }> => {
    const settings = createSettingsStore({ inventory, hub, log });
    log.resize(settings.get().eventLogSize);
    // Written only once the data folder is ours (the inventory holds its lock).
    detachLogFile ??= writeLogFile(
      join(options.dataDir, LOG_FILE),
      hub,
      log,
      () => settings.get().eventLogSize,
      (message) => log.append({ level: 'warning', message }),
    );
    const unfollowSettings = settings.onChange((next) => log.resize(next.eventLogSize));
    // The demo is made before the context it belongs to; its catalogue news waits for the context.
    const started: { ctx?: CoreContext } = {};
    const demo = new DemoMode({
      hosts,
      hub,
      log,
      persist: (enabled) => inventory.setSetting(DEMO_SETTING, enabled),
      options: options.demo ?? {},
      servicesChanged: () => {
        if (started.ctx) publishCatalog(started.ctx);
      },
      shown: (world) => {
        if (started.ctx) void fillDemoPast(started.ctx.metrics.history, world, log);
      },
    });
    const definitions = await openDefinitions(options.dataDir, log, haMarks(inventory));
    const realLink = async (config: HostConfig, passphrase?: string): Promise<MakeLink> => {
      const make = await loadFactory();
      const deps = {
        keepDefinition: (hostId: HostId, vmId: VmId, xml: string) => {
          if (!definitions.note(hostId, vmId, xml)) {
            log.append({
              level: 'warning',
              hostId,
              message: `The definition of VM ${vmId} on ${config.name} is too long to keep: a recovery could not restart it elsewhere`,
            });
          }
        },
        trustedKeys: inventory.trustedKeys,
        pollMs: () => settings.get().pollSeconds * 1000,
        hostConfig: (id: HostId) =>
          hosts.get(id)?.config ?? inventory.listHosts().find((h) => h.id === id),
        ...(passphrase === undefined ? {} : { passphrase }),
      };
      return (listener) => make(config, { ...deps, listener });
    };
    const plans = createPlanRunner({
      inventory,
      hosts,
      hub,
      log,
      timing: {
        ...options.planTiming,
        ...(options.shutdownGraceMs === undefined
          ? {}
          : { shutdownGraceMs: options.shutdownGraceMs }),
      },
    });
    const metrics = startMetrics({ dataDir: options.dataDir, hosts, hub, log, settings });
    const alerts = await openAlerts({
      dataDir: options.dataDir,
      inventory,
      hub,
      log,
      fleet: () => planningView(ctx),
      sampleIntervalMs: () => metrics.collector.intervalMs(),
      ...options.alerts,
    }).catch((error: unknown) => {
      metrics.stop();
      throw error;
    });
    const ctx: CoreContext = {
      inventory,
      settings,
      hosts,
      demo,
      log,
      hub,
      plans,
      paths: createPathMonitor({ hosts, hub, log }),
      witness: startWitnessMonitor({ hosts, hub, log }),
      metrics,
      alerts,
      consoles: new ConsoleManager(hub),
      definitions,
      power: createPowerService({
        hosts,
        log,
        secrets: openSecretStore(options.dataDir, options.secretBox ?? fileBox),
        demoPower: (hostId, action) => demo.power(hostId, action),
        ...(options.runIpmitool === undefined ? {} : { runLocal: options.runIpmitool }),
      }),
      realLink,
      checkKeyFile:
        options.checkKeyFile ??
        (options.linkFactory
          ? () => Promise.resolve()
          : async (hostName, keyPath) =>
              (await import('./ssh/key-file-check')).checkKeyFile(hostName, keyPath)),
      settleTimeoutMs: options.settleTimeoutMs ?? 25_000,
    };
    started.ctx = ctx;
    // A host back after a recovery: its copies of VMs now running elsewhere are kept shut off.
    const unguard = startStaleCopyGuard({ hosts, hub, log, plans });
    // A VM the console deleted (no host lists it any more) loses its restart-on-another-host mark.
    const unmark = startHaMarkCleanup(ctx);
    // A service that opted in: its VMs restarted elsewhere by the console once a failed host is fenced.
    const unauto = startCoreAutoRecovery(
      ctx,
      options.autoRecoveryGraceMs ?? AUTO_RECOVERY_GRACE_MS,
    );
    try {
      return await follow(ctx, plans, () => {
        unguard();
        unmark();
        unauto();
        unfollowSettings();
      });
    } catch (error) {
      unguard();
      unauto();
      metrics.stop(); // its files are released for the next try
      ctx.witness.stop();
      await alerts.stop();
      throw error;
    }
  };

  const follow = async (
    ctx: CoreContext,
    plans: ReturnType<typeof createPlanRunner>,
    unfollowSettings: () => void,
  ): Promise<{ ctx: CoreContext; handlers: Handlers; unlisten: () => void }> => {
    const { inventory, hosts, demo } = ctx;
    const configs = inventory.listHosts();
    for (const config of configs) {
      const make = await ctx.realLink(config).catch(
        (error: unknown): MakeLink =>
          () =>
            createFailedLink(config, error),
      );
      try {
        hosts.attach(config, make);
      } catch (error) {
        hosts.attach(config, () => createFailedLink(config, error));
      }
    }
    // Plans a stopped console left running are journaled `interrupted` before any handler can run
    // a plan; their steps are checked against the hosts in the background as these connect.
    await plans.recover();
    const stored = inventory.getSetting(DEMO_SETTING, z.boolean());
    if (stored ?? ((options.demoByDefault ?? true) && configs.length === 0)) {
      await demo.set(true, { persist: false });
    }
    // For this start only: the hub outlives a stop, and a stopped console's inventory is closed.
    const forget = forgetDeletedServices(ctx);
    const unlisten = (): void => {
      forget();
      unfollowSettings();
    };
    ctx.alerts.engine.start();
    return { ctx, handlers: bindHandlers(ctx), unlisten };
  };

  return {
    handlers: forwardingHandlers(() => running?.handlers),
    events: { on: (channel, listener) => hub.on(channel, listener) },
    start: () =>
      (starting ??= start().catch((error: unknown) => {
        starting = undefined; // a failed start (say, the folder is locked) may be tried again
        throw error;
      })),
    plans() {
      if (!running) throw new AppError('unreachable', 'the console is not started');
      return running.ctx.plans;
    },
    power() {
      if (!running) throw new AppError('unreachable', 'the console is not started');
      return running.ctx.power;
    },
    async stop() {
      await starting?.catch(() => undefined);
      const ctx = running?.ctx;
      running?.unlisten();
      running = undefined;
      starting = undefined;
      unlistenStray?.();
      unlistenStray = undefined;
      if (!ctx) return;
      ctx.consoles.closeAll();
      ctx.metrics.stop();
      await ctx.alerts.stop();
      await ctx.plans.stop();
      await ctx.paths.stop();
      ctx.witness.stop();
      await ctx.demo.stop();
      await ctx.hosts.closeAll();
      detachLogFile?.(); // after everything that logs while it stops
      detachLogFile = undefined;
      await ctx.inventory.close();
    },
  };
}
