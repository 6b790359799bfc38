import type { Host } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import type { PlacementReview, Plan, PlanStep } from '../../../shared/domain/plan';
import type { RecoveryLeftOut } from '../../../shared/domain/recovery';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { evacuate, type PlacementInput } from '../../../shared/placement';
import { UNMANAGED_PREFIX, type PlanningView } from '../../../shared/placement-input/build-input';
import { placementChoices } from '../../../shared/services/placement-choices';
import { createNamer } from '../../../shared/words/namer';
import { unplacedWords } from '../../../shared/words/plan-words';
import { moveInput } from '../context/planning-view';
import { newPlan, step } from '../plans/plan-builder';
import { orderByDependencies } from '../services/dependency-steps';
import { choiceReview } from '../services/plan-deploy';
import { unreachableDisk } from './local-disk-block';

/** Restarts at once: each is a define and a start that waits for running; a survivor is busy enough. */
export const RECOVERY_CONCURRENCY = 3;

export interface RecoveryPlanning {
  /** In review; absent when nothing can be restarted. */
  plan?: Plan;
  leftOut: RecoveryLeftOut[];
}

/**
 * The plan that restarts a failed host's service VMs (and the VMs marked HA) on survivors, every
 * rule of the engine kept (its `evacuate` of a `down` host: restarts, no migration path needed).
 * Only VMs of a service or marked HA that were running and whose definition the console kept are restarted; each is defined from that XML
 * (same UUID, same name) then started, a service's dependencies before what depends on them, each
 * start waiting for running. Both steps are `onlyCopy`: refused at run time if another connected
 * host lists the VM active. The caller has checked that the host is witnessed down and fenced.
 */
export function planRecovery(
  hostId: HostId,
  view: PlanningView,
  definitionOf: (vm: Vm) => string | undefined,
  options: {
    concurrency?: number;
    /** Only these VMs (an automatic recovery: the VMs of services that opted in); others unsaid. */
    include?: (vm: Vm) => boolean;
    /** VMs outside any service that the admin marked HA: restarted too (no dependency order). */
    marked?: ReadonlySet<string>;
  } = {},
): RecoveryPlanning {
  const names = createNamer(view);
  const host: Host | undefined = view.hosts.find((h) => h.config.id === hostId);
  if (!host) throw new AppError('not-found', `no host with id ${hostId}`, { hostId });
  const leftOut: RecoveryLeftOut[] = [];
  const wanted = new Map<string, { vm: Vm; xml: string }>();
  const include = options.include ?? (() => true);
  for (const vm of view.vms.filter((v) => v.hostId === hostId && include(v))) {
    const xml = definitionOf(vm);
    if (vm.service === undefined && options.marked?.has(vm.id) !== true)
      leftOut.push({ code: 'not-protected', vm: vm.id, vmName: vm.name });
    else if (!isActive(vm.state)) {
      leftOut.push({ code: 'was-not-running', vm: vm.id, vmName: vm.name, state: vm.state });
    } else if (xml === undefined) {
      leftOut.push({ code: 'no-definition', vm: vm.id, vmName: vm.name });
    } else {
      const disk = unreachableDisk(vm, xml, host.facts?.value.pools);
      if (disk === undefined) wanted.set(vm.id, { vm, xml });
      else {
        const where = (disk.kind === 'volume' ? disk.pool : disk.path) ?? '';
        leftOut.push({ code: 'local-disk', vm: vm.id, vmName: vm.name, disk: disk.target, where });
      }
    }
  }
  if (wanted.size === 0) return { leftOut };

  const input = withFailedHost(
    moveInput(view),
    hostId,
    [...wanted.values()].map((w) => w.vm),
  );
  const placed = evacuate(input, { hosts: [hostId] });
  // A VM that fits only once another steps aside is not restarted: a recovery moves nothing else.
  const crowded = new Set(placed.moves.filter((m) => m.from !== hostId).map((m) => m.from));
  for (const u of placed.unplaced) {
    const vm = wanted.get(u.vm)?.vm;
    if (!vm) continue;
    leftOut.push({ code: 'no-room', vm: vm.id, vmName: vm.name, reasons: unplacedWords(u, names) });
  }
  const why = placementChoices(input, placed);
  const defines: PlanStep[] = [];
  const starts: PlanStep[] = [];
  const review: PlacementReview[] = [];
  for (const move of placed.moves) {
    const chosen = wanted.get(move.vm);
    if (move.from !== hostId || !chosen) continue;
    const { vm, xml } = chosen;
    const to = move.to as HostId;
    if (crowded.has(to)) {
      leftOut.push({ code: 'needs-room', vm: vm.id, vmName: vm.name, host: to });
      continue;
    }
    const on = {
      hostId: to,
      vmId: vm.id,
      vmName: vm.name,
      onlyCopy: true,
      ...(vm.service === undefined ? {} : { service: vm.service }),
      ...(vm.application === undefined ? {} : { application: vm.application }),
    };
    const define = step('define', { ...on, label: `Define ${vm.name} on ${names.host(to)}`, xml });
    defines.push(define);
    starts.push(
      step('start', { ...on, label: `Start ${vm.name} on ${names.host(to)}`, after: [define.id] }),
    );
    review.push({
      vmId: vm.id,
      vmName: vm.name,
      ...(vm.application === undefined ? {} : { application: vm.application }),
      hostId: to,
      fromHostId: hostId,
      ...choiceReview(why.get(vm.id), names),
    });
  }
  if (starts.length === 0) return { leftOut };
  // A service's dependencies run before what depends on them (each start waits for running).
  for (const { service } of view.services) {
    orderByDependencies(
      service,
      starts.filter((s) => s.service === service.id),
      'dependencies-first',
    );
  }
  const count = starts.length;
  return {
    leftOut,
    plan: newPlan({
      kind: 'recovery',
      title: `Recover ${count} VM${count === 1 ? '' : 's'} of ${host.config.name} on other hosts`,
      steps: [...defines, ...starts],
      concurrency: options.concurrency ?? RECOVERY_CONCURRENCY,
      extra: { hostId, review },
    }),
  };
}

/**
 * The engine's input with only the VMs to restart on the failed host. A host whose link was
 * re-created while it was lost (its settings saved) has no size on record and is absent from the
 * input: it is added as a down host of no size, with those VMs, so they are placed all the same.
 */
function withFailedHost(full: PlacementInput, hostId: HostId, vms: readonly Vm[]): PlacementInput {
  const restart = new Set<string>(vms.map((vm) => vm.id));
  const others = (full.vms ?? []).filter((v) => v.host !== hostId);
  if (full.hosts.some((h) => h.id === hostId)) {
    const ours = (full.vms ?? []).filter((v) => v.host === hostId && restart.has(v.id));
    return { ...full, vms: [...others, ...ours] };
  }
  const known = new Set(full.applications.map((a) => a.id));
  const applications = [...full.applications];
  const ours = vms.map((vm) => {
    let application: string | undefined = vm.application;
    if (application === undefined || !known.has(application)) {
      application = `${UNMANAGED_PREFIX}${vm.id}`;
      applications.push({
        id: application,
        vcpus: Math.max(1, vm.vcpus),
        memoryMiB: vm.memoryMiB,
        replicas: 1,
      });
    }
    return { id: vm.id, application, host: hostId };
  });
  return {
    ...full,
    hosts: [
      ...full.hosts,
      { id: hostId, capacity: { cpu: 1, memoryMiB: 0 }, labels: {}, state: 'down' },
    ],
    applications,
    vms: [...others, ...ours],
  };
}
