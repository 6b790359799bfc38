import { useCallback } from 'react';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceCatalog } from '../../../shared/domain/application';
import type { AlertObject } from '../../../shared/domain/alert';
import type { HostId, VmId } from '../../../shared/domain';
import type { ServiceId } from '../../../shared/domain/ids';
import { useFleet, useServices } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { revealInTopology } from '../topology/reveal-store';

/** Where a click on an alert's object takes the admin. */
export type JumpTarget =
  | { kind: 'host'; hostId: HostId }
  | { kind: 'vm'; hostId: HostId; vmId: VmId }
  | { kind: 'service'; serviceId: ServiceId };

/**
 * The object as the fleet has it now: a VM where it runs now (it may have moved since the alert
 * fired), an application's service, a migration path's source host. Undefined when it is gone.
 */
export function targetOf(
  object: AlertObject,
  fleet: FleetSnapshot | undefined,
  catalog: ServiceCatalog | undefined,
): JumpTarget | undefined {
  const host = (id: string): JumpTarget | undefined => {
    const found = fleet?.hosts.find((h) => h.config.id === id);
    return found && { kind: 'host', hostId: found.config.id };
  };
  switch (object.kind) {
    case 'host':
      return host(object.id);
    case 'path':
      return host(object.id.split('→')[0] ?? '');
    case 'vm': {
      const vm = fleet?.vms.find((v) => v.id === object.id);
      return vm && { kind: 'vm', hostId: vm.hostId, vmId: vm.id };
    }
    case 'service':
    case 'application': {
      const bundle = catalog?.services.find((b) =>
        object.kind === 'service'
          ? b.service.id === object.id
          : b.applications.some((a) => a.id === object.id),
      );
      return bundle && { kind: 'service', serviceId: bundle.service.id };
    }
  }
}

/**
 * Jumps to an alert's object: closes the alerts dialog, selects the host or VM (its details open)
 * and brings its card into view with the focus on it, or opens the services panel on the service.
 */
export function useJumpTo(): {
  targetOf: (object: AlertObject) => JumpTarget | undefined;
  jump: (target: JumpTarget) => void;
} {
  const { data: fleet } = useFleet();
  const { data: catalog } = useServices();
  const find = useCallback(
    (object: AlertObject) => targetOf(object, fleet, catalog),
    [fleet, catalog],
  );
  const jump = useCallback((target: JumpTarget) => {
    useUiStore.getState().openAlerts(null);
    goTo(target);
  }, []);
  return { targetOf: find, jump };
}

/**
 * Takes the admin to a host or a VM (selected, so its details open; its card brought into view in
 * the topology with the focus on it) or a service (the services panel opens on it). The alerts'
 * jump and the search box's Enter both come here.
 */
export function goTo(target: JumpTarget): void {
  const ui = useUiStore.getState();
  if (target.kind === 'service') {
    ui.setSidePanelOpen(true);
    ui.selectService(target.serviceId);
    return;
  }
  ui.select(target);
  // From the heat map too: the topology is where the card is.
  ui.setMainView('topology');
  // The card may be far down, not drawn: the topology scrolls to its row, then focuses it.
  revealInTopology({
    hostId: target.hostId,
    vmId: target.kind === 'vm' ? target.vmId : undefined,
    focus: true,
  });
}
