import { useMutation, useQuery } from '@tanstack/react-query';
import type { Vm } from '../../../shared/domain';
import type { SnapshotRequest } from '../../../shared/domain/snapshot';
import { useClient } from '../../api/api-context';
import { usePlans } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';

/** A VM's snapshots, read from its host when the VM is opened and again when its state changes. */
export function useSnapshots(vm: Vm, hostConnected: boolean) {
  const client = useClient();
  // A snapshot plan of this VM that ended changed the list (a new one, the current one, one gone)
  // though maybe not the VM's state: the key carries how many have ended, so the list is read again.
  const { data: plans } = usePlans();
  const ended =
    plans?.filter(
      (p) =>
        p.kind === 'snapshot' &&
        (p.status === 'done' || p.status === 'failed') &&
        p.steps.some((s) => s.vmId === vm.id),
    ).length ?? 0;
  return useQuery({
    queryKey: ['vms', 'snapshots', vm.id, vm.state, ended],
    queryFn: () => client.call('vms:snapshots', { hostId: vm.hostId, vmId: vm.id }),
    enabled: hostConnected,
    staleTime: 0,
    retry: false,
  });
}

/** Propose a snapshot action; its plan opens in the review, where the admin approves or not. */
export function useProposeSnapshot() {
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  return useMutation({
    mutationFn: (request: SnapshotRequest) => client.call('vms:plan-snapshot', request),
    onSuccess: (plan) => {
      writePlan(plan);
      openReview(plan.id);
    },
  });
}
