import type { ServiceBundle } from '../../../shared/domain/application';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { newPlan, step } from '../plans/plan-builder';
import { orderByDependencies } from './dependency-steps';
import { createNamer } from '../../../shared/words/namer';
import { planNoteWords } from '../../../shared/words/plan-note-words';
import { connectedHostIds, vmsOf } from './service-vms';
import type { Fleet } from '../../../shared/domain/fleet';

/** Start the service's VMs that are not running, each after the applications it depends on. */
export function planStart(bundle: ServiceBundle, fleet: Fleet): Plan {
  const { service } = bundle;
  const { reachable, warnings } = split(bundle, fleet, 'started');
  const hostName = createNamer({ ...fleet, services: [] }).host;
  const steps = reachable
    .filter((vm) => vm.state === 'shutoff' || vm.state === 'crashed')
    .map((vm) => step('start', fields(vm, `Start ${vm.name} on ${hostName(vm.hostId)}`)));
  orderByDependencies(service, steps, 'dependencies-first');
  return newPlan({
    kind: 'start-service',
    title: `Start ${service.name}`,
    steps,
    extra: { serviceId: service.id, ...(warnings.length > 0 ? { warnings } : {}) },
  });
}

/**
 * Shut the service's running VMs down in reverse dependency order: an application stops only after
 * every application that depends on it has stopped (the runner forces off after its grace period).
 */
export function planStop(bundle: ServiceBundle, fleet: Fleet): Plan {
  const { service } = bundle;
  const { reachable, warnings } = split(bundle, fleet, 'stopped');
  const hostName = createNamer({ ...fleet, services: [] }).host;
  const steps = reachable
    .filter((vm) => isActive(vm.state))
    .map((vm) => step('shutdown', fields(vm, `Shut down ${vm.name} on ${hostName(vm.hostId)}`)));
  orderByDependencies(service, steps, 'dependents-first');
  return newPlan({
    kind: 'stop-service',
    title: `Stop ${service.name}`,
    steps,
    extra: { serviceId: service.id, ...(warnings.length > 0 ? { warnings } : {}) },
  });
}

/**
 * Force off (reverse dependency order) and undefine every VM of the service; when the plan is done the
 * definition is forgotten too. Refused while a host holding one of its VMs is not connected: those
 * VMs would be left behind, tagged with a service that no longer exists.
 */
export function planDelete(bundle: ServiceBundle, fleet: Fleet): Plan {
  const { service } = bundle;
  const { reachable, unreachable } = partition(bundle, fleet);
  const hostName = createNamer({ ...fleet, services: [] }).host;
  if (unreachable.length > 0) {
    const list = unreachable.map((vm) => `${vm.name} on ${hostName(vm.hostId)}`).join(', ');
    throw new AppError(
      'conflict',
      `${list} cannot be removed while ${unreachable.length === 1 ? 'its host is' : 'their hosts are'} not connected`,
    );
  }
  // Forced off, not shut down: the admin confirmed that these VMs go, and a guest that ignores
  // ACPI would otherwise hold the delete for the whole grace period, VM after VM.
  const stops = reachable
    .filter((vm) => isActive(vm.state))
    .map((vm) => step('destroy', fields(vm, `Force off ${vm.name} on ${hostName(vm.hostId)}`)));
  orderByDependencies(service, stops, 'dependents-first');
  const undefines = reachable.map((vm) => {
    const stop = stops.find((s) => s.vmId === vm.id);
    return step('undefine', {
      ...fields(vm, `Undefine ${vm.name} on ${hostName(vm.hostId)}`),
      after: stop ? [stop.id] : [],
    });
  });
  return newPlan({
    kind: 'delete-service',
    title: `Delete ${service.name}`,
    steps: [...stops, ...undefines],
    extra: {
      serviceId: service.id,
      warnings: [
        planNoteWords(
          { code: 'service-deleted', service: service.id, vms: reachable.length },
          createNamer({ ...fleet, services: [bundle] }),
        ),
      ],
    },
  });
}

function fields(vm: Vm, label: string): Omit<PlanStep, 'id' | 'status' | 'after' | 'kind'> {
  return {
    label,
    hostId: vm.hostId,
    vmId: vm.id,
    vmName: vm.name,
    service: vm.service,
    ...(vm.application === undefined ? {} : { application: vm.application }),
  };
}

function partition(bundle: ServiceBundle, fleet: Fleet): { reachable: Vm[]; unreachable: Vm[] } {
  const connected = connectedHostIds(fleet.hosts);
  const mine = vmsOf(bundle, fleet.vms);
  return {
    reachable: mine.filter((vm) => connected.has(vm.hostId)),
    unreachable: mine.filter((vm) => !connected.has(vm.hostId)),
  };
}

/** VMs the console can act on, and a warning for the others (their host is not connected). */
function split(
  bundle: ServiceBundle,
  fleet: Fleet,
  action: 'started' | 'stopped',
): { reachable: Vm[]; warnings: string[] } {
  const { reachable, unreachable } = partition(bundle, fleet);
  const names = createNamer({ ...fleet, services: [] });
  return {
    reachable,
    warnings: unreachable.map((vm) =>
      planNoteWords({ code: 'host-not-connected', vm: vm.id, host: vm.hostId, action }, names),
    ),
  };
}
