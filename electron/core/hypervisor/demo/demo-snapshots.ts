import type { HostId, VmId } from '../../../../shared/domain/ids';
import {
  descendantsOf,
  type VmSnapshot,
  type VmSnapshotList,
} from '../../../../shared/domain/snapshot';
import { isActive, type Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import {
  snapshotRefusalWords,
  type SnapshotRefusal,
} from '../../../../shared/words/snapshot-words';
import type { SnapshotOperations, SnapshotSpec } from '../hypervisor-driver';
import type { DemoWorld } from './demo-world';

const DAY = 86_400_000;

/** Each world's snapshots per VM, kept beside it (in memory, as the rest of the demo). */
const worlds = new WeakMap<DemoWorld, Map<VmId, VmSnapshot[]>>();

/**
 * Snapshots of the demo's VMs, behaving as libvirt's do: a new one is taken on top of the current
 * one and becomes current; a revert brings the VM back to the snapshot's state; a delete re-attaches
 * the children to the parent, or takes them along. One VM in three starts with a small tree, so a
 * new user sees the feature before taking one.
 */
export function demoSnapshots(world: DemoWorld, hostId: HostId): SnapshotOperations {
  return {
    list: (vmId) => Promise.resolve().then(() => listOf(world, hostId, vmId)),
    create: (vmId, spec) => Promise.resolve().then(() => create(world, hostId, vmId, spec)),
    revert: (vmId, name) => Promise.resolve().then(() => revert(world, hostId, vmId, name)),
    remove: (vmId, name, children) =>
      Promise.resolve().then(() => remove(world, hostId, vmId, name, children)),
  };
}

function listOf(world: DemoWorld, hostId: HostId, vmId: VmId): VmSnapshotList {
  const vm = findVm(world, hostId, vmId, 'read the snapshots of');
  return {
    vmId,
    hostId,
    readAt: Date.now(),
    snapshots: snapshotsOf(world, vm).map((s) => ({ ...s })),
    truncated: false,
  };
}

function create(world: DemoWorld, hostId: HostId, vmId: VmId, spec: SnapshotSpec): void {
  const vm = findVm(world, hostId, vmId, `take snapshot “${spec.name}” of`);
  const list = snapshotsOf(world, vm);
  if (list.some((s) => s.name === spec.name)) {
    refuse(world, hostId, vm, `take snapshot “${spec.name}” of`, {
      code: 'name-taken',
      name: spec.name,
    });
  }
  const current = list.find((s) => s.current);
  const active = isActive(vm.state);
  const memory = active && !spec.diskOnly;
  for (const s of list) s.current = false;
  list.push({
    name: spec.name,
    ...(current === undefined ? {} : { parent: current.name }),
    ...(spec.description === undefined ? {} : { description: spec.description }),
    createdAt: Date.now(),
    state:
      active && spec.diskOnly
        ? 'disk-snapshot'
        : vm.state === 'paused'
          ? 'paused'
          : active
            ? 'running'
            : 'shutoff',
    memory,
    location: active && spec.diskOnly ? 'external' : 'internal',
    current: true,
  });
}

function revert(world: DemoWorld, hostId: HostId, vmId: VmId, name: string): void {
  const vm = findVm(world, hostId, vmId, `revert to snapshot “${name}”`);
  const list = snapshotsOf(world, vm);
  const target = list.find((s) => s.name === name);
  if (!target)
    refuse(world, hostId, vm, `revert to snapshot “${name}”`, { code: 'snapshot-not-found', name });
  for (const s of list) s.current = s === target;
  const state = target.memory ? (target.state === 'paused' ? 'paused' : 'running') : 'shutoff';
  const host = world.host(hostId);
  world.setVms(
    host,
    host.vms.map((v) => (v.id === vmId ? { ...v, state, stateReason: 'from snapshot' } : v)),
  );
}

function remove(
  world: DemoWorld,
  hostId: HostId,
  vmId: VmId,
  name: string,
  children: boolean,
): void {
  const vm = findVm(world, hostId, vmId, `delete snapshot “${name}” of`);
  const list = snapshotsOf(world, vm);
  const target = list.find((s) => s.name === name);
  if (!target)
    refuse(world, hostId, vm, `delete snapshot “${name}” of`, { code: 'snapshot-not-found', name });
  const gone = new Set([name, ...(children ? descendantsOf(list, name) : [])]);
  const parent = list.find((s) => s.name === target.parent);
  const currentGone = list.some((s) => s.current && gone.has(s.name));
  const kept = list.filter((s) => !gone.has(s.name));
  for (const s of kept) {
    if (s.parent === name) {
      if (parent === undefined) delete s.parent;
      else s.parent = parent.name;
    }
  }
  // As libvirt does: the current snapshot deleted, its parent becomes current.
  if (currentGone && parent !== undefined && !gone.has(parent.name)) parent.current = true;
  worldMap(world).set(vm.id, kept);
}

function snapshotsOf(world: DemoWorld, vm: Vm): VmSnapshot[] {
  const map = worldMap(world);
  let list = map.get(vm.id);
  if (list === undefined) {
    list = seeded(vm);
    map.set(vm.id, list);
  }
  return list;
}

function worldMap(world: DemoWorld): Map<VmId, VmSnapshot[]> {
  let map = worlds.get(world);
  if (map === undefined) {
    map = new Map();
    worlds.set(world, map);
  }
  return map;
}

/** One VM in three (by its UUID) starts with "fresh install" → "before upgrade" → "after upgrade". */
function seeded(vm: Vm): VmSnapshot[] {
  const seed = Number.parseInt(vm.id.replace(/-/g, '').slice(0, 8), 16) || 1;
  if (seed % 3 !== 0) return [];
  const now = Date.now();
  return [
    {
      name: 'fresh install',
      description: 'As installed, before any configuration',
      createdAt: now - 40 * DAY,
      state: 'shutoff',
      memory: false,
      location: 'internal',
      current: false,
    },
    {
      name: 'before upgrade',
      parent: 'fresh install',
      createdAt: now - 3 * DAY - (seed % 7) * 3_600_000,
      state: 'running',
      memory: true,
      location: 'internal',
      current: true,
    },
    {
      name: 'tried kernel 6.12',
      parent: 'before upgrade',
      description: 'Rolled back: the NIC driver misbehaved',
      createdAt: now - 2 * DAY,
      state: 'running',
      memory: true,
      location: 'internal',
      current: false,
    },
  ];
}

function findVm(world: DemoWorld, hostId: HostId, vmId: VmId, doing: string): Vm {
  const vm = world.host(hostId).vms.find((v) => v.id === vmId);
  if (vm) return vm;
  const host = world.host(hostId).config.name;
  throw new AppError(
    'not-found',
    `Couldn't ${doing} VM '${vmId}' on ${host}: ${snapshotRefusalWords({ code: 'vm-not-found' }, vmId)}`,
    { hostId },
  );
}

function refuse(
  world: DemoWorld,
  hostId: HostId,
  vm: Vm,
  doing: string,
  refusal: SnapshotRefusal,
): never {
  const host = world.host(hostId).config.name;
  throw new AppError(
    refusal.code === 'snapshot-not-found' ? 'not-found' : 'command-failed',
    `Couldn't ${doing} VM '${vm.name}' on ${host}: ${snapshotRefusalWords(refusal, vm.name)}`,
    { hostId },
  );
}
