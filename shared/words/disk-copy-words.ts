import type { DiskCopyData } from '../domain/plan';
import type { VmDiskRef } from '../domain/vm';
import { bytesWords } from './reasons';

/** "copies disk vda (8 MiB) into pool default", "copies 2 disks (72 MiB) into pools default, fast". */
export function diskCopyWords(disks: readonly DiskCopyData[]): string {
  const known = disks.every((d) => d.bytes !== undefined);
  const total = disks.reduce((sum, d) => sum + (d.bytes ?? 0), 0);
  const size = known ? bytesWords(total) : `size not known`;
  const pools = [...new Set(disks.map((d) => d.pool))];
  const into = `into pool${pools.length === 1 ? '' : 's'} ${pools.join(', ')}`;
  const first = disks[0];
  if (disks.length === 1 && first) return `copies disk ${first.target} (${size}) ${into}`;
  return `copies ${disks.length} disks (${disks.map((d) => d.target).join(', ')}; ${size}) ${into}`;
}

/** An evacuation's note on a shut-off VM that stays with its local disks. */
export function staysWithDisksWords(
  vmName: string,
  hostName: string,
  disks: readonly VmDiskRef[],
): string {
  const which = disks.map((d) => d.target).join(', ');
  return `${vmName} stays on ${hostName}: it is shut off and its disk${disks.length === 1 ? '' : 's'} (${which}) only ${hostName} has; libvirt copies disks only in a live migration, and off it needs nothing from ${hostName} meanwhile`;
}

/** An evacuation's note on a VM for which a host was passed over for its disks (`why`: reasonWords). */
export function passedOverWords(vmName: string, hostName: string, why: string): string {
  return `${hostName} was passed over for ${vmName}: ${why}`;
}

