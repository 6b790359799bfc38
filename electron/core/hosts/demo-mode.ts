import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { PowerReading } from '../../../shared/domain/power';
import {
  createDemoFleet,
  DEFAULT_DEMO_FLEET,
  type DemoFleetOptions,
} from '../hypervisor/demo/demo-fleet';
import { createDemoHostLink } from './demo-link-ports';
import { DEMO_SERVICE, withDemoService } from '../hypervisor/demo/demo-service';
import type { ServiceBundle } from '../../../shared/domain/application';
import { DEMO_TICK_MS, DemoWorld, type DemoWorldOptions } from '../hypervisor/demo/demo-world';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from './host-registry';

export interface DemoOptions extends DemoWorldOptions {
  fleet?: DemoFleetOptions;
  connectDelayMs?: number;
  /**
   * Lose one demo host (its place in the fleet, from 1) once the fleet has connected, to see a
   * host failure without a lab: `peersReach` true cuts the console alone off (a partition).
   */
  outage?: { host: number; peersReach: boolean };
}

/** How long after the demo is shown its outage begins: its hosts have connected by then. */
const OUTAGE_AFTER_MS = 2_000;

export const DEMO_SETTING = 'demo.enabled';
/** How often demo hosts are listed again without an event (real hosts: the admin's setting). */
const DEMO_POLL_MS = 30_000;

/**
 * The simulated fleet, shown beside (or instead of) the real hosts, switched on and off as a whole.
 * Its hosts run the same host link machine as real ones, over demo ports (no SSH, no host keys).
 */
export class DemoMode {
  private world: DemoWorld | undefined;
  private ids: HostId[] = [];

  constructor(
    private readonly deps: {
      hosts: HostRegistry;
      hub: EventHub;
      log: EventLog;
      persist(enabled: boolean): Promise<void>;
      options: DemoOptions;
      /** The sample service comes and goes with the demo: the catalogue must be told. */
      servicesChanged?: () => void;
      /** Told of each world shown, for what is made from it beside the hosts (its past metrics). */
      shown?: (world: DemoWorld) => void;
    },
  ) {}

  get enabled(): boolean {
    return this.world !== undefined;
  }

  /** The demo's sample service while the demo is shown; never stored in the inventory. */
  services(): ServiceBundle[] {
    return this.enabled ? [DEMO_SERVICE] : [];
  }

  /** Persist the choice when the admin made it; a default worked out at start-up is not a choice. */
  async set(enabled: boolean, how: { persist: boolean; reason?: string }): Promise<void> {
    if (how.persist) await this.deps.persist(enabled);
    if (enabled === this.enabled) return;
    if (enabled) this.show();
    else await this.hide();
    this.deps.hub.emit('demo:changed', { enabled });
    this.deps.servicesChanged?.();
    const what = enabled ? 'Demo fleet shown' : 'Demo fleet hidden';
    this.deps.log.append({ level: 'info', message: how.reason ? `${what}: ${how.reason}` : what });
  }

  /**
   * A demo host fails now or comes back (the window's "Simulate" buttons): its simulated network
   * goes, for everyone (`down`) or for the console alone (`partition`), and the same host link,
   * witnesses and recovery as for a real host take it from there.
   */
  outage(hostId: HostId, outage: 'down' | 'partition' | 'none'): void {
    const world = this.world;
    if (!world || !this.ids.includes(hostId)) {
      throw new AppError('not-found', 'not a host of the demo fleet', { hostId });
    }
    world.setReachable(hostId, outage === 'none', outage !== 'down');
  }

  /**
   * A demo host's simulated BMC (every demo host has one): reads its power, or switches it. A
   * power-off is a pulled plug: its VMs stop and no one reaches it. Not a demo host: undefined.
   */
  power(hostId: HostId, action: 'status' | 'off' | 'on'): PowerReading | undefined {
    const world = this.world;
    if (!world || !this.ids.includes(hostId)) return undefined;
    const host = world.host(hostId);
    const state =
      action === 'status'
        ? host.poweredOff === true
          ? 'off'
          : 'on'
        : world.setPower(hostId, action === 'on');
    return { ok: true, state };
  }

  async stop(): Promise<void> {
    if (this.enabled) await this.hide();
  }

  private show(): void {
    const { options, hosts } = this.deps;
    const specs = withDemoService(createDemoFleet(options.fleet ?? DEFAULT_DEMO_FLEET));
    const world = new DemoWorld(specs, {
      ...options,
      seed: options.seed ?? options.fleet?.seed ?? 42,
    });
    this.world = world;
    this.ids = specs.map((spec) => spec.config.id);
    this.deps.shown?.(world);
    // Facts as often as the world moves, so the load drifts on screen as it does on a real host.
    // The backstop poll is for event streams that miss events; the world's never do, and at
    // 1,000 demo hosts a poll every 5 s costs half of the demo's CPU: every 30 s is enough.
    const timing = { factsEveryMs: options.tickMs ?? DEMO_TICK_MS, pollMs: DEMO_POLL_MS };
    const connectDelayMs = options.connectDelayMs ?? 300;
    for (const { config } of specs) {
      hosts.attach(config, (listener) =>
        createDemoHostLink(world, config, listener, { connectDelayMs, timing }),
      );
    }
    const outage = options.outage;
    const lost = outage === undefined ? undefined : this.ids[outage.host - 1];
    if (outage !== undefined && lost !== undefined) {
      setTimeout(() => {
        if (this.world === world) world.setReachable(lost, false, outage.peersReach);
      }, OUTAGE_AFTER_MS).unref();
    }
  }

  private async hide(): Promise<void> {
    const ids = this.ids;
    this.world?.stop();
    this.world = undefined;
    this.ids = [];
    await Promise.all(ids.map((id) => this.deps.hosts.detach(id)));
  }
}
