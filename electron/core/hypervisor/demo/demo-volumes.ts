import type { PoolVolume } from '../../../../shared/domain/create-vm';
import type { HostId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { VolumeOperations } from '../hypervisor-driver';
import { demoHostStorage } from './demo-storage';
import type { DemoWorld } from './demo-world';

/** Each world's volumes: host → pool → volume names (in memory, as the rest of the demo). */
const worlds = new WeakMap<DemoWorld, Map<HostId, Map<string, Set<string>>>>();

/** ISO images every demo ISO pool holds, so the wizard's boot media can be tried. */
const DEMO_ISOS = ['debian-12.8.0-amd64-netinst.iso', 'ubuntu-24.04.1-live-server-amd64.iso'];

/**
 * The demo's pool volumes, with libvirt's refusals in its words: a pool that is not there or not
 * active, a name in use, a volume to copy or delete that is gone. `default` starts with a disk per
 * VM ("<VM name>.qcow2", where its details say its disk is), `iso` with two installer images.
 */
export function demoVolumes(world: DemoWorld, hostId: HostId): VolumeOperations {
  const later = <T>(work: () => T): Promise<T> => Promise.resolve().then(work);
  return {
    list: (pool) =>
      later(() =>
        [...poolOf(world, hostId, pool, 'list volumes')].map((name): PoolVolume => ({
          pool,
          name,
          path: `${pathOf(world, hostId, pool)}/${name}`,
        })),
      ),
    create: (pool, spec) =>
      later(() => {
        const names = poolOf(world, hostId, pool, `create volume '${spec.name}'`);
        if (names.has(spec.name))
          fail(
            world,
            hostId,
            `create volume '${spec.name}'`,
            `storage volume name '${spec.name}' already in use.`,
          );
        names.add(spec.name);
      }),
    clone: (pool, source, name) =>
      later(() => {
        const names = poolOf(world, hostId, pool, `copy volume '${source}'`);
        if (!names.has(source))
          fail(
            world,
            hostId,
            `copy volume '${source}'`,
            `Storage volume not found: no storage vol with matching name '${source}'`,
          );
        if (names.has(name))
          fail(
            world,
            hostId,
            `copy volume '${source}'`,
            `storage volume name '${name}' already in use.`,
          );
        names.add(name);
      }),
    remove: (pool, name) =>
      later(() => {
        poolOf(world, hostId, pool, `delete volume '${name}'`).delete(name);
      }),
  };
}

function poolOf(world: DemoWorld, hostId: HostId, pool: string, doing: string): Set<string> {
  const storage = demoHostStorage(world, hostId);
  const found = storage.pools.find((p) => p.name === pool);
  if (!found)
    fail(
      world,
      hostId,
      doing,
      `Storage pool not found: no storage pool with matching name '${pool}'`,
    );
  if (!found.active)
    fail(
      world,
      hostId,
      doing,
      `Requested operation is not valid: storage pool '${pool}' is not active`,
    );
  let hosts = worlds.get(world);
  if (!hosts) {
    hosts = new Map();
    worlds.set(world, hosts);
  }
  let pools = hosts.get(hostId);
  if (!pools) {
    pools = new Map();
    hosts.set(hostId, pools);
  }
  let names = pools.get(pool);
  if (!names) {
    names = new Set(
      pool === 'default'
        ? world.host(hostId).vms.map((vm) => `${vm.name}.qcow2`)
        : pool === 'iso'
          ? DEMO_ISOS
          : [],
    );
    pools.set(pool, names);
  }
  return names;
}

function pathOf(world: DemoWorld, hostId: HostId, pool: string): string {
  return demoHostStorage(world, hostId).pools.find((p) => p.name === pool)?.path ?? '';
}

function fail(world: DemoWorld, hostId: HostId, doing: string, said: string): never {
  throw new AppError(
    'command-failed',
    `Couldn't ${doing} on ${world.host(hostId).config.name}: ${said}`,
    {
      hostId,
      detail: `error: ${said}`,
    },
  );
}
