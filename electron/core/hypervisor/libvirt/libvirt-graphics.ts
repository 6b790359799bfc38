import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { TerminalChannel, TerminalHandlers } from '../../ssh/remote-shell';
import type { DriverContext } from './driver-context';
import { consoleOf } from './libvirt-console';
import { vncListener } from './parse-graphics';

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
  const display = consoleOf(ctx, vmId, name, 'graphical');
  const forward = ctx.shell.forward?.bind(ctx.shell);
  if (forward === undefined)
    throw display.refuse('invalid-request', 'this connection cannot forward');
  const listener = vncListener(await display.liveXml());
  if (listener.kind === 'none') throw display.refuse('invalid-request', listener.why);
  if (listener.kind === 'socket') {
    throw display.refuse(
      'invalid-request',
      `its VNC display listens on a UNIX socket (${listener.path}), which this console does not reach yet; give it a TCP listener on 127.0.0.1`,
    );
  }
  try {
    return await forward(listener.address, listener.port, handlers);
  } catch (thrown) {
    const error = AppError.from(thrown);
    throw new AppError(error.code, `${display.what}: ${error.message}`, {
      hostId: ctx.hostId,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    });
  }
}
