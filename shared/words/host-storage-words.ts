import type { HostNetwork, StoragePool } from '../domain/host-storage';
import { formatDiskSize } from './vm-details-words';

/** "dir · active · autostart", "netfs · inactive": the pool's kind and state in one line. */
export function poolStateWords(pool: StoragePool): string {
  return [pool.type, pool.active ? 'active' : 'inactive', pool.autostart ? 'autostart' : undefined]
    .filter(Boolean)
    .join(' · ');
}

/**
 * "223.4 GiB free of 252 GiB (28.5 GiB allocated)"; an inactive pool's sizes are not known
 * ("sizes not known while inactive"), as libvirt reports none for it.
 */
export function poolSizeWords(pool: StoragePool): string {
  const { capacityBytes: capacity, allocationBytes: allocation, availableBytes: available } = pool;
  if (capacity === undefined) {
    return pool.active ? 'sizes not reported' : 'sizes not known while inactive';
  }
  const free = available === undefined ? '' : `${formatDiskSize(available)} free of `;
  const used = allocation === undefined ? '' : ` (${formatDiskSize(allocation)} allocated)`;
  return `${free}${formatDiskSize(capacity)}${used}`;
}

/** How full a pool is, 0..1, or undefined when libvirt gave no sizes. */
export function poolFullness(pool: StoragePool): number | undefined {
  const { capacityBytes: capacity, availableBytes: available } = pool;
  if (capacity === undefined || available === undefined || capacity === 0) return undefined;
  return Math.min(1, Math.max(0, (capacity - available) / capacity));
}

/** "nat · bridge virbr0 · 192.168.122.1/24 · active · autostart"; isolated when it forwards nothing. */
export function networkWords(network: HostNetwork): string {
  return [
    network.forward ?? 'isolated',
    network.bridge === undefined ? undefined : `bridge ${network.bridge}`,
    network.address,
    network.active ? 'active' : 'inactive',
    network.autostart ? 'autostart' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}
