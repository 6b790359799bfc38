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
});
export type Vm = z.infer<typeof Vm>;

/** States in which the guest is consuming its host's CPU and memory. */
export function isActive(state: VmState): boolean {
  return (
    state === 'running' || state === 'paused' || state === 'blocked' || state === 'shutting-down'
  );
}
