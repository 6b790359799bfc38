import { SPICE_MAX_CHANNELS } from '../../../shared/domain/console';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import type { GraphicalStream } from '../hypervisor/hypervisor-driver';
import { VIRSH_CONSOLE_ESCAPE } from '../hypervisor/libvirt/libvirt-console';
import type { Handlers } from './handler-types';

type ConsoleHandlers = Pick<
  Handlers,
  | 'console:open'
  | 'console:open-graphics'
  | 'console:open-channel'
  | 'console:input'
  | 'console:resize'
  | 'console:ack'
  | 'console:close'
>;

/** A graphical console the window holds: how to open more of its channels, and those open. */
interface Graphical {
  what: string;
  another: GraphicalStream['another'];
  channels: Set<string>;
}

/**
 * Serial and graphical consoles over each host's link; the bytes travel as console:output events.
 * A serial console is asked to end with virsh's escape; a graphical one is a plain stream, closed,
 * and with it every further channel of its SPICE display.
 */
export function consoleHandlers(ctx: CoreContext): ConsoleHandlers {
  const consoles = ctx.consoles;
  const graphical = new Map<string, Graphical>();
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
  /** Forget graphical consoles that ended on their own (the VM stopped, the host went away). */
  const sweep = (): void => {
    for (const [id, display] of graphical) {
      if (consoles.has(id)) continue;
      for (const channel of display.channels) consoles.close(channel);
      graphical.delete(id);
    }
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
      sweep();
      const { hypervisor, what } = await reach(req, 'graphical');
      const { openGraphics } = hypervisor;
      if (openGraphics === undefined) {
        throw new AppError(
          'invalid-request',
          `${what} cannot be opened: this host's VMs have no graphical display (the demo fleet's are simulated; add a real host to see one)`,
          { hostId: req.hostId },
        );
      }
      let stream: GraphicalStream | undefined;
      const consoleId = await consoles.open(what, async (handlers) => {
        stream = await openGraphics.call(hypervisor, req.vmId, handlers);
        return stream;
      });
      const protocol = stream?.protocol ?? 'vnc';
      graphical.set(consoleId, { what, another: stream?.another, channels: new Set() });
      return { consoleId, protocol };
    },
    'console:open-channel': async (req) => {
      const display = graphical.get(req.consoleId);
      if (display === undefined || !consoles.has(req.consoleId)) {
        throw new AppError('not-found', 'that graphical console is closed');
      }
      const { another } = display;
      if (another === undefined) {
        throw new AppError('invalid-request', `${display.what} has one connection only (VNC)`);
      }
      for (const channel of display.channels) {
        if (!consoles.has(channel)) display.channels.delete(channel);
      }
      if (display.channels.size + 1 >= SPICE_MAX_CHANNELS) {
        throw new AppError(
          'conflict',
          `${display.what} already has ${SPICE_MAX_CHANNELS} SPICE channels open: no more are opened`,
        );
      }
      const consoleId = await consoles.open(`${display.what} (a SPICE channel)`, (handlers) =>
        another(handlers),
      );
      display.channels.add(consoleId);
      return { consoleId };
    },
    'console:input': (req) => quietly(() => consoles.input(req.consoleId, req.data, req.encoding)),
    'console:resize': (req) => quietly(() => consoles.resize(req.consoleId, req.size)),
    'console:ack': (req) => quietly(() => consoles.ack(req.consoleId, req.bytes)),
    // virsh console's escape ends it on the host; the channel then closes the normal way.
    'console:close': (req) =>
      quietly(() => {
        const display = graphical.get(req.consoleId);
        const isChannel = [...graphical.values()].some((g) => g.channels.has(req.consoleId));
        if (display !== undefined) {
          graphical.delete(req.consoleId);
          for (const channel of display.channels) consoles.close(channel);
        }
        const farewell = display !== undefined || isChannel ? undefined : VIRSH_CONSOLE_ESCAPE;
        consoles.close(req.consoleId, farewell);
      }),
  };
}
