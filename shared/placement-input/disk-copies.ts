/**
 * Which disks a move copies, where they land and whether they fit: the part of a live migration
 * without shared storage (`virsh migrate --copy-storage-all --migrate-disks …`) the planners check
 * before anything runs, and the disk room the engine weighs.
 *
 * What libvirt does (9.0, seen on the lab, see libvirt-migrate.ts): the target must have a place
 * for each copied disk before the copy starts; libvirt creates it there itself ("precreates" it),
 * a pool volume in the pool OF THE SAME NAME on the target, a file disk in the target's pool whose
 * directory is the file's directory, each as large as the source disk's virtual size. So:
 * - a volume disk needs an active pool of its pool's name on the target;
 * - a file disk needs an active pool at its directory on the target, and one on the source too:
 *   a file outside every pool could be on storage both hosts share, and copying a disk onto
 *   itself would destroy it, so the console refuses rather than guess;
 * - a block device is not copied (libvirt cannot create one);
 * - a disk in a pool of a shared type (netfs, iscsi, rbd …) is not copied: both hosts see it;
 * - the room counted is the virtual size: the copy is written whole and may grow to it (a qcow2
 *   overlay is copied flattened, its backing data included).
 * A shut-off VM moves with `--offline`, which copies the definition only: its local disks would
 * stay behind, so such a move is refused.
 */
import type { HostId } from '../domain/ids';
import type { StoragePool } from '../domain/host-storage';
import type { Reason } from '../domain/reason';
import type { Vm, VmDiskRef } from '../domain/vm';

export const GIB = 1024 ** 3;

/** Pool types whose data only their host holds: what a move has to copy. */
const LOCAL_POOL_TYPES = new Set(['dir', 'fs', 'logical', 'disk', 'zfs']);

/** One disk a move copies, and the target pool it lands in. */
export interface DiskCopy {
  target: string;
  /** The pool on the target host (by name). */
  pool: string;
  /** Its virtual size; undefined when libvirt did not say (then not weighed). */
  bytes?: number;
}

/** The directory of a path (`/a/b/c.qcow2` → `/a/b`), without a trailing slash. */
function dirOf(path: string): string {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function samePath(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The pool of `pools` a disk is in: by name for a volume, by directory for a file or device. */
export function poolOf(
  disk: VmDiskRef,
  pools: readonly StoragePool[] | undefined,
): StoragePool | undefined {
  if (pools === undefined) return undefined;
  if (disk.kind === 'volume') return pools.find((p) => p.name === disk.pool);
  const dir = dirOf(disk.path ?? '');
  return pools.find((p) => samePath(p.path, dir));
}

function isShared(pool: StoragePool | undefined): boolean {
  return pool !== undefined && !LOCAL_POOL_TYPES.has(pool.type);
}

/** The disks of `vm` on storage only its host has (what a move copies), given its host's pools. */
export function localDisks(vm: Vm, sourcePools: readonly StoragePool[] | undefined): VmDiskRef[] {
  return (vm.disks ?? []).filter((disk) => !isShared(poolOf(disk, sourcePools)));
}

/** The bytes the engine counts for a VM's local disks (undefined: none, or none with a size). */
export function localDiskBytes(
  vm: Vm,
  sourcePools: readonly StoragePool[] | undefined,
): number | undefined {
  let sum: number | undefined;
  for (const disk of localDisks(vm, sourcePools)) {
    if (disk.capacityBytes !== undefined) sum = (sum ?? 0) + disk.capacityBytes;
  }
  return sum;
}

/** The free bytes of a host's active pools of a local type (undefined: pools not known). */
export function localPoolFreeBytes(pools: readonly StoragePool[] | undefined): number | undefined {
  if (pools === undefined) return undefined;
  let sum = 0;
  for (const pool of pools) {
    if (pool.active && LOCAL_POOL_TYPES.has(pool.type)) sum += pool.availableBytes ?? 0;
  }
  return sum;
}

/** One move, as the disk check reads it. */
export interface DiskMove {
  vm: Vm;
  to: HostId;
  live: boolean;
}

/** The hosts' pools, by host id (from their facts). */
export type PoolsOf = (host: HostId) => readonly StoragePool[] | undefined;

export type DiskCheck = { ok: true; copies: DiskCopy[] } | { ok: false; reason: Reason };

/**
 * What the target pools already hold: libvirt reuses a volume of the copy's name and writes over
 * it, so a copy onto a name already taken is refused. Given only where the caller read them.
 */
export interface TargetVolumes {
  /** The volume names of `host`'s pool `pool` as just read; undefined: they could not be read. */
  names(host: HostId, pool: string): readonly string[] | undefined;
  /** The fleet's VMs: whose disk a taken name is, when one on the target uses it. */
  vms: readonly Vm[];
}

/** The name of the volume a copy of `disk` makes in its target pool (a file keeps its name). */
export function copyName(disk: VmDiskRef): string {
  if (disk.kind === 'volume') return disk.volume ?? '';
  const path = (disk.path ?? '').replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Whether `disk` is the volume `name` of `pool`: named as a volume of it, or as the file of that
 * name in the pool's directory (as virt-manager writes disks).
 */
export function namesVolume(
  disk: VmDiskRef,
  pool: Pick<StoragePool, 'name' | 'path'>,
  name: string,
): boolean {
  return disk.kind === 'volume'
    ? disk.pool === pool.name && disk.volume === name
    : pool.path !== undefined && samePath(disk.path, `${pool.path.replace(/\/+$/, '')}/${name}`);
}

/** The VM of `vms` on `host` one of whose disks is `name` in `pool`, if any. */
export function userOf(
  vms: readonly Vm[],
  host: HostId,
  pool: Pick<StoragePool, 'name' | 'path'>,
  name: string,
): Vm | undefined {
  return vms.find(
    (vm) => vm.hostId === host && (vm.disks ?? []).some((d) => namesVolume(d, pool, name)),
  );
}

/**
 * The disks each move copies, or why it cannot: checked as one set, so two VMs whose disks only
 * fit one at a time in a target pool are refused (the second one named, with what is left).
 * Results in the order of `moves`.
 */
export function checkDiskCopies(
  moves: readonly DiskMove[],
  poolsOf: PoolsOf,
  volumes?: TargetVolumes,
): DiskCheck[] {
  const used = new Map<string, number>(); // `${host}\n${pool}` → bytes promised by earlier moves
  const named = new Set<string>(); // `${host}\n${pool}\n${volume}` made by earlier moves
  return moves.map((move) => {
    const sourcePools = poolsOf(move.vm.hostId);
    const disks = localDisks(move.vm, sourcePools);
    if (disks.length === 0) return { ok: true, copies: [] };
    const vm = move.vm.id;
    const first = disks[0];
    if (!move.live && first) {
      return { ok: false, reason: { code: 'disk-cold', vm, disk: first.target } };
    }
    const targetPools = poolsOf(move.to);
    const copies: DiskCopy[] = [];
    const need = new Map<string, number>();
    for (const disk of disks) {
      const where = disk.kind === 'volume' ? (disk.pool ?? '') : dirOf(disk.path ?? '');
      const base = { vm, disk: disk.target, where, kind: disk.kind };
      if (disk.kind === 'block') {
        return { ok: false, reason: { code: 'disk-not-copied', ...base, why: 'block' } };
      }
      if (disk.kind === 'file' && !poolOf(disk, sourcePools)) {
        const why = sourcePools === undefined ? 'pools-unknown' : 'no-source-pool';
        return {
          ok: false,
          reason: { code: 'disk-not-copied', ...base, why, host: move.vm.hostId },
        };
      }
      if (targetPools === undefined) {
        return {
          ok: false,
          reason: { code: 'disk-not-copied', ...base, why: 'pools-unknown', host: move.to },
        };
      }
      const pool = poolOf(disk, targetPools);
      if (!pool || !pool.active) {
        return {
          ok: false,
          reason: {
            code: 'disk-not-copied',
            ...base,
            why: pool ? 'pool-inactive' : 'no-target-pool',
            host: move.to,
          },
        };
      }
      if (volumes !== undefined) {
        const name = copyName(disk);
        const listed = volumes.names(move.to, pool.name);
        const key = `${move.to}\n${pool.name}\n${name}`;
        if (listed === undefined || listed.includes(name) || named.has(key)) {
          const user = listed === undefined ? undefined : userOf(volumes.vms, move.to, pool, name);
          return {
            ok: false,
            reason: {
              code: 'volume-exists',
              vm,
              disk: disk.target,
              host: move.to,
              pool: pool.name,
              volume: name,
              ...(user === undefined ? {} : { usedBy: user.id }),
              ...(listed === undefined ? { unknown: true } : {}),
            },
          };
        }
      }
      copies.push({
        target: disk.target,
        pool: pool.name,
        ...(disk.capacityBytes === undefined ? {} : { bytes: disk.capacityBytes }),
      });
      need.set(pool.name, (need.get(pool.name) ?? 0) + (disk.capacityBytes ?? 0));
    }
    for (const [poolName, bytes] of need) {
      const pool = targetPools?.find((p) => p.name === poolName);
      const key = `${move.to}\n${poolName}`;
      const free = Math.max(0, (pool?.availableBytes ?? 0) - (used.get(key) ?? 0));
      if (bytes > free) {
        return {
          ok: false,
          reason: {
            code: 'pool-space',
            vm,
            host: move.to,
            pool: poolName,
            freeBytes: free,
            needBytes: bytes,
            disks: copies.filter((c) => c.pool === poolName).map((c) => c.target),
          },
        };
      }
    }
    for (const [poolName, bytes] of need) {
      const key = `${move.to}\n${poolName}`;
      used.set(key, (used.get(key) ?? 0) + bytes);
    }
    for (const disk of disks) {
      const copy = copies.find((c) => c.target === disk.target);
      if (copy) named.add(`${move.to}\n${copy.pool}\n${copyName(disk)}`);
    }
    return { ok: true, copies };
  });
}
