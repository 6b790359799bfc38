/**
 * Why something cannot happen, as data: a code, the ids involved and the figures. The engine and
 * every planner return these; shared/words turns them into sentences, once, for the window, the
 * plan review and the command line. Nothing reads a sentence back: a layer that needs to know why
 * looks at the code and the ids.
 *
 * Ids are the engine's (a host id, a VM id, an application id, `vm:<id>` for a VM no service
 * owns); the words module names them through a `Namer`.
 */
import { z } from 'zod';
import { HostState } from './host';
import { VmState } from './vm';

const id = z.string();
const amount = z.number();

/** Hard rules of the engine, broken by one VM on one host, in the order they are checked. */
const HOST_CLOSED = z.enum(['down', 'maintenance', 'evacuating']);

const engineReasons = [
  /** The host takes no VM: not available, in maintenance, being emptied. */
  z.object({ code: HOST_CLOSED, host: id }),
  z.object({
    code: z.literal('hypervisor'),
    host: id,
    needs: z.string(),
    has: z.string().optional(),
  }),
  /** Labels the application requires and the host lacks, as `key=value`. */
  z.object({ code: z.literal('label'), host: id, missing: z.array(z.string()) }),
  z.object({ code: z.literal('no-path'), from: id, to: id }),
  /** Hard spread: `vm` of the same application already runs on the host (or in its zone). */
  z.object({
    code: z.enum(['spread-host', 'spread-zone']),
    host: id,
    application: id,
    vm: id.optional(),
  }),
  /** Hard co-location: no VM of application `with` on the host. */
  z.object({ code: z.literal('colocate'), host: id, with: id }),
  z.object({ code: z.literal('memory'), host: id, shortMiB: amount }),
  z.object({ code: z.literal('cpu'), host: id, shortVcpus: amount }),
  z.object({ code: z.literal('disk'), host: id, shortGiB: amount }),
  /** Moving the VM away would leave `vm`, which must stay co-located with it, alone. */
  z.object({ code: z.literal('partner-leaves'), host: id, vm: id }),
] as const;

const plannerReasons = [
  /** A host the console does not reach (or no longer knows): nothing moves to or from it. */
  z.object({ code: z.literal('host-unusable'), host: id, state: HostState }),
  z.object({ code: z.literal('source-unusable'), host: id, state: HostState.optional() }),
  /**
   * `no-such-host`: no host has this id (removed?); `no-facts`: the host has not reported its size;
   * `order-cycle`: moves that wait on each other, `host` only takes the VM once another has left.
   */
  z.object({ code: z.enum(['no-such-host', 'no-facts', 'order-cycle']), host: id }),
  /** The VM's state stops the move (`shutting-down`, `paused` …) or it is a transient VM, off. */
  z.object({ code: z.literal('vm-state'), vm: id, state: VmState }),
  /** A shut-off transient VM (nothing to move); a VM no longer in the fleet; one asked to move twice. */
  z.object({ code: z.enum(['vm-transient', 'vm-gone', 'move-twice']), vm: id }),
  /** A shut-off VM with a disk only its host has: `--offline` would leave the disk behind. */
  z.object({ code: z.literal('disk-cold'), vm: id, disk: id }),
  /**
   * A disk of `vm` a move cannot copy: a block device; a file in no pool of its host (it could be
   * shared storage); no pool for it on the target (`where`: the pool's name, or the file's
   * directory), or that pool inactive; `host`'s pools not known.
   */
  z.object({
    code: z.literal('disk-not-copied'),
    vm: id,
    disk: id,
    kind: z.enum(['file', 'block', 'volume']),
    where: z.string(),
    why: z.enum(['block', 'no-source-pool', 'no-target-pool', 'pool-inactive', 'pools-unknown']),
    host: id.optional(),
  }),
  /**
   * `host`'s pool `pool` already holds a volume named `volume`, where `vm`'s disk `disk` would be
   * copied: libvirt would reuse it and write over it. `usedBy`: a VM defined on `host` whose disk
   * it is. `unknown`: its volumes could not be read, so the console does not guess.
   */
  z.object({
    code: z.literal('volume-exists'),
    vm: id,
    disk: id,
    host: id,
    pool: z.string(),
    volume: z.string(),
    usedBy: id.optional(),
    unknown: z.boolean().optional(),
  }),
  /** The copies of `vm`'s `disks` need `needBytes` in `host`'s pool `pool`, which has `freeBytes`. */
  z.object({
    code: z.literal('pool-space'),
    vm: id,
    host: id,
    pool: z.string(),
    freeBytes: amount,
    needBytes: amount,
    disks: z.array(id),
  }),
  /** A move asked from `expected`, while `vm` is on `host` now (moved since the admin looked). */
  z.object({ code: z.literal('vm-elsewhere'), vm: id, host: id, expected: id }),
  /** Since a plan moved `vm` from `origin` to `expected`, it went on to `host`. */
  z.object({ code: z.literal('vm-moved'), vm: id, host: id, expected: id, origin: id }),
  /** All or nothing: application `application` of service `service` fits nowhere. */
  z.object({ code: z.literal('service-blocked'), service: id, application: id }),
  /** The engine has no host at all to weigh. */
  z.object({ code: z.literal('no-hosts') }),
  /** Adopting a VM into an application: not listed on that host, or its host not connected. */
  z.object({ code: z.enum(['adopt-not-listed', 'adopt-host-unusable']), vm: id, host: id }),
  z.object({
    code: z.literal('adopt-too-large'),
    vm: id,
    application: id,
    vcpus: amount.optional(),
    allowedVcpus: amount.optional(),
    memoryMiB: amount.optional(),
    allowedMemoryMiB: amount.optional(),
  }),
  z.object({ code: z.literal('adopt-other-service'), vm: id, service: id }),
  z.object({ code: z.literal('adopt-already'), vm: id, application: id }),
  z.object({
    code: z.literal('adopt-replicas'),
    application: id,
    replicas: amount,
    already: amount,
  }),
] as const;

/**
 * Soft rules a move makes worse: never a refusal, a warning (amber while dragging, a line in the
 * move plan's review). `vm` goes to `host`.
 */
const softRuleReasons = [
  /** `vm` joins `joins` (also of `application`) on `host`, or in its zone: the rule prefers them apart. */
  z.object({
    code: z.literal('soft-spread'),
    vm: id,
    host: id,
    application: id,
    across: z.enum(['host', 'zone']),
    joins: z.array(id),
  }),
  /** `vm` leaves every VM of application `with` behind: `host` runs none. */
  z.object({ code: z.literal('soft-colocate'), vm: id, host: id, with: id }),
] as const;

/** One reason, any layer. */
export const Reason = z.discriminatedUnion('code', [
  ...engineReasons,
  ...plannerReasons,
  ...softRuleReasons,
]);
export type Reason = z.infer<typeof Reason>;
export type ReasonCode = Reason['code'];

/** The engine's refusal codes: one VM on one host. */
export type RefusalCode = Extract<
  ReasonCode,
  | z.infer<typeof HOST_CLOSED>
  | 'hypervisor'
  | 'label'
  | 'no-path'
  | 'spread-host'
  | 'spread-zone'
  | 'colocate'
  | 'memory'
  | 'cpu'
  | 'disk'
  | 'partner-leaves'
>;
/** An engine refusal as data. */
export type Refusal = Extract<Reason, { code: RefusalCode }>;
/** A soft rule a move makes worse, as data. */
export type SoftRuleReason = Extract<Reason, { code: 'soft-spread' | 'soft-colocate' }>;

/** Every code, for tests that walk them all. */
export const REASON_CODES: readonly ReasonCode[] = Reason.options.flatMap((o) => {
  const c = o.shape.code;
  return 'options' in c ? [...c.options] : [c.value];
});

/**
 * Why the engine chose a host, and what a runner-up lacked, as data: one item per part of the
 * explanation, with the figures replayed as the engine saw them (memory free once the VM was on
 * the host). shared/words says them; the review joins them with "; ".
 */
export const Choice = z.discriminatedUnion('code', [
  /** The chosen host: the only one that keeps every rule, the tightest fit (pack), the most headroom. */
  z.object({
    code: z.enum(['only-host', 'tightest-fit', 'most-headroom']),
    freeAfterMiB: amount,
  }),
  /** The chosen host runs a VM of `application`, which this one is co-located with. */
  z.object({ code: z.literal('next-to'), application: id }),
  /** Pack mode: the chosen host already runs VMs. */
  z.object({ code: z.literal('in-use') }),
  /** A runner-up already runs `replicas` VMs of `application` (spread). */
  z.object({ code: z.literal('replicas-there'), application: id, replicas: amount }),
  /** A runner-up runs no VM of `application`, the co-location partner. */
  z.object({ code: z.literal('no-partner'), application: id }),
  /** Pack mode: a runner-up runs no VM yet. */
  z.object({ code: z.literal('not-in-use') }),
  /**
   * A runner-up fits more loosely (pack) or leaves less headroom (spread), as a share of the host
   * (memory and CPU): `freeAfterMiB` its memory free after, `chosenFreeAfterMiB` the chosen host's
   * (absent in plans made before it was kept), so the words can say when the two are about the same.
   */
  z.object({
    code: z.enum(['looser-fit', 'less-headroom']),
    freeAfterMiB: amount,
    chosenFreeAfterMiB: amount.optional(),
  }),
  /** A runner-up the criteria above do not tell apart: its total, and the chosen host's. */
  z.object({ code: z.literal('scored-lower'), score: amount, chosen: amount }),
  /** Equal totals: the engine keeps the first host in order. */
  z.object({ code: z.literal('scored-same') }),
]);
export type Choice = z.infer<typeof Choice>;
export type ChoiceCode = Choice['code'];

/** Every choice code, for tests that walk them all. */
export const CHOICE_CODES: readonly ChoiceCode[] = Choice.options.flatMap((o) => {
  const c = o.shape.code;
  return 'options' in c ? [...c.options] : [c.value];
});
