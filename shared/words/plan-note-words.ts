/**
 * A plan's warnings in words ("web-1 moves from hv1 to hv3 to make room"): the one place a planner's
 * warning becomes a sentence. The switch is exhaustive: a new note code does not compile until it
 * has words here.
 */
import type { PlanNote } from '../domain/plan-note';
import { plural } from '.';
import type { Namer } from './namer';

export function planNoteWords(note: PlanNote, names: Namer): string {
  switch (note.code) {
    case 'host-not-counted':
      return `${names.host(note.host)} is not connected: its VMs are not counted, and it gets none`;
    case 'host-not-connected':
      return `${names.vm(note.vm)} is on ${names.host(note.host)}, which is not connected: not ${note.action}`;
    case 'service-deleted':
      return note.vms === 0
        ? `${names.service(note.service)} has no VM: approving forgets its definition`
        : `${plural(note.vms, 'VM')} will be forced off and undefined, then the definition of ${names.service(note.service)} forgotten`;
    case 'makes-room':
      return `${names.vm(note.vm)} moves from ${names.host(note.from)} to ${names.host(note.to)} to make room`;
    case 'already-there':
      return `${names.vm(note.vm)} is already on ${names.host(note.host)}: nothing to do for it`;
    case 'keeps-tags':
      return `${note.vmName} on ${names.host(note.host)} keeps its tags: the rollback does not remove them`;
    case 'not-redefined':
      return `${note.vmName} was removed from ${names.host(note.host)}; the rollback cannot define it again`;
    case 'snapshot-kept':
      return `“${note.step}” is not undone: a snapshot step is reversed by hand (delete it, or revert again)`;
    case 'volume-gone':
      return `“${note.step}” is not undone: a deleted volume cannot be brought back`;
    case 'copy-left':
      return `${note.vmName} goes back with its disks (${note.disks.join(', ')}); the copies made on ${names.host(note.host)} stay there: delete them once you no longer need them`;
    case 'not-checked':
      return `“${note.step}” could not be checked on the hosts; it is not reversed`;
    case 'rolled-back':
      return `Rolled back by “${note.by}” (${note.plan}), ${new Date(note.at).toISOString()}`;
  }
}
