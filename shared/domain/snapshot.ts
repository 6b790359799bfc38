import { z } from 'zod';
import { HostId, VmId } from './ids';

/** Snapshots read of one VM at most: a VM with more is a host someone else manages by script. */
export const MAX_SNAPSHOTS = 200;

/**
 * A snapshot name the console will pass to libvirt: printable, one line, no '/' (libvirt derives
 * external snapshot file names from it), not blank. Quotes and spaces are fine: names never reach a
 * shell unquoted.
 */
export const SnapshotName = z
  .string()
  .min(1)
  .max(100)
  .refine((name) => name.trim() !== '', { message: 'A snapshot name cannot be blank' })
  // libvirt keeps the name in XML, where leading and trailing spaces do not survive every reader.
  .refine((name) => name.trim() === name, {
    message: 'A snapshot name cannot start or end with a space',
  })
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f/]/.test(name), {
    message: 'A snapshot name is one line, without control characters or "/"',
  })
  // Seen on libvirt 9.0: a name with " is saved by QEMU under another tag, so the snapshot's
  // memory and disks cannot be found when reverting ("does not exist in one or more devices").
  .refine((name) => !/["\\]/.test(name), {
    message: 'A snapshot name cannot hold " or \\ (QEMU would keep it under another name)',
  });

/**
 * libvirt's word for the domain's state when the snapshot was taken; 'disk-snapshot' is a
 * disk-only snapshot of a running VM. Anything else a host prints is kept as 'other'.
 */
export const SnapshotState = z.enum([
  'running',
  'paused',
  'shutoff',
  'shutdown',
  'crashed',
  'disk-snapshot',
  'other',
]);
export type SnapshotState = z.infer<typeof SnapshotState>;

export const VmSnapshot = z.object({
  name: z.string().min(1).max(1000),
  /** The snapshot it was taken on top of; none for a root. */
  parent: z.string().max(1000).optional(),
  description: z.string().max(4000).optional(),
  /** When it was taken, ms since the epoch (libvirt keeps seconds). */
  createdAt: z.number().int().min(0).optional(),
  state: SnapshotState,
  /** Whether the guest's memory was saved: reverting brings the VM back running as it was. */
  memory: z.boolean(),
  /** internal (in the qcow2 images) or external (overlay files); mixed counts as external. */
  location: z.enum(['internal', 'external']),
  /** The snapshot the VM's disks are based on now: the next one is taken on top of it. */
  current: z.boolean(),
});
export type VmSnapshot = z.infer<typeof VmSnapshot>;

export const VmSnapshotList = z.object({
  vmId: VmId,
  hostId: HostId,
  readAt: z.number(),
  snapshots: z.array(VmSnapshot).max(MAX_SNAPSHOTS),
  /** More snapshots than MAX_SNAPSHOTS: the list shows the first ones only. */
  truncated: z.boolean(),
});
export type VmSnapshotList = z.infer<typeof VmSnapshotList>;

/** Create, revert or delete one snapshot of one VM: proposed as a plan, run when approved. */
export const SnapshotRequest = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('create'),
    hostId: HostId,
    vmId: VmId,
    name: SnapshotName,
    description: z.string().max(2000).optional(),
    /** Save the guest's memory too (a running VM only): reverting resumes it where it was. */
    memory: z.boolean(),
  }),
  z.object({
    action: z.literal('revert'),
    hostId: HostId,
    vmId: VmId,
    name: z.string().min(1).max(1000),
  }),
  z.object({
    action: z.literal('delete'),
    hostId: HostId,
    vmId: VmId,
    name: z.string().min(1).max(1000),
    /** Delete the snapshots taken on top of it too; without, they are kept (re-parented). */
    children: z.boolean(),
  }),
]);
export type SnapshotRequest = z.infer<typeof SnapshotRequest>;
export type SnapshotAction = SnapshotRequest['action'];

/** What a snapshot step of a plan carries (journaled, so a resumed step acts on the same name). */
export const SnapshotStepData = z.object({
  name: z.string().min(1).max(1000),
  description: z.string().max(2000).optional(),
  memory: z.boolean().optional(),
  children: z.boolean().optional(),
});
export type SnapshotStepData = z.infer<typeof SnapshotStepData>;

/** One line of the snapshot tree as shown: the snapshot and how deep it sits. */
export interface SnapshotRow {
  snapshot: VmSnapshot;
  depth: number;
}

/**
 * The snapshots in tree order (each parent before its children, siblings oldest first) with their
 * depth. Defensive about what a host reports: a parent that is not listed makes a root, and a
 * cycle (which libvirt never writes, but a hand-edited metadata file could) is broken rather than
 * looped on: every snapshot is shown exactly once.
 */
export function snapshotTree(snapshots: readonly VmSnapshot[]): SnapshotRow[] {
  const byName = new Map(snapshots.map((s) => [s.name, s]));
  const children = new Map<string, VmSnapshot[]>();
  const roots: VmSnapshot[] = [];
  for (const s of snapshots) {
    if (s.parent !== undefined && s.parent !== s.name && byName.has(s.parent)) {
      const list = children.get(s.parent) ?? [];
      list.push(s);
      children.set(s.parent, list);
    } else roots.push(s);
  }
  const order = (a: VmSnapshot, b: VmSnapshot): number =>
    (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.name.localeCompare(b.name);
  const rows: SnapshotRow[] = [];
  const placed = new Set<string>();
  const walk = (s: VmSnapshot, depth: number): void => {
    if (placed.has(s.name)) return;
    placed.add(s.name);
    rows.push({ snapshot: s, depth });
    for (const c of [...(children.get(s.name) ?? [])].sort(order)) walk(c, depth + 1);
  };
  for (const root of [...roots].sort(order)) walk(root, 0);
  // Whatever a cycle kept from the roots is shown at the top level, oldest first.
  for (const s of [...snapshots].sort(order)) walk(s, 0);
  return rows;
}

/** The names of a snapshot's descendants (children, their children …), each once. */
export function descendantsOf(snapshots: readonly VmSnapshot[], name: string): string[] {
  const found: string[] = [];
  const seen = new Set([name]);
  const queue = [name];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const s of snapshots) {
      if (s.parent === parent && !seen.has(s.name)) {
        seen.add(s.name);
        found.push(s.name);
        queue.push(s.name);
      }
    }
  }
  return found;
}
