import type { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import { VIRSH_CONSOLE_ESCAPE } from '../hypervisor/libvirt/libvirt-console';
import type { Handlers } from './handler-types';

type ConsoleHandlers = Pick<
  Handlers,
  | 'console:open'
  | 'console:open-graphics'
  | 'console:input'
  | 'console:resize'
  | 'console:ack'
  | 'console:close'
>;

/**
 * Serial and graphical consoles over each host's link; the bytes travel as console:output events.
 * A serial console is asked to end with virsh's escape; a graphical one is a plain stream, closed.
 */
export function consoleHandlers(ctx: CoreContext): ConsoleHandlers {
  const consoles = ctx.consoles;
  const graphical = new Set<string>();
  const quietly = (run: () => void): Promise<null> => {
    run();
    return Promise.resolve(null);
  };
  /** The VM's name and its host's hypervisor, or the refusal in words. */
  const reach = async (req: { hostId: HostId; vmId: VmId }, kind: 'serial' | 'graphical') => {
    const vmName = ctx.hosts.get(req.hostId)?.vms.find((vm) => vm.id === req.vmId)?.name;
    const host = hostName(ctx, req.hostId);
    const hypervisor = await attempt(
      `Couldn't open the ${kind} console of VM ${vmName ?? req.vmId} on host ${host}`,
      () => {
        const entry = requireHost(ctx, req.hostId);
        if (vmName === undefined) {
          throw new AppError('not-found', 'no such VM on this host', { hostId: req.hostId });
        }
        return entry.link.hypervisor();
      },
    );
    return { hypervisor, what: `The ${kind} console of VM ${vmName ?? req.vmId} on ${host}` };
  };
  return {
    'console:open': async (req) => {
      const { hypervisor, what } = await reach(req, 'serial');
      const consoleId = await consoles.open(what, (handlers) =>
        hypervisor.openConsole(req.vmId, req.size, handlers),
      );
      return { consoleId };
    },
    'console:open-graphics': async (req) => {
      const { hypervisor, what } = await reach(req, 'graphical');
      const { openGraphics } = hypervisor;
      if (openGraphics === undefined) {
        throw new AppError(
          'invalid-request',
          `${what} cannot be opened: this host's VMs have no graphical display (the demo fleet's are simulated; add a real host to see one)`,
          { hostId: req.hostId },
        );
      }
      const consoleId = await consoles.open(what, (handlers) =>
        openGraphics.call(hypervisor, req.vmId, handlers),
      );
      graphical.add(consoleId);
      return { consoleId };
    },
    'console:input': (req) => quietly(() => consoles.input(req.consoleId, req.data, req.encoding)),
    'console:resize': (req) => quietly(() => consoles.resize(req.consoleId, req.size)),
    'console:ack': (req) => quietly(() => consoles.ack(req.consoleId, req.bytes)),
    // virsh console's escape ends it on the host; the channel then closes the normal way.
    'console:close': (req) =>
      quietly(() => {
        const farewell = graphical.delete(req.consoleId) ? undefined : VIRSH_CONSOLE_ESCAPE;
        consoles.close(req.consoleId, farewell);
      }),
  };
}
