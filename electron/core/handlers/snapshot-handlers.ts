import type { HostId, VmId } from '../../../shared/domain/ids';
import type { SnapshotRequest } from '../../../shared/domain/snapshot';
import { AppError } from '../../../shared/errors';
import { snapshotTitle } from '../../../shared/words/snapshot-words';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import { planningView } from '../context/planning-view';
import type { SnapshotOperations } from '../hypervisor/hypervisor-driver';
import { planSnapshot } from '../snapshots/plan-snapshot';
import type { Handlers } from './handler-types';

/**
 * A VM's snapshots: read over its host's link, and each change proposed as a plan planned from
 * the snapshots as the host lists them now (so the review's "since …" is the host's truth).
 */
export function snapshotHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'vms:snapshots' | 'vms:plan-snapshot'> {
  const vmName = (hostId: HostId, vmId: VmId): string =>
    ctx.hosts.get(hostId)?.vms.find((vm) => vm.id === vmId)?.name ?? vmId;
  const snapshotsOf = async (hostId: HostId, vmId: VmId): Promise<SnapshotOperations> => {
    const entry = requireHost(ctx, hostId);
    if (!entry.vms.some((vm) => vm.id === vmId)) {
      throw new AppError('not-found', 'the host does not report this VM (removed or moved?)', {
        hostId,
      });
    }
    const ops = await entry.link.hypervisor();
    if (ops.snapshots === undefined) {
      throw new AppError('invalid-request', 'this host offers no snapshots', { hostId });
    }
    return ops.snapshots;
  };
  return {
    'vms:snapshots': (req) =>
      attempt(
        `Couldn't read the snapshots of VM ${vmName(req.hostId, req.vmId)} on host ${hostName(ctx, req.hostId)}`,
        async () => (await snapshotsOf(req.hostId, req.vmId)).list(req.vmId),
      ),
    'vms:plan-snapshot': (req) =>
      attempt(
        `Couldn't plan to ${verb(req, vmName(req.hostId, req.vmId))} on host ${hostName(ctx, req.hostId)}`,
        async () => {
          const listed = await (await snapshotsOf(req.hostId, req.vmId)).list(req.vmId);
          return ctx.plans.propose(planSnapshot(req, planningView(ctx), listed));
        },
      ),
  };
}

/** "take snapshot “x” of web-1", from the plan's own title words. */
function verb(req: SnapshotRequest, vm: string): string {
  const title = snapshotTitle(req.action, req.name, vm);
  return title.charAt(0).toLowerCase() + title.slice(1);
}
