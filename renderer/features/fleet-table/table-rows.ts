import type { Host, HostId, Vm } from '../../../shared/domain';
import type { HostSample } from '../../../shared/domain/metrics';
import type { Overcommit } from '../../../shared/placement-input/build-input';
import {
  cpuRoom,
  memoryRoom,
  type CpuRoom,
  type MemoryRoom,
} from '../../../shared/placement-input/host-room';
import { plural } from '../../../shared/words';
import type { ApplicationWeights } from '../topology/application-weights';
import { HOST_STATE_ORDER, hostView, troubleReason, type StateView } from '../topology/state-view';

/**
 * What a row's figures add up to in its group: the hosts it counts, its VMs, and CPU and memory
 * used against capacity (a host's cores and RAM; a VM's vCPUs and the memory it was given).
 */
export interface RowFigures {
  hostId: HostId;
  vmCount: number;
  /** Something for the admin to look at: a host in trouble or with crashed VMs, a crashed VM. */
  trouble: boolean;
  /** Cores (host) or vCPUs (VM) busy, from the latest sample; undefined before one. */
  cpuUsed: number | undefined;
  cpuCapacity: number;
  memUsedMiB: number | undefined;
  memCapacityMiB: number;
}

/** One host of the host table, with what its columns show and sort by. */
export interface HostRow extends RowFigures {
  id: string;
  host: Host;
  view: StateView;
  /** HOST_STATE_ORDER's rank (crashed VMs first within one): sorting by state puts the worst first. */
  stateRank: number;
  /** What is wrong: the host's trouble, else its crashed VMs. */
  problem: string | undefined;
  vms: readonly Vm[];
  running: number;
  crashed: number;
  /** CPU in % of all cores, memory in % of RAM, from the latest sample. */
  cpuPercent: number | undefined;
  memPercent: number | undefined;
  vcpus: CpuRoom | undefined;
  promised: MemoryRoom | undefined;
  services: string;
  labels: string;
  /** When the host booted (ms since the epoch), from the uptime its facts reported. */
  bootedAt: number | undefined;
}

/** One VM of the VM table. */
export interface VmRow extends RowFigures {
  id: string;
  vm: Vm;
  host: Host | undefined;
  cpuPercent: number | undefined;
  labels: string;
}

export interface RowInput {
  samples: Readonly<Record<string, HostSample>>;
  /** The fleet's ratios; absent until loaded, and then allocation has no figure. */
  overcommit: Overcommit | undefined;
  apps: ApplicationWeights;
}

export const labelText = (host: Host | undefined): string =>
  host
    ? Object.entries(host.config.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')
    : '';

export function hostRow(host: Host, vms: readonly Vm[], input: RowInput): HostRow {
  const usage = input.samples[host.config.id]?.host;
  const facts = host.facts?.value;
  const cores = facts?.cpu.cores ?? 0;
  const memTotal = usage?.memoryTotalMiB ?? facts?.memoryMiB ?? 0;
  const view = hostView(host);
  const rank = HOST_STATE_ORDER.indexOf(host.state);
  let running = 0;
  let crashed = 0;
  const services = new Set<string>();
  for (const vm of vms) {
    if (vm.state === 'running') running++;
    else if (vm.state === 'crashed') crashed++;
    if (vm.service) services.add(vm.service);
  }
  return {
    id: host.config.id,
    hostId: host.config.id,
    host,
    view,
    // Within a state, a host with crashed VMs comes first.
    stateRank: rank * 2 + (crashed > 0 ? 0 : 1),
    problem: view.trouble
      ? troubleReason(host)
      : crashed > 0
        ? `${plural(crashed, 'VM')} crashed`
        : undefined,
    vms,
    vmCount: vms.length,
    trouble: view.trouble || crashed > 0,
    running,
    crashed,
    cpuPercent: usage?.cpu,
    memPercent:
      usage?.memory === undefined || memTotal <= 0 ? undefined : (usage.memory / memTotal) * 100,
    cpuUsed: usage?.cpu === undefined ? undefined : (usage.cpu / 100) * cores,
    cpuCapacity: cores,
    memUsedMiB: usage?.memory,
    memCapacityMiB: memTotal,
    vcpus: input.overcommit && cpuRoom(host, vms, input.apps.vcpus, input.overcommit),
    promised: input.overcommit && memoryRoom(host, vms, input.apps.memory, input.overcommit),
    services: [...services].sort().join(' '),
    labels: labelText(host),
    bootedAt: host.facts ? host.facts.at - host.facts.value.os.uptimeSeconds * 1000 : undefined,
  };
}

/** The VM rows of the hosts shown; each VM's figures come from its host's latest sample. */
export function vmRows(
  hosts: readonly Host[],
  vmsOf: (hostId: HostId) => readonly Vm[],
  input: RowInput,
): VmRow[] {
  const rows: VmRow[] = [];
  for (const host of hosts) {
    const sample = input.samples[host.config.id];
    const usage = new Map(sample?.vms.map((u) => [u.vmId, u]));
    const labels = labelText(host);
    for (const vm of vmsOf(host.config.id)) {
      const own = usage.get(vm.id);
      rows.push({
        id: vm.id,
        vm,
        host,
        hostId: host.config.id,
        vmCount: 1,
        trouble: vm.state === 'crashed',
        cpuPercent: own?.cpu,
        cpuUsed: own?.cpu === undefined ? undefined : (own.cpu / 100) * vm.vcpus,
        cpuCapacity: vm.vcpus,
        memUsedMiB: own?.memory,
        memCapacityMiB: vm.memoryMiB,
        labels,
      });
    }
  }
  return rows;
}
