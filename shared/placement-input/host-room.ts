import type { Host } from '../domain/host';
import type { Vm } from '../domain/vm';
import { overcommitFor } from '../domain/settings';
import type { Overcommit } from './build-input';

/** A host's vCPU room as the engine counts it, with the ratio behind the figure. */
export interface CpuRoom {
  cores: number;
  /** vCPUs per core used for this host. */
  ratio: number;
  /** The host's own ratio, not the fleet's. */
  ownRatio: boolean;
  /** cores × ratio. */
  capacity: number;
  used: number;
  /** May be negative: a host over its ratio (the ratio was lowered under it). */
  free: number;
}

/**
 * The vCPUs a host has free, counted as `buildPlacementInput` counts them for the engine: every VM
 * on the host, running or not; a VM of a known application weighs what the application says, any
 * other its own vCPUs (at least 1). Undefined until the host reported its cores.
 */
export function cpuRoom(
  host: Host,
  vms: readonly Vm[],
  applicationVcpus: ReadonlyMap<string, number>,
  overcommit: Overcommit,
): CpuRoom | undefined {
  const facts = host.facts?.value;
  if (!facts) return undefined;
  const cores = Math.max(1, facts.cpu.cores);
  const { cpu: ratio, cpuOwn: ownRatio } = overcommitFor(host.config, overcommit);
  const capacity = cores * ratio;
  const used = promised(vms, applicationVcpus, (vm) => Math.max(1, vm.vcpus));
  return { cores, ratio, ownRatio, capacity, used, free: capacity - used };
}

/** A host's memory room as the engine counts it: every VM's memory against total × the ratio. */
export interface MemoryRoom {
  totalMiB: number;
  ratio: number;
  ownRatio: boolean;
  /** totalMiB × ratio. */
  capacityMiB: number;
  usedMiB: number;
}

/** Memory promised to the host's VMs (running or not, as the engine counts), against its capacity. */
export function memoryRoom(
  host: Host,
  vms: readonly Vm[],
  applicationMemoryMiB: ReadonlyMap<string, number>,
  overcommit: Overcommit,
): MemoryRoom | undefined {
  const facts = host.facts?.value;
  if (!facts) return undefined;
  const { memory: ratio, memoryOwn: ownRatio } = overcommitFor(host.config, overcommit);
  const usedMiB = promised(vms, applicationMemoryMiB, (vm) => vm.memoryMiB);
  return {
    totalMiB: facts.memoryMiB,
    ratio,
    ownRatio,
    capacityMiB: facts.memoryMiB * ratio,
    usedMiB,
  };
}

/** What the VMs hold: a VM of a known application what the application says, any other its own. */
function promised(
  vms: readonly Vm[],
  byApplication: ReadonlyMap<string, number>,
  own: (vm: Vm) => number,
): number {
  let sum = 0;
  for (const vm of vms) {
    const known = vm.application === undefined ? undefined : byApplication.get(vm.application);
    sum += known ?? own(vm);
  }
  return sum;
}
