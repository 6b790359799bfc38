import type { HostId } from '../../../../shared/domain/ids';
import { isActive, type Vm } from '../../../../shared/domain/vm';
import type { CounterSample, VmCounters } from '../../metrics/counters';
import type { DemoHostState, DemoWorld } from './demo-world';

/**
 * The demo's utilisation, made the way a host reports it: cumulative counters (CPU time, bytes)
 * that the console turns into rates like any other. Load follows the time of day (a working-day
 * curve), one VM is a noisy neighbour pegged near 100 %, and one leaks memory until it is
 * "restarted" (its counters start again from zero, as a real restart does).
 */
export class DemoMetrics {
  private readonly hosts = new Map<HostId, HostCounterState>();
  private readonly vms = new Map<string, VmCounterState>();
  private noisy: string | undefined;
  private leaky: string | undefined;

  constructor(private readonly world: DemoWorld) {
    const hosts = [...world.hosts.values()].filter((h) => h.facts.virtualLayer.status === 'ok');
    this.noisy = firstRunning(hosts[1] ?? hosts[0]);
    this.leaky = firstRunning(hosts[2] ?? hosts[0], this.noisy);
  }

  /** The VMs with a story: for the README and the tests. */
  get characters(): { noisy?: string; leaky?: string } {
    return {
      ...(this.noisy === undefined ? {} : { noisy: this.noisy }),
      ...(this.leaky === undefined ? {} : { leaky: this.leaky }),
    };
  }

  sample(hostId: HostId, now: number): CounterSample {
    const host = this.world.host(hostId);
    const cores = host.facts.cpu.cores;
    const state = (this.hosts.get(hostId) ??
      this.hosts.set(hostId, newHost(now, host)).get(hostId)) as HostCounterState;
    const seconds = Math.max(0, (now - state.at) / 1000);
    state.at = now;
    state.uptime += seconds;
    const day = diurnal(now);
    const vms: VmCounters[] = [];
    let busyCores = (0.03 + 0.15 * day) * cores; // the host's own work, busier by day
    let usedKiB = 2 * 1024 * 1024; // the host's own share
    for (const vm of host.vms) {
      if (!isActive(vm.state)) {
        this.vms.delete(vm.id);
        vms.push({ name: vm.name, state: vm.state });
        continue;
      }
      const counters = this.vmCounters(vm, seconds, day, now);
      busyCores += (counters.load ?? 0) * vm.vcpus;
      usedKiB += counters.memoryUsedKiB;
      vms.push({
        name: vm.name,
        state: vm.state,
        vcpus: vm.vcpus,
        cpuTimeNs: Math.round(counters.cpuTimeNs),
        memoryUsedKiB: Math.round(counters.memoryUsedKiB),
        netRxBytes: Math.round(counters.netRx),
        netTxBytes: Math.round(counters.netTx),
        blockReadBytes: Math.round(counters.blockRead),
        blockWriteBytes: Math.round(counters.blockWrite),
      });
    }
    const busyShare = Math.min(1, busyCores / cores);
    const jiffies = cores * 100 * seconds;
    state.total += jiffies;
    state.busy += jiffies * busyShare;
    state.iowait += jiffies * 0.01 * day;
    state.netRx += seconds * 4e5 * (0.3 + day) * cores;
    state.netTx += seconds * 3e5 * (0.3 + day) * cores;
    const totalKiB = host.facts.memoryMiB * 1024;
    return {
      host: {
        uptimeSeconds: state.uptime,
        cpu: {
          busy: Math.round(state.busy),
          iowait: Math.round(state.iowait),
          total: Math.round(state.total),
        },
        memoryTotalKiB: totalKiB,
        memoryAvailableKiB: Math.max(0, Math.round(totalKiB - usedKiB)),
        netRxBytes: Math.round(state.netRx),
        netTxBytes: Math.round(state.netTx),
        rootDisk: { sizeKiB: 500 * 1024 * 1024, usedKiB: Math.round(state.rootUsedKiB) },
      },
      vms,
    };
  }

  private vmCounters(vm: Vm, seconds: number, day: number, now: number): VmCounterState {
    let state = this.vms.get(vm.id);
    if (state === undefined) {
      state = {
        cpuTimeNs: 0,
        netRx: 0,
        netTx: 0,
        blockRead: 0,
        blockWrite: 0,
        memoryUsedKiB: 0,
        since: now,
      };
      this.vms.set(vm.id, state);
    }
    const seed = hash(vm.id);
    const memoryKiB = vm.memoryMiB * 1024;
    let load = 0.05 + 0.3 * seed * day + 0.04 * Math.sin(now / 47_000 + seed * 10);
    if (vm.id === this.noisy) load = 0.9 + 0.08 * Math.sin(now / 13_000);
    load = vm.state === 'running' ? Math.max(0.01, Math.min(1, load)) : 0; // paused: no CPU
    state.load = load;
    state.cpuTimeNs += load * vm.vcpus * seconds * 1e9;
    state.netRx += seconds * (2e5 + 3e6 * load * seed);
    state.netTx += seconds * (1e5 + 2e6 * load * seed);
    state.blockRead += seconds * 4e5 * load;
    state.blockWrite += seconds * 2.5e5 * load;
    if (vm.id === this.leaky) {
      // From 35 % to 95 % of its memory in 40 minutes, then a restart: counters from zero again.
      const leaked = (now - state.since) / (40 * 60_000);
      if (leaked >= 1) {
        this.vms.delete(vm.id);
        return this.vmCounters(vm, 0, day, now);
      }
      state.memoryUsedKiB = memoryKiB * (0.35 + 0.6 * leaked);
    } else {
      state.memoryUsedKiB = memoryKiB * (0.4 + 0.3 * seed + 0.05 * day);
    }
    return state;
  }
}

interface HostCounterState {
  at: number;
  uptime: number;
  busy: number;
  iowait: number;
  total: number;
  netRx: number;
  netTx: number;
  rootUsedKiB: number;
}

interface VmCounterState {
  cpuTimeNs: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  memoryUsedKiB: number;
  /** When this run of the VM began (the leak starts there). */
  since: number;
  load?: number;
}

function newHost(now: number, host: DemoHostState): HostCounterState {
  const seed = hash(host.config.id);
  return {
    at: now,
    uptime: 86_400 * (3 + 20 * seed),
    busy: 0,
    iowait: 0,
    total: 0,
    netRx: 0,
    netTx: 0,
    rootUsedKiB: 500 * 1024 * 1024 * (0.2 + 0.5 * seed),
  };
}

/** 0 at night, 1 in the early afternoon: a working day's curve, by the console's local clock. */
export function diurnal(now: number): number {
  const date = new Date(now);
  const hours = date.getHours() + date.getMinutes() / 60;
  return 0.5 + 0.5 * Math.sin(((hours - 8) / 24) * 2 * Math.PI);
}

function firstRunning(host: DemoHostState | undefined, not?: string): string | undefined {
  return host?.vms.find((vm) => vm.state === 'running' && vm.id !== not)?.id;
}

/** A stable number in [0, 1) from an id: each VM keeps its own character run after run. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

const models = new WeakMap<DemoWorld, DemoMetrics>();

/** One metrics model per demo world, made on the first sample. */
export function demoMetricsOf(world: DemoWorld): DemoMetrics {
  let model = models.get(world);
  if (model === undefined) models.set(world, (model = new DemoMetrics(world)));
  return model;
}
