import { AppError } from '../../../shared/errors';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import { VIRSH_CONSOLE_ESCAPE } from '../hypervisor/libvirt/libvirt-console';
import type { Handlers } from './handler-types';

type ConsoleHandlers = Pick<
  Handlers,
  'console:open' | 'console:input' | 'console:resize' | 'console:ack' | 'console:close'
>;

/** Serial consoles over each host's link; the bytes travel as console:output events. */
export function consoleHandlers(ctx: CoreContext): ConsoleHandlers {
  const consoles = ctx.consoles;
  const quietly = (run: () => void): Promise<null> => {
    run();
    return Promise.resolve(null);
  };
  return {
    'console:open': async (req) => {
      const vmName = ctx.hosts.get(req.hostId)?.vms.find((vm) => vm.id === req.vmId)?.name;
      const host = hostName(ctx, req.hostId);
      const hypervisor = await attempt(
        `Couldn't open the serial console of VM ${vmName ?? req.vmId} on host ${host}`,
        () => {
          const entry = requireHost(ctx, req.hostId);
          if (vmName === undefined) {
            throw new AppError('not-found', 'no such VM on this host', { hostId: req.hostId });
          }
          return entry.link.hypervisor();
        },
      );
      const what = `The serial console of VM ${vmName ?? req.vmId} on ${host}`;
      const consoleId = await consoles.open(what, (handlers) =>
        hypervisor.openConsole(req.vmId, req.size, handlers),
      );
      return { consoleId };
    },
    'console:input': (req) => quietly(() => consoles.input(req.consoleId, req.data)),
    'console:resize': (req) => quietly(() => consoles.resize(req.consoleId, req.size)),
    'console:ack': (req) => quietly(() => consoles.ack(req.consoleId, req.bytes)),
    // virsh console's escape ends it on the host; the channel then closes the normal way.
    'console:close': (req) => quietly(() => consoles.close(req.consoleId, VIRSH_CONSOLE_ESCAPE)),
  };
}
