import type { ServiceBundle } from '../domain/application';
import type { Fleet } from '../domain/fleet';
import type { StoragePool } from '../domain/host-storage';
import type { MigrationPath } from '../domain/migration-path';
import type { Settings } from '../domain/settings';
import { GIB, localDiskBytes, localPoolFreeBytes } from './disk-copies';
import type {
  MigrationBlock,
  PlacementApplication,
  PlacementHost,
  PlacementInput,
  PlacementMode,
} from '../placement/input-types';

/** Prefix of the one-VM applications that stand for VMs no service owns. */
export const UNMANAGED_PREFIX = 'vm:';

/**
 * What every planner reads (moves, evacuation, undo, deploy, the drag's what-if): the fleet as last
 * reported, the services, the migration paths and the overcommit ratios as they are now.
 */
export interface PlanningView extends Fleet {
  services: readonly ServiceBundle[];
  paths: readonly MigrationPath[];
  mode?: PlacementMode;
  /**
   * The fleet's overcommit ratios, from the settings (a host's own ratio in its config wins). No
   * default here: the core and the window must both pass the settings, or a drag's verdict and the
   * core's check would disagree.
   */
  overcommit: Overcommit;
  /**
   * The volume names of the target pools the moves copy disks into, keyed `host\npool`, as read
   * just before a move is checked; absent where nobody read them (the check is then skipped). A
   * pool read and missing here could not be read: the copy into it is refused.
   */
  poolVolumes?: ReadonlyMap<string, readonly string[]>;
}

/** The fleet-wide overcommit ratios, as the settings hold them. */
export type Overcommit = Pick<Settings, 'cpuOvercommit' | 'memoryOvercommit'>;

/**
 * The fleet as the placement engine reads it, built the same way by the core (deploy, moves,
 * evacuation) and by the window (what-if while dragging), so both give the same verdict.
 *
 * - Hosts: capacity from the facts the host reported; not connected → `down`, maintenance flag →
 *   `maintenance`. A host without facts yet is left out (nothing is known of its size).
 * - VMs: every VM counts against its host, running or not (the host must be able to run all it
 *   holds). A VM tagged with a known application is a replica of it; any other VM becomes a one-VM
 *   application `vm:<id>` of its own size, so its rules are none and its size is its own.
 * - Disk: where a host's storage pools are known, its capacity is their free space (plus what its
 *   VMs count for); a VM no service owns weighs its local disks' virtual size, a service's VM what
 *   its application says. A host whose pools are not known is not weighed for disk.
 * - Paths: a `broken` link is a refused pair; hosts of different drivers (demo vs real) cannot
 *   migrate to each other. An unchecked link counts as a path: the migration itself says otherwise.
 */
export function buildPlacementInput(fleet: PlanningView): PlacementInput {
  const hosts: PlacementHost[] = [];
  const driverOf = new Map<string, string>();
  for (const host of fleet.hosts) {
    const facts = host.facts?.value;
    if (!facts) continue;
    driverOf.set(host.config.id, host.config.driver);
    hosts.push({
      id: host.config.id,
      capacity: { cpu: Math.max(1, facts.cpu.cores), memoryMiB: Math.max(0, facts.memoryMiB) },
      labels: host.config.labels,
      ...(host.config.cpuOvercommit === undefined
        ? {}
        : { cpuOvercommit: host.config.cpuOvercommit }),
      ...(host.config.memoryOvercommit === undefined
        ? {}
        : { memoryOvercommit: host.config.memoryOvercommit }),
      state:
        host.state !== 'connected'
          ? 'down'
          : host.config.maintenance === true
            ? 'maintenance'
            : 'up',
      ...(facts.virtualLayer.kind === undefined ? {} : { hypervisor: facts.virtualLayer.kind }),
    });
  }
  const applications: PlacementApplication[] = [];
  const known = new Set<string>();
  for (const { service, applications: apps } of fleet.services) {
    for (const app of apps) {
      known.add(app.id);
      applications.push({
        id: app.id,
        service: service.id,
        vcpus: app.vcpus,
        memoryMiB: app.memoryMiB,
        ...(app.diskGiB === undefined ? {} : { diskGiB: app.diskGiB }),
        replicas: app.replicas,
        ...(app.spread === undefined ? {} : { spread: app.spread }),
        ...(app.colocateWith === undefined
          ? {}
          : {
              colocate: { with: app.colocateWith.application, strength: app.colocateWith.strength },
            }),
        ...(app.requiredLabels === undefined ? {} : { requiredLabels: app.requiredLabels }),
        ...(app.priority === undefined ? {} : { priority: app.priority }),
      });
    }
  }
  const placed = new Set(hosts.map((h) => h.id));
  const vms: NonNullable<PlacementInput['vms']> = [];
  const poolsOf = new Map<string, readonly StoragePool[] | undefined>(
    fleet.hosts.map((h) => [h.config.id, h.facts?.value.pools]),
  );
  const appDisk = new Map(applications.map((a) => [a.id, a.diskGiB ?? 0]));
  const resident = new Map<string, number>(); // GiB the engine counts on each host
  for (const vm of fleet.vms) {
    if (!placed.has(vm.hostId)) continue; // its host is not in the input: nothing to weigh it on
    let application = vm.application;
    let diskGiB: number;
    if (application === undefined || !known.has(application)) {
      application = `${UNMANAGED_PREFIX}${vm.id}` as typeof application & string;
      // A VM no service owns weighs its own local disks: what a move copies into the target's pools.
      const bytes = localDiskBytes(vm, poolsOf.get(vm.hostId));
      diskGiB = bytes === undefined ? 0 : bytes / GIB;
      applications.push({
        id: application,
        vcpus: Math.max(1, vm.vcpus),
        memoryMiB: vm.memoryMiB,
        ...(diskGiB > 0 ? { diskGiB } : {}),
        replicas: 1,
      });
    } else diskGiB = appDisk.get(application) ?? 0;
    resident.set(vm.hostId, (resident.get(vm.hostId) ?? 0) + diskGiB);
    vms.push({ id: vm.id, application, host: vm.hostId });
  }
  // Where its pools are known, a host's disk is their free space plus what its VMs already count
  // for, so that the engine's room left on it is exactly the pools' free space.
  for (const host of hosts) {
    const free = localPoolFreeBytes(poolsOf.get(host.id));
    if (free === undefined) continue;
    // Never 0: the engine divides by capacities; a MiB is below anything a disk needs.
    host.capacity.diskGiB = Math.max(free / GIB + (resident.get(host.id) ?? 0), 1 / 1024);
  }
  return {
    version: 1,
    hosts,
    applications,
    vms,
    policy: {
      mode: fleet.mode ?? 'spread',
      cpuOvercommit: fleet.overcommit.cpuOvercommit,
      memoryOvercommit: fleet.overcommit.memoryOvercommit,
    },
    unreachable: blockedPaths(fleet.paths, hosts, driverOf),
  };
}

function blockedPaths(
  paths: readonly MigrationPath[],
  hosts: readonly PlacementHost[],
  driverOf: ReadonlyMap<string, string>,
): MigrationBlock[] {
  const blocked: MigrationBlock[] = [];
  for (const path of paths) {
    if (path.state === 'broken') blocked.push({ from: path.from, to: path.to });
  }
  // Demo and real hosts share a window, never a network: no VM moves between them.
  const byDriver = new Map<string, string[]>();
  for (const host of hosts) {
    const driver = driverOf.get(host.id) ?? '';
    byDriver.set(driver, [...(byDriver.get(driver) ?? []), host.id]);
  }
  if (byDriver.size > 1) {
    const groups = [...byDriver.values()];
    for (const a of groups) {
      for (const b of groups) {
        if (a === b) continue;
        for (const from of a) for (const to of b) blocked.push({ from, to });
      }
    }
  }
  return blocked;
}
