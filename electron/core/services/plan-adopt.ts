import type { ServiceBundle } from '../../../shared/domain/application';
import type { ApplicationId, HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { newPlan, step } from '../plans/plan-builder';
import { connectedHostIds, vmsOf } from './service-vms';
import type { Fleet } from '../../../shared/domain/fleet';
import type { Reason } from '../../../shared/domain/reason';
import { createNamer } from '../../../shared/words/namer';
import { reasonWords } from '../../../shared/words/reasons';

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
  fleet: Fleet,
): Plan {
  const { service } = bundle;
  const app = bundle.applications.find((a) => a.id === applicationId);
  if (!app) {
    throw new AppError('not-found', `${service.name} has no such application`);
  }
  const hostName = createNamer({ ...fleet, services: [] }).host;
  const connected = connectedHostIds(fleet.hosts);
  const serviceIds = new Set<string>(bundles.map((b) => b.service.id));
  const already = vmsOf(bundle, fleet.vms).filter((vm) => vm.application === app.id);
  const problems: Reason[] = [];
  const found: Vm[] = [];
  for (const want of wanted) {
    const vm = fleet.vms.find((v) => v.id === want.vmId && v.hostId === want.hostId);
    if (!vm) {
      problems.push({ code: 'adopt-not-listed', vm: want.vmId, host: want.hostId });
      continue;
    }
    if (found.some((f) => f.id === vm.id)) continue;
    const tooBig = {
      ...(vm.vcpus > app.vcpus ? { vcpus: vm.vcpus, allowedVcpus: app.vcpus } : {}),
      ...(vm.memoryMiB > app.memoryMiB
        ? { memoryMiB: vm.memoryMiB, allowedMemoryMiB: app.memoryMiB }
        : {}),
    };
    if (!connected.has(vm.hostId))
      problems.push({ code: 'adopt-host-unusable', vm: vm.id, host: vm.hostId });
    else if (Object.keys(tooBig).length > 0)
      problems.push({ code: 'adopt-too-large', vm: vm.id, application: app.id, ...tooBig });
    else if (vm.service !== undefined && vm.service !== service.id && serviceIds.has(vm.service)) {
      problems.push({ code: 'adopt-other-service', vm: vm.id, service: vm.service });
    } else if (vm.application === app.id && vm.service === service.id) {
      problems.push({ code: 'adopt-already', vm: vm.id, application: app.id });
    } else found.push(vm);
  }
  const total = already.length + found.length;
  if (problems.length === 0 && total > app.replicas) {
    problems.push({
      code: 'adopt-replicas',
      application: app.id,
      replicas: app.replicas,
      already: already.length,
    });
  }
  if (problems.length > 0) {
    const names = createNamer({
      hosts: fleet.hosts,
      vms: fleet.vms,
      services: [...bundles, bundle],
    });
    const words = problems.map((p) => reasonWords(p, names));
    throw new AppError('invalid-request', words[0] ?? 'nothing to adopt', {
      detail: words.join('\n'),
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
