/**
 * What a plan's review warns about, as data: a code and the ids (or, for a VM the plan may have
 * removed, the name it had). Planners return these; shared/words/plan-note-words.ts says them once,
 * as the plan is made, into `Plan.warnings` (the journal keeps the words, so an old plan still reads
 * as it did whatever the fleet has become since).
 */
export type PlanNote =
  /** A host not connected: a deploy counts none of its VMs and places none there. */
  | { code: 'host-not-counted'; host: string }
  /** Starting or stopping a service: this VM's host is not connected, so it is left as it is. */
  | { code: 'host-not-connected'; vm: string; host: string; action: 'started' | 'stopped' }
  /** Deleting a service: its VMs are forced off and undefined, then the definition forgotten. */
  | { code: 'service-deleted'; service: string; vms: number }
  /** An evacuation also moves a VM of another host, to make room. */
  | { code: 'makes-room'; vm: string; from: string; to: string }
  /** A VM asked to move to the host it is on. */
  | { code: 'already-there'; vm: string; host: string }
  /** A rollback cannot undo this step: the old tags, or a removed definition, are not kept. */
  | { code: 'keeps-tags' | 'not-redefined'; vmName: string; host: string }
  /** A rollback does not undo a snapshot taken, reverted to or deleted (the admin decides). */
  | { code: 'snapshot-kept'; step: string }
  /** A rollback cannot bring back a deleted volume. */
  | { code: 'volume-gone'; step: string }
  /** A rollback moves a VM back with its local disks: the copies made on `host` stay there. */
  | { code: 'copy-left'; vmName: string; host: string; disks: string[] }
  /** A rollback skips a step whose outcome could not be checked on the hosts. */
  | { code: 'not-checked'; step: string }
  /** The plan was rolled back by another one, at `at` (ms since the epoch). */
  | { code: 'rolled-back'; by: string; plan: string; at: number };
