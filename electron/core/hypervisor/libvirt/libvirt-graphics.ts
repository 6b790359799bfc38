import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { TerminalChannel, TerminalHandlers } from '../../ssh/remote-shell';
import { run, virsh, type DriverContext } from './driver-context';
import { vncListener } from './parse-graphics';
import { isUuid } from './parse-domain-list';
import { libvirtReason } from './virsh-batch';

/**
 * The VM's VNC display as a byte stream: its live XML says where QEMU listens on the host, and the
 * host's SSH connection opens a channel to it (no port opened on the network, no agent). The RFB
 * protocol itself is spoken by the window (noVNC); the core only carries its bytes.
 */
export async function openVncStream(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
  handlers: TerminalHandlers,
): Promise<TerminalChannel> {
  const what = `Couldn't open the graphical console of VM '${name ?? vmId}' on ${ctx.hostName}`;
  const refuse = (code: 'invalid-request' | 'not-found' | 'command-failed', why: string) =>
    new AppError(code, `${what}: ${why}`, { hostId: ctx.hostId });
  if (!isUuid(vmId)) throw refuse('invalid-request', `'${vmId}' is not a libvirt UUID`);
  const forward = ctx.shell.forward?.bind(ctx.shell);
  if (forward === undefined) throw refuse('invalid-request', 'this connection cannot forward');
  const xml = await run(
    ctx,
    virsh(ctx, 'dumpxml', vmId),
    ctx.timeouts.queryMs,
    `open the graphical console of VM '${name ?? vmId}'`,
  );
  if (xml.code !== 0) {
    const reason = libvirtReason(xml.stderr);
    throw refuse(
      /failed to get domain|Domain not found/i.test(reason) ? 'not-found' : 'command-failed',
      reason,
    );
  }
  const listener = vncListener(xml.stdout);
  if (listener.kind === 'none') throw refuse('invalid-request', listener.why);
  if (listener.kind === 'socket') {
    throw refuse(
      'invalid-request',
      `its VNC display listens on a UNIX socket (${listener.path}), which this console does not reach yet; give it a TCP listener on 127.0.0.1`,
    );
  }
  try {
    return await forward(listener.address, listener.port, handlers);
  } catch (thrown) {
    const error = AppError.from(thrown);
    throw new AppError(error.code, `${what}: ${error.message}`, {
      hostId: ctx.hostId,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    });
  }
}
