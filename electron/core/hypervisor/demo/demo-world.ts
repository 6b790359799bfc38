import type { VmAction } from '../../../../shared/contract/requests';
import type { HostConfig, HostFacts } from '../../../../shared/domain/host';
import type { WitnessAnswer } from '../../../../shared/domain/host-witness';
import type { HostId, VmId } from '../../../../shared/domain/ids';
import { isActive, type Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { DemoHostSpec } from './demo-fleet';
import { DemoSession } from './demo-session';
import { seededRandom } from './seeded-random';

/** One simulated host's live state. Facts and VM lists are replaced, never mutated, on change. */
export interface DemoHostState {
  config: HostConfig;
  facts: HostFacts;
  vms: readonly Vm[];
  readonly watchers: Set<() => void>;
  /** False while the simulated host does not answer the console (its network is down, or cut). */
  reachable: boolean;
  /** Whether the other hosts still reach it: true with `reachable` false is a partition. */
  peersReach: boolean;
  /** Powered off through its simulated BMC: answers no one, its VMs stopped. */
  poweredOff?: boolean;
  /** The host links' connections to it, open now. */
  readonly sessions: Set<DemoSession>;
}

export interface DemoWorldOptions {
  /** How often the estate moves on its own (load, the odd VM changing state); 0: never. */
  tickMs?: number;
  /** How long a guest takes to shut down after an ACPI request. */
  shutdownMs?: number;
  /** How long a migration takes, and how often it reports progress (see demo-migrate.ts). */
  migration?: MigrationPace;
  seed?: number;
}

/** A simulated transfer: `msPerMiB` of guest memory (live) but at least `minMs`, progress every `tickMs`. */
export interface MigrationPace {
  msPerMiB: number;
  minMs: number;
  tickMs: number;
}

/** Hosts touched per tick, whatever the fleet size: a 5,000-host benchmark fleet stays cheap. */
const HOSTS_PER_TICK = 50;
/** How often the estate moves on its own, unless told otherwise. */
export const DEMO_TICK_MS = 3000;

/**
 * The whole simulated estate behind the demo drivers, with one timer for all of it (not one per host).
 */
export class DemoWorld {
  readonly hosts = new Map<HostId, DemoHostState>();
  /** Guests that ignore an ACPI shutdown, as the lab's disk-less ones do: only destroy stops them. */
  readonly ignoresShutdown = new Set<VmId>();
  /** VMs whose autostart the admin turned on (libvirt keeps this beside the definition). */
  readonly autostart = new Set<VmId>();
  private readonly random;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ticker: NodeJS.Timeout | undefined;

  constructor(
    specs: readonly DemoHostSpec[],
    /** Read at each use: a test may change the pace of what comes next. */
    readonly options: DemoWorldOptions = {},
  ) {
    for (const spec of specs) this.addHost(spec);
    this.random = seededRandom((options.seed ?? 1) + 7919);
    // tickMs 0: a still world (tests), whose hosts change only when told to.
    const tickMs = options.tickMs ?? DEMO_TICK_MS;
    this.ticker = tickMs > 0 ? setInterval(() => this.tick(), tickMs) : undefined;
    this.ticker?.unref(); // the demo never keeps a process alive on its own
  }

  /** One more simulated host, reachable, with its VMs. */
  addHost(spec: DemoHostSpec): DemoHostState {
    const state: DemoHostState = {
      ...spec,
      watchers: new Set(),
      reachable: true,
      peersReach: true,
      sessions: new Set(),
    };
    this.hosts.set(spec.config.id, state);
    return state;
  }

  host(id: HostId): DemoHostState {
    const state = this.hosts.get(id);
    if (!state) throw new AppError('not-found', `no demo host ${id}`, { hostId: id });
    return state;
  }

  /** A host link's connection to a host, or the error of a host that does not answer. */
  open(hostId: HostId): DemoSession {
    const host = this.host(hostId);
    if (!host.reachable) throw unreachable(host, 'refused the connection');
    const session = new DemoSession(host.config.name, (ended) => host.sessions.delete(ended));
    host.sessions.add(session);
    return session;
  }

  /**
   * Take a host off the network (its connections drop) or put it back. `peersReach` true while it
   * is off: only the console's side is cut (a partition), its peers still reach it.
   */
  setReachable(hostId: HostId, reachable: boolean, peersReach = reachable): void {
    const host = this.host(hostId);
    if (reachable) host.poweredOff = false; // "Bring it back" powers it on too
    host.reachable = reachable;
    host.peersReach = peersReach;
    if (reachable) return;
    for (const session of [...host.sessions]) {
      session.lose(unreachable(host, 'stopped answering'));
    }
  }

  /**
   * Its simulated BMC switches it off (a pulled plug: every VM stops, no one reaches it) or on
   * (back on the network; its VMs stay shut off, as after a power cut). The power state it reads.
   */
  setPower(hostId: HostId, on: boolean): 'on' | 'off' {
    const host = this.host(hostId);
    if (on) {
      if (host.poweredOff === true) this.setReachable(hostId, true);
      return 'on';
    }
    if (host.poweredOff !== true) {
      host.poweredOff = true;
      host.vms = host.vms.map((vm) => ({ ...vm, state: 'shutoff' as const }));
      this.setReachable(hostId, false, false);
    }
    return 'off';
  }

  /** Carry out a VM action at once, or throw the AppError virsh's refusal would become. */
  act(hostId: HostId, vmId: VmId, action: VmAction): void {
    const host = this.host(hostId);
    const vm = host.vms.find((candidate) => candidate.id === vmId);
    if (!vm) throw new AppError('not-found', 'no such VM on this host', { hostId });
    const refuse = (why: string): never => {
      throw new AppError('command-failed', why, {
        hostId,
        detail: `error: Requested operation is not valid: ${why}`,
      });
    };
    if (host.facts.virtualLayer.status !== 'ok') {
      throw new AppError(
        'hypervisor-missing',
        host.facts.virtualLayer.problem ?? 'hypervisor not answering',
        { hostId },
      );
    }
    if (action === 'suspend') {
      if (vm.state !== 'running') refuse('domain is not running');
      this.setVm(host, vm.id, { state: 'paused', stateReason: 'user' });
    } else if (action === 'resume') {
      if (vm.state !== 'paused') refuse('domain is not paused');
      this.setVm(host, vm.id, { state: 'running', stateReason: 'unpaused' });
    } else if (action === 'start') {
      if (isActive(vm.state)) refuse('domain is already running');
      this.setVm(host, vm.id, { state: 'running', stateReason: 'booted' });
    } else if (vm.state !== 'running' && (action === 'shutdown' || action === 'reboot')) {
      refuse('domain is not running');
    } else if (action === 'destroy') {
      if (!isActive(vm.state)) refuse('domain is not running');
      this.setVm(host, vm.id, { state: 'shutoff', stateReason: 'destroyed' });
    } else if (action === 'shutdown') {
      if (this.ignoresShutdown.has(vm.id)) return; // the request is accepted, and nothing happens
      this.setVm(host, vm.id, { state: 'shutting-down', stateReason: 'user' });
      this.later(this.options.shutdownMs ?? 1500, () =>
        this.setVm(host, vm.id, { state: 'shutoff', stateReason: 'shutdown' }),
      );
    } else {
      this.setVm(host, vm.id, { state: 'running', stateReason: 'booted' });
    }
  }

  /** Replace a host's VM list (the demo operations' one way in) and tell its watchers. */
  setVms(host: DemoHostState, vms: readonly Vm[]): void {
    host.vms = vms;
    for (const watcher of host.watchers) watcher();
  }

  /** What a peer's TCP probe of `address:port` gets: the simulated host there, if it is up for peers. */
  reach(address: string, port: number): WitnessAnswer {
    const target = [...this.hosts.values()].find(
      (h) => h.config.address === address && h.config.port === port,
    );
    return target?.peersReach === true ? 'reaches' : 'silent';
  }

  /** A host's place in the fleet, from 1: the demo's broken migration paths are chosen by it. */
  indexOf(id: HostId): number {
    return [...this.hosts.keys()].indexOf(id) + 1;
  }

  stop(): void {
    clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private setVm(host: DemoHostState, vmId: VmId, change: Pick<Vm, 'state' | 'stateReason'>): void {
    host.vms = host.vms.map((vm) => (vm.id === vmId ? { ...vm, ...change } : vm));
    for (const watcher of host.watchers) watcher();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Load drifts on a few hosts; now and then a VM stops, starts or reboots as in a real estate. */
  private tick(): void {
    const all = [...this.hosts.values()];
    for (let n = 0; n < Math.min(all.length, HOSTS_PER_TICK); n++) {
      const host = this.random.pick(all);
      if (host.facts.virtualLayer.status !== 'ok') continue;
      const [one, five] = host.facts.os.load;
      const next = Math.max(
        0.05,
        Math.min(host.facts.cpu.cores * 0.9, one + (this.random.next() - 0.5) * 1.5),
      );
      const round = (x: number): number => Math.round(x * 100) / 100;
      host.facts = {
        ...host.facts,
        os: { ...host.facts.os, load: [round(next), round(five * 0.8 + next * 0.2), round(five)] },
      };
      for (const watcher of host.watchers) watcher();
    }
    if (this.random.next() < 0.3) this.flipOneVm(all);
  }

  private flipOneVm(all: DemoHostState[]): void {
    const host = this.random.pick(all);
    const candidates = host.vms.filter((vm) => vm.state === 'running' || vm.state === 'shutoff');
    if (host.facts.virtualLayer.status !== 'ok' || candidates.length === 0) return;
    const vm = this.random.pick(candidates);
    const running = host.vms.filter((v) => v.state === 'running').length;
    if (vm.state === 'shutoff')
      this.setVm(host, vm.id, { state: 'running', stateReason: 'booted' });
    else if (running > host.vms.length / 2 && this.random.next() < 0.5) {
      this.setVm(host, vm.id, { state: 'shutoff', stateReason: 'shutdown' });
    }
  }
}

function unreachable(host: DemoHostState, what: string): AppError {
  const { name, address, port } = host.config;
  return new AppError('unreachable', `${name} (${address}:${port}) ${what}`, {
    hostId: host.config.id,
  });
}
