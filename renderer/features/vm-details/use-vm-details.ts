import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Vm } from '../../../shared/domain';
import { useClient } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

/** A VM's full details, read from its host when the VM is opened (and again when its state changes). */
export function useVmDetails(vm: Vm, hostConnected: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.vmDetails(vm.id, vm.state),
    queryFn: () => client.call('vms:details', { hostId: vm.hostId, vmId: vm.id }),
    enabled: hostConnected,
    // A host's answer is a moment's truth: read again on open, never retried in a loop.
    staleTime: 0,
    retry: false,
  });
}

/** Turn autostart on or off, then read the details again so the toggle shows what libvirt says. */
export function useSetAutostart(vm: Vm) {
  const client = useClient();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (autostart: boolean) =>
      client.call('vms:set-autostart', { hostId: vm.hostId, vmId: vm.id, autostart }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['vms', 'details', vm.id] }),
  });
}

/** The VMs marked HA (kept by the console, not the host). */
export function useHaMarks() {
  const client = useClient();
  return useQuery({
    queryKey: ['recovery', 'ha-marks'],
    queryFn: () => client.call('recovery:ha-marks', {}),
  });
}

/** Mark or unmark one VM HA, then read the marks again. */
export function useSetHa(vm: Vm) {
  const client = useClient();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (ha: boolean) => client.call('recovery:set-ha', { vmId: vm.id, ha }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['recovery', 'ha-marks'] }),
  });
}
