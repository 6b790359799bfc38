import { randomUUID } from 'node:crypto';
import type { ApplicationId, HostId, ServiceId, VmId } from '../../../../shared/domain/ids';
import { isActive, type Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { VmTags } from '../hypervisor-driver';
import { parseDefinitionXml } from '../libvirt/parse-domain-xml';
import type { DemoHostState, DemoWorld } from './demo-world';
import { VM_STATE_WORDS } from '../../../../shared/words';

/**
 * define / undefine / tags on a simulated host, with libvirt's rules and its refusals: the same
 * UUID again updates the definition, another UUID under a taken name is refused, a running VM
 * cannot be undefined.
 */
export function defineVm(world: DemoWorld, hostId: HostId, xml: string): VmId {
  const host = usable(world, hostId);
  const definition = parseDefinitionXml(xml, 'the domain XML to define');
  const what = `Couldn't define VM '${definition.name}' on ${host.config.name}`;
  const refuse = (why: string): never => {
    throw new AppError('command-failed', `${what}: ${why}`, { hostId, detail: `error: ${why}` });
  };
  if (/[/\n]/.test(definition.name)) refuse(`name ${definition.name} cannot contain '/'`);
  const id = (definition.uuid ?? randomUUID()) as VmId;
  const same = host.vms.find((vm) => vm.id === id);
  const named = host.vms.find((vm) => vm.name === definition.name);
  if (named !== undefined && named.id !== id) {
    refuse(`operation failed: domain '${definition.name}' already exists with uuid ${named.id}`);
  }
  if (same !== undefined && same.name !== definition.name) {
    refuse(`operation failed: domain '${same.name}' already exists with uuid ${id}`);
  }
  const vm: Vm = {
    ...(same ?? { state: 'shutoff', persistent: true }),
    id,
    hostId,
    name: definition.name,
    vcpus: definition.vcpus,
    memoryMiB: definition.memoryKiB / 1024,
    ...tagsOf(definition),
  };
  if (definition.application === undefined) delete vm.application;
  if (definition.service === undefined) delete vm.service;
  world.setVms(host, same ? host.vms.map((v) => (v.id === id ? vm : v)) : [...host.vms, vm]);
  return id;
}

export function undefineVm(world: DemoWorld, hostId: HostId, vmId: VmId): void {
  const host = usable(world, hostId);
  const vm = host.vms.find((v) => v.id === vmId);
  if (vm === undefined) return; // already gone: what was asked
  if (isActive(vm.state)) {
    throw new AppError(
      'conflict',
      `Couldn't remove VM '${vm.name}' from ${host.config.name}: it is ${VM_STATE_WORDS[vm.state].phrase}; stop it first`,
      { hostId },
    );
  }
  world.setVms(
    host,
    host.vms.filter((v) => v.id !== vmId),
  );
}

export function setVmTags(world: DemoWorld, hostId: HostId, vmId: VmId, tags: VmTags): void {
  const host = usable(world, hostId);
  if (!host.vms.some((v) => v.id === vmId)) {
    throw new AppError(
      'not-found',
      `Couldn't tag VM '${vmId}' on ${host.config.name}: libvirt knows no such domain`,
      { hostId },
    );
  }
  world.setVms(
    host,
    host.vms.map((v) => (v.id === vmId ? { ...v, ...tags } : v)),
  );
}

/** A host whose simulated hypervisor answers, or the error a real one would give. */
export function usable(world: DemoWorld, hostId: HostId): DemoHostState {
  const host = world.host(hostId);
  const layer = host.facts.virtualLayer;
  if (layer.status !== 'ok') {
    throw new AppError('hypervisor-missing', layer.problem ?? 'hypervisor not answering', {
      hostId,
    });
  }
  return host;
}

function tagsOf(definition: { application?: string; service?: string }): Partial<VmTags> {
  return {
    ...(definition.application === undefined
      ? {}
      : { application: definition.application as ApplicationId }),
    ...(definition.service === undefined ? {} : { service: definition.service as ServiceId }),
  };
}
