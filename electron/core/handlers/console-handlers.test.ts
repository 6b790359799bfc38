import { describe, expect, it } from 'vitest';
import { SPICE_MAX_CHANNELS } from '../../../shared/domain/console';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { ConsoleManager } from '../consoles/console-manager';
import type { CoreContext } from '../context/core-context';
import { createEventHub } from '../events/event-hub';
import type { GraphicalStream } from '../hypervisor/hypervisor-driver';
import type { TerminalChannel, TerminalHandlers } from '../ssh/remote-shell';
import { consoleHandlers } from './console-handlers';

const hostId = 'h1' as HostId;
const vmId = 'vm-1' as VmId;

/** A host whose one VM has a display of `protocol`; each stream it opens is kept, to end or check. */
function setup(protocol: 'vnc' | 'spice') {
  const streams: { handlers: TerminalHandlers; closed: boolean; partOf: boolean }[] = [];
  const stream = (handlers: TerminalHandlers, partOf: boolean): TerminalChannel => {
    const entry = { handlers, closed: false, partOf };
    streams.push(entry);
    return {
      write: () => undefined,
      resize: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
      close: () => {
        if (entry.closed) return;
        entry.closed = true;
        handlers.onClose({ code: null });
      },
    };
  };
  const openGraphics = (_vm: VmId, handlers: TerminalHandlers): Promise<GraphicalStream> =>
    Promise.resolve({
      ...stream(handlers, false),
      protocol,
      ...(protocol === 'spice'
        ? { another: (more: TerminalHandlers) => Promise.resolve(stream(more, true)) }
        : {}),
    });
  const entry = {
    config: { id: hostId, name: 'hv1' },
    vms: [{ id: vmId, name: 'web 1' }],
    link: { hypervisor: () => Promise.resolve({ openGraphics }) },
  };
  const hub = createEventHub((error) => {
    throw error;
  });
  const consoles = new ConsoleManager(hub);
  const ctx = { hosts: { get: () => entry }, consoles } as unknown as CoreContext;
  return { handlers: consoleHandlers(ctx), consoles, streams };
}

describe('a SPICE display in the core', () => {
  it('says its protocol, opens further channels as part of it, and closes them all with it', async () => {
    const { handlers, consoles, streams } = setup('spice');
    const opened = await handlers['console:open-graphics']({ hostId, vmId });
    expect(opened.protocol).toBe('spice');
    const channels = [];
    for (let n = 1; n < SPICE_MAX_CHANNELS; n += 1) {
      channels.push(await handlers['console:open-channel']({ consoleId: opened.consoleId }));
    }
    expect(streams.map((s) => s.partOf)).toEqual([
      false,
      ...Array<boolean>(SPICE_MAX_CHANNELS - 1).fill(true),
    ]);
    await expect(
      handlers['console:open-channel']({ consoleId: opened.consoleId }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `The graphical console of VM web 1 on hv1 already has ${SPICE_MAX_CHANNELS} SPICE channels open: no more are opened`,
    });
    await handlers['console:close']({ consoleId: opened.consoleId });
    expect(streams.every((s) => s.closed)).toBe(true);
    for (const { consoleId } of [opened, ...channels]) expect(consoles.has(consoleId)).toBe(false);
    await expect(
      handlers['console:open-channel']({ consoleId: opened.consoleId }),
    ).rejects.toMatchObject({ code: 'not-found', message: 'that graphical console is closed' });
  });

  it('a channel closed by the window frees its place; a VNC display has one connection only', async () => {
    const spice = setup('spice');
    const opened = await spice.handlers['console:open-graphics']({ hostId, vmId });
    const channel = await spice.handlers['console:open-channel']({ consoleId: opened.consoleId });
    await spice.handlers['console:close'](channel);
    expect(spice.streams.map((s) => s.closed)).toEqual([false, true]);
    expect(spice.consoles.has(opened.consoleId)).toBe(true);

    const vnc = setup('vnc');
    const display = await vnc.handlers['console:open-graphics']({ hostId, vmId });
    expect(display.protocol).toBe('vnc');
    await expect(vnc.handlers['console:open-channel'](display)).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'The graphical console of VM web 1 on hv1 has one connection only (VNC)',
    });
  });
});
