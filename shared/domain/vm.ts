import { z } from 'zod';
import { MAX_VCPUS, MemoryMiB } from './host-figures';
import { ApplicationId, HostId, ServiceId, VmId } from './ids';

/** A libvirt domain's state, as `virsh domstate` names it, folded to what the console shows. */
export const VmState = z.enum([
  'running',
  'paused',
  'shutoff',
  'crashed',
  'shutting-down',
  'blocked',
  'suspended',
  'unknown',
]);
export type VmState = z.infer<typeof VmState>;

/** Disks of one VM the fleet carries at most: far past any real domain, bounded all the same. */
export const MAX_VM_DISKS = 64;

/**
 * A writable disk of a VM backed by a file, a block device or a pool volume on its host: what a
 * live migration to a host without shared storage has to copy (`virsh migrate --copy-storage-all`).
 * Read from the domain XML (cdroms, floppies, read-only, shareable and network disks are left out);
 * the size from `virsh domstats --block`, when libvirt reports it.
 */
export const VmDiskRef = z.object({
  /** The guest's device name (vda …): what `--migrate-disks` names. */
  target: z.string().min(1).max(64),
  kind: z.enum(['file', 'block', 'volume']),
  /** A volume disk's pool and volume, exactly as the XML names them. */
  pool: z.string().max(1024).optional(),
  volume: z.string().max(1024).optional(),
  /** A file or block disk's path. */
  path: z.string().max(4096).optional(),
  /** The image format (qcow2, raw …), when the XML says. */
  format: z.string().max(32).optional(),
  /** Virtual size in bytes: what the copy may grow to on the target. */
  capacityBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type VmDiskRef = z.infer<typeof VmDiskRef>;

/** A virtual machine (a libvirt domain) on one host. */
export const Vm = z.object({
  id: VmId,
  hostId: HostId,
  name: z.string(),
  state: VmState,
  /** libvirt's reason for the state, e.g. "destroyed", "crashed", "migrated". */
  stateReason: z.string().optional(),
  vcpus: z.number().int().nonnegative().max(MAX_VCPUS),
  memoryMiB: MemoryMiB,
  persistent: z.boolean(),
  /** Tags read from the domain's <metadata>, written when the console deploys the VM. */
  application: ApplicationId.optional(),
  service: ServiceId.optional(),
  /** Its writable file, block and volume disks; absent when the driver does not say (none known). */
  disks: z.array(VmDiskRef).max(MAX_VM_DISKS).optional(),
});
export type Vm = z.infer<typeof Vm>;

/** States in which the guest is consuming its host's CPU and memory. */
export function isActive(state: VmState): boolean {
  return (
    state === 'running' || state === 'paused' || state === 'blocked' || state === 'shutting-down'
  );
}
