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

/** A migrate step's refusal: a volume of a copy's name appeared in the target pool since the plan. */
export function volumeAppearedWords(r: {
  vmName: string;
  disk: string;
  hostName: string;
  pool: string;
  volume: string;
}): string {
  return `${r.hostName}'s pool ${r.pool} now has a volume named ${r.volume}, which it did not have when the move was checked: copying ${r.vmName}'s disk ${r.disk} there would write over it, so nothing was moved; delete or rename that volume if nothing needs it, or move ${r.vmName} elsewhere`;
}

/** A rollback's migrate refused: the volume it would copy back onto is some domain's disk now. */
export function ownCopyInUseWords(r: {
  vmName: string;
  disk: string;
  hostName: string;
  pool: string;
  volume: string;
  user: string;
}): string {
  return `${r.hostName}'s pool ${r.pool} has a volume named ${r.volume}, which ${r.user} there uses: moving ${r.vmName} back would copy its disk ${r.disk} over it, so nothing was moved; move ${r.vmName} elsewhere, or free that name`;
}

/** A migrate step's refusal: the target pool's volumes could not be read just before the copy. */
export function volumesUnreadWords(r: {
  vmName: string;
  hostName: string;
  pool: string;
  detail: string;
}): string {
  return `the volumes of ${r.hostName}'s pool ${r.pool} could not be read just before the copy (${r.detail}), so the console cannot tell whether copying ${r.vmName}'s disks there would write over one; nothing was moved`;
}

/** A stale-copy removal's note when a domain of the source names the volume now: it is kept. */
export function staleCopyKeptWords(r: { volume: string; pool: string; vmName: string }): string {
  return `kept volume “${r.volume}” of pool “${r.pool}”: ${r.vmName}, defined here now, uses it`;
}
