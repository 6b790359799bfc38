/**
 * Snapshots in words: the plan's title and review, what a snapshot is in the list, and libvirt's
 * refusals turned into sentences that name the VM, the disk and the fix.
 */
import type { VmSnapshot } from '../domain/snapshot';
import { elapsedWords } from './elapsed-words';
import { formatClock, plural } from '.';

/** Why libvirt refused a snapshot action, as data (read from its message by the driver). */
export type SnapshotRefusal =
  /** An internal snapshot needs every disk in qcow2: this one is raw (or another format). */
  | { code: 'raw-disk'; disk: string; format: string; path?: string }
  | { code: 'vm-not-found' }
  | { code: 'name-taken'; name: string }
  | { code: 'snapshot-not-found'; name: string }
  /** libvirt before 9.9 cannot revert to (or delete) an external, disk-only snapshot. */
  | { code: 'external-unsupported'; action: 'revert' | 'delete' };

/** The refusal as the sentence after "Couldn't … of VM x on host: ". */
export function snapshotRefusalWords(refusal: SnapshotRefusal, vmName: string): string {
  switch (refusal.code) {
    case 'raw-disk': {
      const where = refusal.path === undefined ? '' : ` (${refusal.path})`;
      return (
        `its disk ${refusal.disk}${where} is ${refusal.format}, and libvirt keeps snapshots inside ` +
        `qcow2 disks only. Shut ${vmName} down, convert the disk (qemu-img convert -O qcow2 <old> ` +
        `<new>.qcow2), point the VM's disk at the new file with driver type qcow2, then take the snapshot`
      );
    }
    case 'vm-not-found':
      return `the host no longer has VM ${vmName} (removed or moved meanwhile); refresh and try again`;
    case 'name-taken':
      return `${vmName} already has a snapshot named “${refusal.name}”: choose another name`;
    case 'snapshot-not-found':
      return `${vmName} has no snapshot named “${refusal.name}” (deleted meanwhile?)`;
    case 'external-unsupported':
      return (
        `this host's libvirt cannot ${refusal.action} a disk-only (external) snapshot ` +
        `(libvirt 9.9 or later can); take snapshots with memory, or of the VM shut off, to be able to ${refusal.action} them`
      );
  }
}

/** "2026-12-06 14:02", local time, as the list and the review say when a snapshot was taken. */
export function takenWords(epochMs: number): string {
  const at = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  return `${day} ${formatClock(epochMs).slice(0, 5)}`;
}

/** What a snapshot holds, for the list: "with memory (running)", "disk only", "shut off". */
export function snapshotKindWords(s: Pick<VmSnapshot, 'memory' | 'state' | 'location'>): string {
  if (s.memory) return s.state === 'paused' ? 'with memory (paused)' : 'with memory (running)';
  if (s.state === 'disk-snapshot') return 'disks only (external), taken running';
  if (s.state === 'shutoff' || s.state === 'shutdown') return 'disks only, taken shut off';
  return s.location === 'external' ? 'disks only (external)' : 'disks only';
}

/** The plan's title. */
export function snapshotTitle(
  action: 'create' | 'revert' | 'delete',
  snapshot: string,
  vmName: string,
  children = 0,
): string {
  switch (action) {
    case 'create':
      return `Take snapshot “${snapshot}” of ${vmName}`;
    case 'revert':
      return `Revert ${vmName} to snapshot “${snapshot}”`;
    case 'delete':
      return children > 0
        ? `Delete snapshot “${snapshot}” of ${vmName} and ${plural(children, 'snapshot')} below it`
        : `Delete snapshot “${snapshot}” of ${vmName}`;
  }
}

/** The review of taking a snapshot: what it will hold and what the VM goes through. */
export function createReviewWords(input: {
  vmName: string;
  running: boolean;
  memory: boolean;
  /** The current snapshot: the new one is taken on top of it. */
  parent?: string;
}): string[] {
  const { vmName, running, memory } = input;
  const lines = [
    !running
      ? `${vmName} is shut off: the snapshot keeps its disks as they are (there is no memory to save).`
      : memory
        ? `The snapshot keeps ${vmName}'s disks and memory: reverting to it brings the VM back running where it was. The guest is paused while its memory is written.`
        : `The snapshot keeps ${vmName}'s disks only, as if its power were cut now (crash-consistent), in overlay files next to each disk; the VM keeps running on the overlays.`,
  ];
  if (input.parent !== undefined)
    lines.push(`It is taken on top of the current snapshot “${input.parent}”.`);
  return lines;
}

/** The review of a revert: what is lost, and the state the VM will be in. */
export function revertReviewWords(input: {
  vmName: string;
  snapshot: VmSnapshot;
  now: number;
}): string[] {
  const { vmName, snapshot } = input;
  const since =
    snapshot.createdAt === undefined
      ? 'since the snapshot was taken'
      : `since ${takenWords(snapshot.createdAt)} (${elapsedWords(input.now - snapshot.createdAt)} ago)`;
  const after = snapshot.memory
    ? `${vmName} will be running as it was then, memory included${snapshot.state === 'paused' ? ' (paused)' : ''}.`
    : `${vmName} will be shut off, its disks as they were then; start it afterwards.`;
  return [
    `Reverting loses every change made to ${vmName} ${since}: disk writes${snapshot.memory ? ', memory' : ''} and its state now. Take a snapshot first to keep them.`,
    after,
  ];
}

/** The review of a delete: what goes and what is kept. */
export function deleteReviewWords(input: {
  vmName: string;
  snapshot: string;
  descendants: readonly string[];
  children: boolean;
}): string[] {
  const { vmName, snapshot, descendants } = input;
  const names = (list: readonly string[]): string =>
    list
      .slice(0, 5)
      .map((n) => `“${n}”`)
      .join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
  const lines = [
    `${vmName} itself is not changed: only the snapshot's saved state is removed, for good.`,
  ];
  if (input.children && descendants.length > 0)
    lines.push(`${plural(descendants.length, 'snapshot')} below it go too: ${names(descendants)}.`);
  else if (descendants.length > 0)
    lines.push(
      `The ${plural(descendants.length, 'snapshot')} below it (${names(descendants)}) stay, re-attached to “${snapshot}”'s parent.`,
    );
  return lines;
}
