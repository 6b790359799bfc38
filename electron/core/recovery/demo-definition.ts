import type { Vm } from '../../../shared/domain/vm';
import { xmlEscape } from '../hypervisor/libvirt/xml';
import { federatorTag } from '../services/domain-xml';

/**
 * A demo VM's definition, made from what the demo reports (its hosts are simulated, so no listing
 * read any XML): the same shape the demo's define reads back, so a recovery on the demo defines
 * the same VM, UUID, size and tags, on a survivor.
 */
export function demoDefinition(vm: Vm): string {
  // A VM of no service (one marked HA) has no tag: the same VM, UUID and size all the same.
  const tag =
    vm.service === undefined || vm.application === undefined
      ? ''
      : `\n  <metadata>${federatorTag({ id: vm.application }, vm.service)}</metadata>`;
  return `<domain type='qemu'>
  <name>${xmlEscape(vm.name)}</name>
  <uuid>${vm.id}</uuid>${tag}
  <memory unit='KiB'>${Math.round(vm.memoryMiB * 1024)}</memory>
  <vcpu>${vm.vcpus}</vcpu>
</domain>
`;
}
