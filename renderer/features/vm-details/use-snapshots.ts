import { useMutation, useQuery } from '@tanstack/react-query';
import type { Vm } from '../../../shared/domain';
import type { SnapshotRequest } from '../../../shared/domain/snapshot';
import { useClient } from '../../api/api-context';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';

/** A VM's snapshots, read from its host when the VM is opened and again when its state changes. */
export function useSnapshots(vm: Vm, hostConnected: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: ['vms', 'snapshots', vm.id, vm.state],
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
