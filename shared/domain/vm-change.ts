import { z } from 'zod';

/**
 * A VM's lifecycle change as the event log says it: libvirt's event (or, when no event came, the
 * difference between two listings) folded to what an admin asks about.
 */
export const VmChangeKind = z.enum([
  'started',
  'restored',
  'migrated-in',
  'resumed',
  'paused',
  'pm-suspended',
  'shut-down',
  'destroyed',
  'crashed',
  'migrated-out',
  'saved',
  'stopped',
  'defined',
  'undefined',
  'renamed',
  'gone',
]);
export type VmChangeKind = z.infer<typeof VmChangeKind>;

/**
 * What the log compares to tell a new change from one already said: a VM is running, paused, off
 * or not on the host. `paused` while it migrates, or `shutting-down`, is still running.
 */
export type VmPhase = 'running' | 'paused' | 'off' | 'absent';

export interface VmChange {
  kind: VmChangeKind;
  /** libvirt's reason as it said it ("failed", "booted", "I/O error"): the words refine on it. */
  reason?: string;
  seenBy: 'event' | 'listing';
}
