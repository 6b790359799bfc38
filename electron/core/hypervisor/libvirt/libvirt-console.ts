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
  const serial = consoleOf(ctx, vmId, name, 'serial');
  if (ctx.shell.terminal === undefined) {
    throw serial.refuse('invalid-request', 'this connection cannot open terminals');
  }
  if (!parseDomainDevices(await serial.liveXml()).hasSerial) {
    throw serial.refuse(
      'invalid-request',
      "it has no serial device (its definition has no <serial> or <console>; add <serial type='pty'/> and restart it)",
    );
  }
  return ctx.shell.terminal(virsh(ctx, 'console', vmId, '--force'), size, handlers);
}

type RefusalCode = 'invalid-request' | 'not-found' | 'command-failed';

/**
 * What opening either console of a VM starts with: a refusal that names the console, the VM and
 * the host, and the domain's live XML (which says whether it has the device and where it listens),
 * libvirt's reason in words when it cannot be read.
 */
export function consoleOf(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
  kind: 'serial' | 'graphical',
) {
  const what = `Couldn't open the ${kind} console of VM '${name ?? vmId}' on ${ctx.hostName}`;
  const refuse = (code: RefusalCode, why: string, detail?: string): AppError =>
    new AppError(code, `${what}: ${why}`, { hostId: ctx.hostId, ...(detail ? { detail } : {}) });
  if (!isUuid(vmId)) throw refuse('invalid-request', `'${vmId}' is not a libvirt UUID`);
  return {
    what,
    refuse,
    liveXml: async (): Promise<string> => {
      const xml = await run(
        ctx,
        virsh(ctx, 'dumpxml', vmId),
        ctx.timeouts.queryMs,
        `open the ${kind} console of VM '${name ?? vmId}'`,
      );
      if (xml.code === 0) return xml.stdout;
      const reason = libvirtReason(xml.stderr);
      throw refuse(
        /failed to get domain|Domain not found/i.test(reason) ? 'not-found' : 'command-failed',
        reason,
        xml.stderr.trim(),
      );
    },
  };
}
