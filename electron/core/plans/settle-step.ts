import type { HostId } from '../../../shared/domain/ids';
import type { PlanStep } from '../../../shared/domain/plan';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { findVm } from './plan-hosts';
import { VM_STATE_WORDS } from '../../../shared/words';

/** What a host's VM list says about one step: done, still to do, or no way to tell. */
export interface Settled {
  status: 'done' | 'pending' | 'unknown';
  note?: string;
}

/** VM lists of the hosts that answered; a host that did not is absent. */
export type HostLists = ReadonlyMap<HostId, readonly Vm[]>;

/**
 * Decide from what the hosts report whether a step has happened. Every kind can tell: that is what
 * makes resuming after a crash safe (a step seen done is never run again).
 */
export function settleStep(
  step: PlanStep,
  lists: HostLists,
  name: (hostId: HostId) => string,
): Settled {
  const host = name(step.hostId);
  const vms = lists.get(step.hostId);
  if (vms === undefined)
    return { status: 'unknown', note: `${host} did not answer; not checked yet` };
  const vm = findVm(vms, step.vmId);
  switch (step.kind) {
    case 'define':
      return vm
        ? { status: 'done', note: `found defined on ${host} after restart` }
        : { status: 'pending', note: `not defined on ${host} yet` };
    case 'start':
      return vm?.state === 'running'
        ? { status: 'done', note: `found running on ${host} after restart` }
        : {
            status: 'pending',
            note: `${vm ? VM_STATE_WORDS[vm.state].phrase : 'absent'} on ${host}`,
          };
    case 'shutdown':
    case 'destroy':
      return vm === undefined || !isActive(vm.state)
        ? { status: 'done', note: `found ${vm ? 'shut off' : 'gone'} on ${host} after restart` }
        : { status: 'pending', note: `still ${VM_STATE_WORDS[vm.state].phrase} on ${host}` };
    case 'undefine':
      return vm
        ? { status: 'pending', note: `still defined on ${host}` }
        : { status: 'done', note: `found removed from ${host} after restart` };
    case 'set-metadata':
      if (!vm) return { status: 'unknown', note: `not found on ${host}` };
      return vm.application === step.application && vm.service === step.service
        ? { status: 'done', note: `found tagged on ${host} after restart` }
        : { status: 'pending', note: `not tagged on ${host} yet` };
    case 'suspend':
    case 'resume': {
      // Paused, resp. running, is the step's whole effect: the list tells whether it happened.
      const goal = step.kind === 'suspend' ? 'paused' : 'running';
      if (vm?.state === goal)
        return { status: 'done', note: `found ${goal} on ${host} after restart` };
      return {
        status: 'pending',
        note: `${vm ? VM_STATE_WORDS[vm.state].phrase : 'absent'} on ${host}`,
      };
    }
    case 'migrate':
      return settleMigrate(step, vm, lists, name);
    case 'snapshot-create':
    case 'snapshot-delete':
      // Not in the VM list; the step reads the VM's snapshots first, so running it again is safe.
      return {
        status: 'pending',
        note: `snapshots of ${step.vmName} are checked when it runs again`,
      };
    case 'volume-create':
    case 'volume-clone':
    case 'volume-delete':
      // Not in the VM list; the step reads the pool's volumes first, so running it again is safe.
      return {
        status: 'pending',
        note: `volume “${step.volume?.name ?? '?'}” is checked in its pool when it runs again`,
      };
    case 'snapshot-revert':
      // A revert leaves no trace the console can read: running it again would lose changes twice.
      return {
        status: 'unknown',
        note: `a revert leaves no trace on ${host}: look at ${step.vmName}, then resume or roll back`,
      };
  }
}

function settleMigrate(
  step: PlanStep,
  onSource: Vm | undefined,
  lists: HostLists,
  name: (hostId: HostId) => string,
): Settled {
  const source = name(step.hostId);
  if (step.targetHostId === undefined) return { status: 'unknown', note: 'no target host' };
  const target = name(step.targetHostId);
  const there = lists.get(step.targetHostId);
  if (there === undefined)
    return { status: 'unknown', note: `${target} did not answer; not checked yet` };
  const onTarget = findVm(there, step.vmId);
  if (onTarget && !onSource) return { status: 'done', note: `found on ${target} after restart` };
  if (onSource && !onTarget) return { status: 'pending', note: `still on ${source} after restart` };
  if (onSource && onTarget) {
    return {
      status: 'unknown',
      note: `on both ${source} and ${target}: a migration may still run`,
    };
  }
  return { status: 'unknown', note: `on neither ${source} nor ${target}` };
}
