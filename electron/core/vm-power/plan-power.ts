import type { Fleet } from '../../../shared/domain/fleet';
import type { HostId } from '../../../shared/domain/ids';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import {
  powerLeftOutCode,
  type PowerAction,
  type PowerLeftOut,
  type PowerRequest,
} from '../../../shared/domain/vm-power';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { createNamer } from '../../../shared/words/namer';
import {
  POWER_ACTION_WORDS,
  powerSummaryWords,
  powerTitle,
} from '../../../shared/words/vm-power-words';
import { newPlan, step } from '../plans/plan-builder';
import { connectedHostIds } from '../services/service-vms';

/** Each step is one virsh call and a wait on its own host: four at once keeps a host list short. */
export const POWER_CONCURRENCY = 4;

/**
 * One power action on a selection of VMs (or every VM of a host), as a plan to review. VMs for which
 * the action makes no sense (start on a running VM) or whose host is not connected are left out and
 * the review's first line says so. Each VM's steps are ones the journal can settle from the host's
 * VM list after a kill -9 (settle-step.ts), which is what makes the plan safe to resume:
 *
 * - start / shutdown / force off: running, resp. shut off, is what the host reports once done.
 * - pause (`suspend`) / resume: paused, resp. running. A resume of a pause that was cut off re-runs
 *   the step, which first looks at the VM (already paused counts as done).
 * - reboot: a guest's own reboot (`virsh reboot`) leaves no trace in the VM list (running before,
 *   running after, same QEMU process), so a cut-off one could neither be told done nor safely run
 *   again. A plan's reboot is therefore a power cycle, as Proxmox's `qm reboot` is: a `shutdown`
 *   step (graceful, forced off after the grace period) then a `start` step after it. Both are seen
 *   on the host, so a resumed reboot never cycles a VM twice, and pending definition changes apply.
 *   A transient domain is left out (shut down, it is gone and cannot start again).
 */
export function planPower(request: PowerRequest, fleet: Fleet): Plan {
  const names = createNamer({ ...fleet, services: [] });
  const connected = connectedHostIds(fleet.hosts);
  const { action } = request;
  const chosen = chosenVms(request, fleet);
  const left: PowerLeftOut[] = [];
  const acted: Vm[] = [];
  for (const pick of chosen) {
    if ('missing' in pick) {
      left.push({ vm: pick.missing, vmName: pick.missing, code: 'not-found' });
      continue;
    }
    const vm = pick;
    const code = connected.has(vm.hostId) ? powerLeftOutCode(action, vm) : 'host-not-connected';
    if (code === undefined) acted.push(vm);
    else left.push({ vm: vm.id, vmName: vm.name, host: vm.hostId, code });
  }
  const summary = powerSummaryWords(action, acted.length, left, names);
  if (acted.length === 0) throw new AppError('conflict', summary);
  const steps = acted
    .sort(
      (a, b) =>
        names.host(a.hostId).localeCompare(names.host(b.hostId)) || a.name.localeCompare(b.name),
    )
    .flatMap((vm) => stepsFor(action, vm, names.host(vm.hostId)));
  const host = request.hostId;
  return newPlan({
    kind: 'power',
    title: powerTitle(action, acted.length, host === undefined ? undefined : names.host(host)),
    steps,
    concurrency: request.concurrency ?? POWER_CONCURRENCY,
    extra: { power: action, warnings: [summary], ...(host === undefined ? {} : { hostId: host }) },
  });
}

function stepsFor(action: PowerAction, vm: Vm, where: string): PlanStep[] {
  const on = {
    hostId: vm.hostId,
    vmId: vm.id,
    vmName: vm.name,
    ...(vm.service === undefined ? {} : { service: vm.service }),
    ...(vm.application === undefined ? {} : { application: vm.application }),
  };
  const label = `${POWER_ACTION_WORDS[action].label} ${vm.name} on ${where}`;
  switch (action) {
    case 'start':
      return [step('start', { ...on, label })];
    case 'shutdown':
      return [step('shutdown', { ...on, label })];
    case 'force-off':
      return [step('destroy', { ...on, label })];
    case 'pause':
      return [step('suspend', { ...on, label })];
    case 'resume':
      return [step('resume', { ...on, label })];
    case 'reboot': {
      const down = step('shutdown', { ...on, label: `${label}: shut down` });
      const up = step('start', { ...on, label: `${label}: start again`, after: [down.id] });
      return [down, up];
    }
  }
}

/** The VMs the request names, in its order; an id the fleet no longer lists is kept as missing. */
function chosenVms(request: PowerRequest, fleet: Fleet): (Vm | { missing: string })[] {
  if (request.hostId !== undefined) {
    const hostId: HostId = request.hostId;
    if (!fleet.hosts.some((h) => h.config.id === hostId)) {
      throw new AppError('not-found', `no host ${hostId}`);
    }
    return fleet.vms.filter((vm) => vm.hostId === hostId);
  }
  const byId = new Map(fleet.vms.map((vm) => [vm.id as string, vm]));
  const seen = new Set<string>();
  return (request.vmIds ?? []).flatMap((id) => {
    if (seen.has(id)) return [];
    seen.add(id);
    return [byId.get(id) ?? { missing: id }];
  });
}
