import type { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import type { HostOperations } from '../hosts/host-link';
import type { Handlers } from './handler-types';

/**
 * A VM's details and its autostart, over its host's link (real or demo). The driver's own errors
 * already name the action, the VM and the host; only finding the VM and its host is prefixed here.
 */
export function vmDetailHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'vms:details' | 'vms:set-autostart'> {
  const hypervisorOf = (action: string, hostId: HostId, vmId: VmId): Promise<HostOperations> => {
    const name = ctx.hosts.get(hostId)?.vms.find((vm) => vm.id === vmId)?.name ?? vmId;
    return attempt(`Couldn't ${action} VM ${name} on host ${hostName(ctx, hostId)}`, () => {
      const entry = requireHost(ctx, hostId);
      if (!entry.vms.some((vm) => vm.id === vmId)) {
        throw new AppError('not-found', 'no such VM on this host', { hostId });
      }
      return entry.link.hypervisor();
    });
  };
  return {
    'vms:details': async (req) =>
      (await hypervisorOf('read the details of', req.hostId, req.vmId)).vmDetails(req.vmId),

    'vms:set-autostart': async (req) => {
      const action = `turn ${req.autostart ? 'on' : 'off'} autostart of`;
      const hypervisor = await hypervisorOf(action, req.hostId, req.vmId);
      await hypervisor.setAutostart(req.vmId, req.autostart);
      return null;
    },
  };
}
