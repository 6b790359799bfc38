import type { ServiceBundle } from '../../../shared/domain/application';
import type { ApplicationId, HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { newPlan, step } from '../plans/plan-builder';
import { connectedHostIds, hostNamer, vmsOf, type FleetView } from './service-vms';
import { formatMemory } from '../../../shared/words';

/**
 * Tag existing VMs as replicas of an application (a `set-metadata` step each, no restart). A VM
 * must be no larger than the application says (the engine counts a replica at the application's
 * size, so a larger one would hide load), its host connected, and not already another service's;
 * the application must have room for it among its replicas. All or nothing: the first refusal is
 * the message (the handler says what was being done), `detail` lists every VM refused and why.
 */
export function planAdopt(
  bundles: readonly ServiceBundle[],
  bundle: ServiceBundle,
  applicationId: ApplicationId,
  wanted: readonly { hostId: HostId; vmId: VmId }[],
  fleet: FleetView,
): Plan {
  const { service } = bundle;
  const app = bundle.applications.find((a) => a.id === applicationId);
  if (!app) {
    throw new AppError('not-found', `${service.name} has no such application`);
  }
  const hostName = hostNamer(fleet.hosts);
  const connected = connectedHostIds(fleet.hosts);
  const serviceName = new Map(bundles.map((b) => [b.service.id as string, b.service.name]));
  const already = vmsOf(bundle, fleet.vms).filter((vm) => vm.application === app.id);
  const problems: string[] = [];
  const found: Vm[] = [];
  for (const want of wanted) {
    const vm = fleet.vms.find((v) => v.id === want.vmId && v.hostId === want.hostId);
    if (!vm) {
      problems.push(`${want.vmId} is not on ${hostName(want.hostId)} (as last listed)`);
      continue;
    }
    if (found.some((f) => f.id === vm.id)) continue;
    const tooBig: string[] = [];
    if (vm.vcpus > app.vcpus) tooBig.push(`${vm.vcpus} vCPUs, ${app.name} allows ${app.vcpus}`);
    if (vm.memoryMiB > app.memoryMiB) {
      tooBig.push(
        `${formatMemory(vm.memoryMiB)} of memory, ${app.name} allows ${formatMemory(app.memoryMiB)}`,
      );
    }
    if (!connected.has(vm.hostId))
      problems.push(`${vm.name}: ${hostName(vm.hostId)} is not connected`);
    else if (tooBig.length > 0)
      problems.push(`${vm.name} is larger than ${app.name}: ${tooBig.join('; ')}`);
    else if (vm.service !== undefined && vm.service !== service.id && serviceName.has(vm.service)) {
      problems.push(
        `${vm.name} already belongs to service ${serviceName.get(vm.service) ?? vm.service}`,
      );
    } else if (vm.application === app.id && vm.service === service.id) {
      problems.push(`${vm.name} is already a replica of ${app.name}`);
    } else found.push(vm);
  }
  const total = already.length + found.length;
  if (problems.length === 0 && total > app.replicas) {
    problems.push(
      `${app.name} has ${app.replicas} replica${app.replicas === 1 ? '' : 's'} and ${already.length} already: raise its replicas first`,
    );
  }
  if (problems.length > 0) {
    throw new AppError('invalid-request', problems[0] ?? 'nothing to adopt', {
      detail: problems.join('\n'),
    });
  }
  return newPlan({
    kind: 'deploy',
    title: `Adopt ${found.map((vm) => vm.name).join(', ')} into ${service.name}/${app.name}`,
    steps: found.map((vm) =>
      step('set-metadata', {
        label: `Tag ${vm.name} on ${hostName(vm.hostId)} as ${service.name}/${app.name}`,
        hostId: vm.hostId,
        vmId: vm.id,
        vmName: vm.name,
        application: app.id,
        service: service.id,
      }),
    ),
    extra: { serviceId: service.id },
  });
}
