import type { VmAction } from '../../../../shared/contract/requests';
import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import { virsh, type DriverContext } from './driver-context';
import { isUuid } from './parse-domain-list';
import { libvirtReason } from './virsh-batch';

/** Fixed templates: the action is a virsh verb, the VM is addressed by UUID, never by name. */
const VERBS: Record<VmAction, string> = {
  start: 'start',
  shutdown: 'shutdown',
  destroy: 'destroy',
  reboot: 'reboot',
  suspend: 'suspend',
  resume: 'resume',
};

export async function performAction(
  ctx: DriverContext,
  vmId: VmId,
  action: VmAction,
  name: string | undefined,
): Promise<void> {
  const what = `Couldn't ${action} VM '${name ?? vmId}' on ${ctx.hostName}`;
  if (!isUuid(vmId)) {
    throw new AppError('invalid-request', `${what}: '${vmId}' is not a libvirt UUID`, {
      hostId: ctx.hostId,
    });
  }
  let result;
  try {
    result = await ctx.shell.exec(virsh(ctx, VERBS[action], vmId), {
      timeoutMs: ctx.timeouts.actionMs,
      maxOutputBytes: SMALL_OUTPUT_BYTES,
    });
  } catch (thrown) {
    throw AppError.from(thrown).during(what);
  }
  if (result.code === 0) return;
  const reason = libvirtReason(result.stderr);
  const code = /failed to get domain|Domain not found/i.test(reason)
    ? 'not-found'
    : 'command-failed';
  throw new AppError(code, `${what}: ${reason}`, {
    hostId: ctx.hostId,
    detail: result.stderr.trim(),
  });
}
