import type { ServiceBundle } from '../../../shared/domain/application';
import type { Host } from '../../../shared/domain/host';
import type { Vm } from '../../../shared/domain/vm';

/** The VMs tagged with this service (by id, so renaming the service or an app changes nothing). */
export function vmsOf(bundle: ServiceBundle, vms: readonly Vm[]): Vm[] {
  return vms.filter((vm) => vm.service === bundle.service.id);
}

/**
 * `<service>-<app>-<n>` names for `count` new VMs, with the smallest n no VM in the fleet uses (nor
 * one named earlier in the same plan: `taken` is updated). Names are data: quotes and `$(…)` stay.
 */
export function newVmNames(
  serviceName: string,
  appName: string,
  count: number,
  taken: Set<string>,
): string[] {
  const names: string[] = [];
  for (let n = 1; names.length < count; n++) {
    const name = `${serviceName.trim()}-${appName.trim()}-${n}`;
    if (taken.has(name)) continue;
    taken.add(name);
    names.push(name);
  }
  return names;
}

/** Hosts the console can act on now. */
export function connectedHostIds(hosts: readonly Host[]): Set<string> {
  return new Set(hosts.filter((h) => h.state === 'connected').map((h) => h.config.id));
}
