import type { Host } from '../domain/host';
import type { StoragePool } from '../domain/host-storage';
import type { Vm, VmDiskRef } from '../domain/vm';

// Pools and disks written by hand, for the disk-copy checks and the planners that use them.

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

/** An active directory pool at /pools/NAME with `freeBytes` free. */
export function pool(
  name: string,
  freeBytes: number,
  extra: Partial<StoragePool> = {},
): StoragePool {
  return {
    uuid: `u-${name}`,
    name,
    type: 'dir',
    active: true,
    autostart: true,
    path: `/pools/${name}`,
    capacityBytes: 10 * freeBytes,
    allocationBytes: 9 * freeBytes,
    availableBytes: freeBytes,
    ...extra,
  };
}

/** The host with these pools in its facts. */
export function withPools(h: Host, pools: StoragePool[]): Host {
  const facts = h.facts;
  if (!facts) throw new Error('fixture host without facts');
  return { ...h, facts: { ...facts, value: { ...facts.value, pools } } };
}

/** A qcow2 volume disk TARGET in pool POOL. */
export const volume = (target: string, poolName: string, bytes?: number): VmDiskRef => ({
  target,
  kind: 'volume',
  pool: poolName,
  volume: `${target}.qcow2`,
  format: 'qcow2',
  ...(bytes === undefined ? {} : { capacityBytes: bytes }),
});

export const withDisks = (v: Vm, disks: VmDiskRef[]): Vm => ({ ...v, disks });
