import { z } from 'zod';
import { AppErrorData } from '../errors';
import { ApplicationId, HostId, PlanId, ServiceId, VmId } from './ids';
import { PowerAction } from './vm-power';
import { SnapshotStepData } from './snapshot';
import { VolumeStepData } from './create-vm';
import { Choice, Reason } from './reason';

/**
 * A plan is the console's unit of change on hosts: deploy a service, start or stop it, move VMs,
 * evacuate a host, undo. Each step is journaled in the inventory before and after it runs, so a
 * console killed mid-plan finds it on restart, reconciles it with what the hosts report, and lets
 * the admin finish it or roll it back, with no step run twice.
 */
export const PlanKind = z.enum([
  'deploy', // define and start every VM of a service
  'start-service', // start a service's VMs in dependency order
  'stop-service', // stop them in reverse order
  'delete-service', // stop and undefine them, then forget the definition
  'move', // migrate VMs the admin dragged or chose
  'evacuate', // empty a host entering maintenance
  'undo', // the reverse of an earlier plan, re-checked first
  'rollback', // undo what an interrupted or failed plan did
  'power', // one power action on a selection of VMs, or on every VM of a host
  'recovery', // a failed, fenced host's service VMs defined from their kept XML and started on survivors
  'snapshot', // create, revert or delete one snapshot of one VM
  'create', // a new VM: its disk volume made, defined, started; undone at once if a step fails
  'clone', // a copy of a shut-off VM: its disks copied in their pools, defined; undone if a step fails
]);
export type PlanKind = z.infer<typeof PlanKind>;

/**
 * What one step does to one domain. Every step can tell, from the VM list a host reports, whether
 * it has already happened: that is what makes resuming after a crash safe.
 */
export const StepKind = z.enum([
  'define', // define the domain (UUID chosen when the plan is made, so a re-run cannot duplicate it)
  'start',
  'shutdown', // graceful, then destroy after the plan's grace period
  'destroy',
  'undefine',
  'migrate', // live (running) or cold (shut off) move to targetHostId
  'set-metadata', // tag an existing domain with its application and service (adopt)
  'suspend', // pause: done once the host reports the VM paused
  'resume', // unpause: done once the host reports the VM running
  // Snapshots are not in the VM list: each step reads the VM's snapshots before it acts.
  'snapshot-create', // done once the snapshot's name is listed
  'snapshot-revert',
  'snapshot-delete', // done once the name is no longer listed
  // Volumes are not in the VM list either: each step reads the pool's volumes before it acts.
  'volume-create', // a new volume in a pool; done once its name is listed
  'volume-clone', // a copy of a volume in the same pool (vol-clone); done once its name is listed
  'volume-delete', // the undo of the two above; done once the name is no longer listed
]);
export type StepKind = z.infer<typeof StepKind>;

export const StepStatus = z.enum([
  'pending',
  'running',
  'done',
  'failed',
  'cancelled',
  'skipped', // not run: the plan failed or was cancelled before its turn
  'unknown', // was running when the console stopped; reconcile decides
]);
export type StepStatus = z.infer<typeof StepStatus>;

/** A disk a live migration copies to the target host's pool (`--copy-storage-all`). */
export const DiskCopyData = z.object({
  /** The guest's device name (vda …). */
  target: z.string().min(1).max(64),
  /** The pool on the target it lands in. */
  pool: z.string().max(1024),
  /** Its virtual size, when libvirt said. */
  bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type DiskCopyData = z.infer<typeof DiskCopyData>;

export const PlanStep = z.object({
  id: z.string().min(1),
  kind: StepKind,
  /** For people: "Start web-1 on hv2". */
  label: z.string(),
  hostId: HostId,
  vmId: VmId,
  vmName: z.string(),
  application: ApplicationId.optional(),
  service: ServiceId.optional(),
  /** migrate: where to. */
  targetHostId: HostId.optional(),
  /** migrate: live (VM running) or cold (VM shut off). */
  live: z.boolean().optional(),
  /** migrate: the disks copied with it (only its host has them); none: storage is shared. */
  disks: z.array(DiskCopyData).max(64).optional(),
  /**
   * migrate of a rollback: a volume of a copied disk's name in a target pool is this VM's own copy,
   * left there by the move being reversed; libvirt copies the disk onto it, unless a domain there
   * uses it now.
   */
  ontoOwnCopy: z.boolean().optional(),
  /** define: the exact domain XML, kept in the journal so a resumed plan defines the same domain. */
  xml: z.string().optional(),
  /**
   * define / start of a recovery: refused, when the step runs, if any other connected host lists
   * this UUID active (never the same VM running twice), whatever the plan saw when it was made.
   */
  onlyCopy: z.boolean().optional(),
  /** snapshot-*: which snapshot, and how (memory, description, with its children). */
  snapshot: SnapshotStepData.optional(),
  /** volume-*: the pool and volume, and its size, format or source. */
  volume: VolumeStepData.optional(),
  /** Ids of the steps that must be done before this one starts. */
  after: z.array(z.string()),
  status: StepStatus,
  /** 0–100 while running, when the hypervisor reports progress (migrations). */
  progress: z.number().min(0).max(100).optional(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  error: AppErrorData.optional(),
  /** What reconcile or the runner found worth saying ("already running", "found on hv2"). */
  note: z.string().optional(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const PlanStatus = z.enum([
  'review', // proposed, waiting for the admin's approval
  'running',
  'done',
  'failed', // a step failed; the rest were skipped; the admin may resume or roll back
  'cancelled',
  'interrupted', // the console stopped while it ran; reconciled on restart, waiting for the admin
  'discarded', // a proposal the admin did not approve
]);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** One VM → host decision of a proposal, with the engine's reasons, for the review dialog. */
export const PlacementReview = z.object({
  vmId: VmId,
  vmName: z.string(),
  application: ApplicationId.optional(),
  hostId: HostId,
  /** Where it is now, for moves. */
  fromHostId: HostId.optional(),
  /** "most headroom left: 5.6 GiB memory free after", said by shared/words from `why`. */
  reason: z.string(),
  /** The engine's choice as data, when the engine chose (a dragged move has none). */
  why: z.array(Choice).optional(),
  runnersUp: z.array(
    z.object({ hostId: HostId, note: z.string(), why: z.array(Choice).optional() }),
  ),
  /** moves: live or cold, and the estimate from the VM's memory. */
  live: z.boolean().optional(),
  estimatedSeconds: z.number().optional(),
  /** moves: the disks copied to the target's pools, and how big. */
  disks: z.array(DiskCopyData).max(64).optional(),
});
export type PlacementReview = z.infer<typeof PlacementReview>;

export const Plan = z.object({
  id: PlanId,
  kind: PlanKind,
  title: z.string(),
  status: PlanStatus,
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Steps run at once, at most (default 2). */
  concurrency: z.number().int().min(1).max(32),
  serviceId: ServiceId.optional(),
  /**
   * evacuate: the host entering maintenance; power: the host whose VMs it acts on, if one;
   * recovery: the failed host whose VMs it restarts elsewhere.
   */
  hostId: HostId.optional(),
  /** power: the action, for the summary at the end (its steps are start/shutdown/destroy …). */
  power: PowerAction.optional(),
  /** undo / rollback: the plan this one reverses. */
  reverses: PlanId.optional(),
  steps: z.array(PlanStep),
  review: z.array(PlacementReview).optional(),
  /** Warnings for the review (a soft rule broken, a host not connected …). */
  warnings: z.array(z.string()).optional(),
  /** Why the plan failed or was interrupted, in words. */
  error: AppErrorData.optional(),
});
export type Plan = z.infer<typeof Plan>;

/**
 * A VM the engine could not place, for the "cannot deploy" panel: its reasons as data (`why`: codes,
 * ids, figures) and in words (`reasons`, said once by shared/words as the plan was made).
 */
export const UnplacedReview = z.object({
  vmName: z.string(),
  application: ApplicationId.optional(),
  why: z.array(Reason).optional(),
  reasons: z.array(z.string()),
  suggestions: z.array(z.string()),
  /** Set when this VM fits but its service is all-or-nothing and another application failed. */
  blockedBy: z.string().optional(),
});
export type UnplacedReview = z.infer<typeof UnplacedReview>;

/** The answer to "deploy this" or "move these": a plan to review, or why there is none. */
export const Proposal = z.union([
  z.object({ ok: z.literal(true), plan: Plan }),
  z.object({
    ok: z.literal(false),
    message: z.string(),
    /** What stays, each VM with its reasons. */
    unplaced: z.array(UnplacedReview),
    /** An evacuation that cannot move everything: the plan that moves what fits, to review. */
    partial: Plan.optional(),
  }),
]);
export type Proposal = z.infer<typeof Proposal>;

/** Plans that may still change: the window shows them with progress and buttons. */
export function isOpen(plan: Pick<Plan, 'status'>): boolean {
  return plan.status === 'review' || plan.status === 'running' || plan.status === 'interrupted';
}
