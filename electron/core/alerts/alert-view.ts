import type { ServiceBundle } from '../../../shared/domain/application';
import type { Host } from '../../../shared/domain/host';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import type { Vm } from '../../../shared/domain/vm';

/**
 * The fleet as the evaluator reads it, indexed once per evaluation: hosts by id, VMs by id, the
 * services, the migration paths, and which services and applications run on which host (scopes).
 */
export interface AlertView {
  hosts: ReadonlyMap<string, Host>;
  vms: ReadonlyMap<string, Vm>;
  services: readonly ServiceBundle[];
  paths: readonly MigrationPath[];
  /** host id → the service ids and application ids of the VMs it holds. */
  onHost: ReadonlyMap<string, ReadonlySet<string>>;
}

export function buildAlertView(fleet: {
  hosts: readonly Host[];
  vms: readonly Vm[];
  services: readonly ServiceBundle[];
  paths: readonly MigrationPath[];
}): AlertView {
  const onHost = new Map<string, Set<string>>();
  for (const vm of fleet.vms) {
    let set = onHost.get(vm.hostId);
    if (!set) onHost.set(vm.hostId, (set = new Set()));
    if (vm.service !== undefined) set.add(vm.service);
    if (vm.application !== undefined) set.add(vm.application);
  }
  return {
    hosts: new Map(fleet.hosts.map((h) => [h.config.id as string, h])),
    vms: new Map(fleet.vms.map((vm) => [vm.id as string, vm])),
    services: fleet.services,
    paths: fleet.paths,
    onHost,
  };
}
