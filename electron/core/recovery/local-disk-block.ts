import type { StoragePool } from '../../../shared/domain/host-storage';
import type { Vm, VmDiskRef } from '../../../shared/domain/vm';
import { localDisks } from '../../../shared/placement-input/disk-copies';
import { copiedDisks } from '../hypervisor/libvirt/parse-vm-devices';
import { child, parseXml } from '../hypervisor/libvirt/xml';

/**
 * The first disk of a failed host's VM that no survivor can reach, or undefined: a recovery
 * defines the VM elsewhere from its kept XML, so a disk only the failed host held (a volume of a
 * local pool type dir/fs/logical…, a file or device outside every shared pool) would be missing
 * there. Read with the move check's own facts (localDisks), from the disks of the kept XML (what
 * would be defined), else the VM's last listed disks. The failed host's pools are its last facts;
 * unknown pools count every disk as local: a guess that loses nothing.
 */
export function unreachableDisk(
  vm: Vm,
  xml: string,
  failedHostPools: readonly StoragePool[] | undefined,
): VmDiskRef | undefined {
  return localDisks({ ...vm, disks: keptDisks(xml) ?? vm.disks ?? [] }, failedHostPools)[0];
}

function keptDisks(xml: string): VmDiskRef[] | undefined {
  try {
    return copiedDisks(child(child(parseXml(xml, 'kept domain XML'), 'domain'), 'devices'));
  } catch {
    return undefined;
  }
}
