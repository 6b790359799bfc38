import { z } from 'zod';
import { HostId } from './ids';

/** Pools or networks of one host the details list at most: far past any real host, bounded all the same. */
export const MAX_HOST_STORAGE_ITEMS = 256;

const Bytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** One storage pool of a host (`virsh pool-list --all`, each pool's XML). */
export const StoragePool = z.object({
  uuid: z.string().max(64),
  name: z.string().max(1024),
  /** dir, logical, netfs, iscsi …: libvirt's pool type. */
  type: z.string().max(64),
  active: z.boolean(),
  autostart: z.boolean(),
  /** Where its volumes live on the host (a directory, a volume group's device path …). */
  path: z.string().max(4096).optional(),
  /** Sizes of an active pool, in bytes; libvirt knows none for an inactive one. */
  capacityBytes: Bytes.optional(),
  allocationBytes: Bytes.optional(),
  availableBytes: Bytes.optional(),
});
export type StoragePool = z.infer<typeof StoragePool>;

/** One virtual network of a host (`virsh net-list --all`, each network's XML). */
export const HostNetwork = z.object({
  uuid: z.string().max(64),
  name: z.string().max(1024),
  active: z.boolean(),
  autostart: z.boolean(),
  /** nat, route, bridge, open …; absent for an isolated network. */
  forward: z.string().max(64).optional(),
  bridge: z.string().max(64).optional(),
  /** The host's own address on it, with its prefix (192.168.122.1/24). */
  address: z.string().max(64).optional(),
});
export type HostNetwork = z.infer<typeof HostNetwork>;

/** A host's storage pools and virtual networks, read when its details are opened. */
export const HostStorage = z.object({
  hostId: HostId,
  /** When the host answered (ms since the epoch). */
  readAt: z.number().int().nonnegative(),
  pools: z.array(StoragePool).max(MAX_HOST_STORAGE_ITEMS),
  networks: z.array(HostNetwork).max(MAX_HOST_STORAGE_ITEMS),
});
export type HostStorage = z.infer<typeof HostStorage>;
