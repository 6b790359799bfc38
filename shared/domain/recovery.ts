/**
 * Recovery of a failed host (issue 13): its service VMs defined from their kept XML and started on
 * survivors, only once the host is witnessed down AND fenced (its BMC says off) or the admin has
 * confirmed in words that it is off. Why a recovery may not run, and why a VM is left out, as data;
 * shared/words/recovery-words.ts says them.
 */
import { z } from 'zod';
import { HostId, VmId } from './ids';
import { Plan } from './plan';
import { PowerReading } from './power';
import { WitnessVerdict } from './host-witness';
import { isActive, VmState, type Vm } from './vm';

export const RecoveryRequest = z.object({
  hostId: HostId,
  /** Power the host off through its BMC first (fencing), when the BMC says it is on. */
  fence: z.boolean().optional(),
  /** The host's name, typed by the admin: "I have checked that hv3 is powered off". */
  confirmName: z.string().max(256).optional(),
});
export type RecoveryRequest = z.infer<typeof RecoveryRequest>;

/**
 * Why no recovery may run now:
 * - `connected`: the console reaches the host: nothing failed;
 * - `not-witnessed`: no second witness saw it down (a partition: its VMs probably still run);
 * - `not-fenced`: its BMC did not say off, and the admin has not confirmed it (or typed another name).
 */
export const RecoveryBlock = z.discriminatedUnion('code', [
  z.object({ code: z.literal('connected') }),
  z.object({ code: z.literal('not-witnessed'), verdict: WitnessVerdict.optional() }),
  z.object({ code: z.literal('not-fenced'), typed: z.string().max(256).optional() }),
]);
export type RecoveryBlock = z.infer<typeof RecoveryBlock>;

/**
 * How the console knows the host is off: `bmc` (its BMC says off, perhaps after the console
 * powered it off), `confirmed` (the admin typed its name), or `none`. `reading` is the BMC's last
 * answer, or why there was none.
 */
export const RecoveryFence = z.object({
  by: z.enum(['bmc', 'confirmed', 'none']),
  reading: PowerReading.optional(),
  /** The console powered it off through the BMC for this recovery. */
  poweredOff: z.boolean().optional(),
});
export type RecoveryFence = z.infer<typeof RecoveryFence>;

/** Why one VM of the failed host is not restarted elsewhere. */
export const RecoveryLeftOut = z.discriminatedUnion('code', [
  /** Not a VM of a service: only services' VMs are restarted elsewhere. */
  z.object({ code: z.literal('not-protected'), vm: VmId, vmName: z.string() }),
  /** It was not running when the host was lost. */
  z.object({ code: z.literal('was-not-running'), vm: VmId, vmName: z.string(), state: VmState }),
  /** The console never read its definition, so it cannot define it elsewhere. */
  z.object({ code: z.literal('no-definition'), vm: VmId, vmName: z.string() }),
  /**
   * A disk of it was only on the failed host (a local pool or a file outside shared pools): defined
   * elsewhere it would have no disk. `where` is the pool name or the file's path.
   */
  z.object({
    code: z.literal('local-disk'),
    vm: VmId,
    vmName: z.string(),
    disk: z.string().max(64),
    where: z.string().max(4096),
  }),
  /** It fits on no survivor: the engine's reasons, said once as the plan was made. */
  z.object({
    code: z.literal('no-room'),
    vm: VmId,
    vmName: z.string(),
    reasons: z.array(z.string()),
  }),
  /** It would fit on `host` only if another VM moved aside first (a recovery moves nothing else). */
  z.object({ code: z.literal('needs-room'), vm: VmId, vmName: z.string(), host: HostId }),
]);
export type RecoveryLeftOut = z.infer<typeof RecoveryLeftOut>;

/** The answer to "recover this host": a plan to review, or why there is none, and what stays. */
export const RecoveryProposal = z.object({
  hostId: HostId,
  fence: RecoveryFence,
  blocked: RecoveryBlock.optional(),
  /** In review: approved through plans:approve like every plan. */
  plan: Plan.optional(),
  leftOut: z.array(RecoveryLeftOut),
});
export type RecoveryProposal = z.infer<typeof RecoveryProposal>;

/** The typed confirmation matches the host's name (trimmed, exact case: a name is an identity). */
export function confirmsHost(typed: string | undefined, hostName: string): boolean {
  return typed !== undefined && typed.trim() === hostName;
}

/**
 * What a recovery of a lost host could still restart, as the fleet lists it: its VMs of a service
 * (or marked HA, `marked`) that were running when it was lost, less those that run on another host
 * now (a recovery did it). "Recover VMs…" goes once this is empty.
 */
export function leftToRecover(
  hostId: string,
  vms: readonly Vm[],
  marked: ReadonlySet<string> = new Set(),
): Vm[] {
  const mine = vms.filter(
    (vm) =>
      vm.hostId === hostId &&
      (vm.service !== undefined || marked.has(vm.id)) &&
      isActive(vm.state),
  );
  // Most hosts have none: no set of the fleet's other VMs for them (10,000 VMs at 1,000 hosts).
  if (mine.length === 0) return mine;
  const ids = new Set<string>(mine.map((vm) => vm.id));
  const elsewhere = new Set<string>();
  for (const vm of vms) {
    if (vm.hostId !== hostId && ids.has(vm.id) && isActive(vm.state)) elsewhere.add(vm.id);
  }
  return mine.filter((vm) => !elsewhere.has(vm.id));
}

/**
 * What became of a lost host's VMs, as the fleet lists them now: those running on another host
 * (restarted there by a recovery, or moved before), each with where; and those last seen running
 * on it that run nowhere else (they stayed). A VM that was not running is in neither.
 */
export function recoveryOutcome(
  hostId: string,
  vms: readonly Vm[],
): { restarted: { vm: Vm; on: Vm['hostId'] }[]; stayed: Vm[] } {
  const elsewhere = new Map<string, Vm['hostId']>();
  for (const vm of vms) {
    if (vm.hostId !== hostId && isActive(vm.state)) elsewhere.set(vm.id, vm.hostId);
  }
  const restarted: { vm: Vm; on: Vm['hostId'] }[] = [];
  const stayed: Vm[] = [];
  for (const vm of vms) {
    if (vm.hostId !== hostId) continue;
    const on = elsewhere.get(vm.id);
    if (on !== undefined) restarted.push({ vm, on });
    else if (isActive(vm.state)) stayed.push(vm);
  }
  return { restarted, stayed };
}
