import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { TerminalChannel, TerminalHandlers, TerminalSize } from '../../ssh/remote-shell';
import { run, virsh, type DriverContext } from './driver-context';
import { isUuid } from './parse-domain-list';
import { parseDomainDevices } from './parse-vm-devices';
import { libvirtReason } from './virsh-batch';

/** virsh console's own way out (Ctrl+]): the program ends and its channel closes the normal way. */
export const VIRSH_CONSOLE_ESCAPE = '\x1d';

/**
 * `virsh console UUID --force` on a pseudo-terminal over the host's connection (--force takes the
 * console from another client, as virt-manager does). A VM without a serial or console device is
 * refused in words first: libvirt itself only says "cannot find character device <null>".
 */
export async function openSerialConsole(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
  size: TerminalSize,
  handlers: TerminalHandlers,
): Promise<TerminalChannel> {
  const what = `Couldn't open the serial console of VM '${name ?? vmId}' on ${ctx.hostName}`;
  const refuse = (
    code: 'invalid-request' | 'not-found' | 'command-failed',
    why: string,
    detail?: string,
  ) => new AppError(code, `${what}: ${why}`, { hostId: ctx.hostId, ...(detail ? { detail } : {}) });
  if (!isUuid(vmId)) throw refuse('invalid-request', `'${vmId}' is not a libvirt UUID`);
  if (ctx.shell.terminal === undefined) {
    throw refuse('invalid-request', 'this connection cannot open terminals');
  }
  const xml = await run(
    ctx,
    virsh(ctx, 'dumpxml', vmId),
    ctx.timeouts.queryMs,
    `open the serial console of VM '${name ?? vmId}'`,
  );
  if (xml.code !== 0) {
    const reason = libvirtReason(xml.stderr);
    throw refuse(
      /failed to get domain|Domain not found/i.test(reason) ? 'not-found' : 'command-failed',
      reason,
      xml.stderr.trim(),
    );
  }
  if (!parseDomainDevices(xml.stdout).hasSerial) {
    throw refuse(
      'invalid-request',
      "it has no serial device (its definition has no <serial> or <console>; add <serial type='pty'/> and restart it)",
    );
  }
  return ctx.shell.terminal(virsh(ctx, 'console', vmId, '--force'), size, handlers);
}
