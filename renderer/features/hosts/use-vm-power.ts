import { useMutation } from '@tanstack/react-query';
import type { VmAction } from '../../../shared/contract/requests';
import type { Host, Vm } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { vmStateView } from '../topology/state-view';
import { vmActionAllowed } from './host-action-words';

export interface PowerTarget {
  vm: Vm;
  host: Host | undefined;
}

/**
 * The VMs a power button acts on: the multi-selection when the shown VM is in it, else that VM.
 * Never one of several silently.
 */
export function usePowerTargets(vm: Vm, host: Host | undefined): PowerTarget[] {
  const picked = useUiStore((s) => s.vmSelection);
  const { data: fleet } = useFleet();
  if (!picked.includes(vm.id) || picked.length < 2 || !fleet) return [{ vm, host }];
  return picked.flatMap((id) => {
    const found = fleet.vms.find((candidate) => candidate.id === id);
    if (!found) return [];
    return [{ vm: found, host: fleet.hosts.find((h) => h.config.id === found.hostId) }];
  });
}

/** Why an action cannot run on every target, in words; undefined when it can. */
export function powerBlocked(
  action: VmAction,
  targets: readonly PowerTarget[],
): string | undefined {
  for (const { vm, host } of targets) {
    if (host?.state !== 'connected') {
      return `${vm.name}: host ${host?.config.name ?? vm.hostId} is not connected`;
    }
    if (!vmActionAllowed(action, vm.state)) {
      return `${vm.name} is ${vmStateView(vm.state).label.toLowerCase()}`;
    }
  }
  return undefined;
}

/**
 * Runs one action on every target, one after another (each is a virsh call on its own host);
 * a failure does not stop the rest, and the error names each VM that failed.
 */
export function useVmPower(targets: readonly PowerTarget[]) {
  const client = useClient();
  return useMutation({
    mutationFn: async (action: VmAction) => {
      const failed: { vm: Vm; error: AppError }[] = [];
      for (const { vm } of targets) {
        try {
          await client.call('vms:action', { hostId: vm.hostId, vmId: vm.id, action });
        } catch (thrown) {
          failed.push({ vm, error: AppError.from(thrown) });
        }
      }
      const [first] = failed;
      if (!first) return null;
      if (targets.length === 1) throw first.error;
      throw new AppError(
        first.error.code,
        failed.map(({ vm, error }) => `${vm.name}: ${error.message}`).join('; '),
        { detail: failed.flatMap(({ error }) => (error.detail ? [error.detail] : [])).join('\n') },
      );
    },
  });
}
