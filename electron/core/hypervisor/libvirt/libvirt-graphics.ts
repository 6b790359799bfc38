import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { TerminalHandlers } from '../../ssh/remote-shell';
import type { GraphicalStream } from '../hypervisor-driver';
import type { DriverContext } from './driver-context';
import { consoleOf } from './libvirt-console';
import { displayListener } from './parse-graphics';

/**
 * The VM's graphical display (VNC, else SPICE) as a byte stream: its live XML says where QEMU
 * listens on the host, and the host's SSH connection opens a channel to it (no port opened on the
 * network, no agent). The protocol itself is spoken by the window (noVNC, spice-html5); the core
 * only carries its bytes. A SPICE display's further channels are further connections to the same
 * listener (`another`).
 */
export async function openDisplayStream(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
  handlers: TerminalHandlers,
): Promise<GraphicalStream> {
  const display = consoleOf(ctx, vmId, name, 'graphical');
  const forward = ctx.shell.forward?.bind(ctx.shell);
  if (forward === undefined)
    throw display.refuse('invalid-request', 'this connection cannot forward');
  const listener = displayListener(await display.liveXml());
  if (listener.kind === 'none') throw display.refuse('invalid-request', listener.why);
  if (listener.kind === 'socket') {
    const name = listener.protocol === 'vnc' ? 'VNC' : 'SPICE';
    throw display.refuse(
      'invalid-request',
      `its ${name} display listens on a UNIX socket (${listener.path}), which this console does not reach yet; give it a TCP listener on 127.0.0.1`,
    );
  }
  const { address, port, protocol } = listener;
  const inWords = (thrown: unknown): AppError => {
    const error = AppError.from(thrown);
    return new AppError(error.code, `${display.what}: ${error.message}`, {
      hostId: ctx.hostId,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    });
  };
  try {
    const channel = await forward(address, port, handlers);
    if (protocol === 'vnc') return { ...channel, protocol };
    return {
      ...channel,
      protocol,
      another: (more) => forward(address, port, more, { partOf: true }).catch((thrown) => {
        throw inWords(thrown);
      }),
    };
  } catch (thrown) {
    throw inWords(thrown);
  }
}
