import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONSOLE_UNACKED_BYTES } from '../../../shared/domain/console';
import { AppError } from '../../../shared/errors';
import { createEventHub } from '../events/event-hub';
import type { TerminalChannel, TerminalHandlers } from '../ssh/remote-shell';
import { ConsoleManager } from './console-manager';

/** A terminal whose program the test plays: it records what the manager does to it. */
function fakeTerminal() {
  const calls: string[] = [];
  let handlers: TerminalHandlers | undefined;
  const channel: TerminalChannel = {
    write: (data) => calls.push(`write ${data.toString()}`),
    resize: (size) => calls.push(`resize ${size.cols}x${size.rows}`),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    close: (farewell) => calls.push(`close ${JSON.stringify(farewell)}`),
  };
  return {
    calls,
    start: (h: TerminalHandlers) => {
      handlers = h;
      return Promise.resolve(channel);
    },
    say: (text: string | Buffer) => handlers?.onData(Buffer.from(text)),
    end: (end: { code: number | null; error?: AppError }) => handlers?.onClose(end),
  };
}

function setup() {
  const hub = createEventHub((error) => {
    throw error;
  });
  const output: string[] = [];
  const closed: { consoleId: string; message?: string | undefined }[] = [];
  hub.on('console:output', (e) => output.push(Buffer.from(e.data, 'base64').toString()));
  hub.on('console:closed', (e) => closed.push(e));
  let now = 0;
  const manager = new ConsoleManager(hub, () => now, 1_000_000);
  return { manager, output, closed, advance: (ms: number) => (now += ms) };
}

afterEach(() => vi.useRealTimers());

describe('serial consoles in the core', () => {
  it('holds output until the window listens, then sends it in order', async () => {
    vi.useFakeTimers();
    const { manager, output } = setup();
    const term = fakeTerminal();
    const id = await manager.open('The serial console of VM web-1 on hv1', term.start);
    term.say("Connected to domain 'web-1'\r\n");
    await vi.advanceTimersByTimeAsync(20);
    expect(output).toEqual([]);
    manager.ack(id, 0);
    term.say('/ # ');
    await vi.advanceTimersByTimeAsync(20);
    expect(output.join('')).toBe("Connected to domain 'web-1'\r\n/ # ");
    manager.input(id, 'echo hello\r');
    manager.resize(id, { cols: 100, rows: 30 });
    expect(term.calls).toEqual(['write echo hello\r', 'resize 100x30']);
  });

  it('stops reading past the unacknowledged limit and reads again once the window catches up', async () => {
    vi.useFakeTimers();
    const { manager, output } = setup();
    const term = fakeTerminal();
    const id = await manager.open('x', term.start);
    manager.ack(id, 0);
    const block = 'y'.repeat(64 * 1024);
    for (let sent = 0; sent <= CONSOLE_UNACKED_BYTES; sent += block.length) term.say(block);
    expect(term.calls).toEqual(['pause']);
    await vi.advanceTimersByTimeAsync(20);
    // Sent in bounded pieces: none larger than 32 KiB.
    expect(Math.max(...output.map((o) => o.length))).toBeLessThanOrEqual(32 * 1024);
    manager.ack(id, 64 * 1024);
    expect(term.calls).toEqual(['pause']); // still over half the limit
    manager.ack(id, CONSOLE_UNACKED_BYTES);
    expect(term.calls).toEqual(['pause', 'resume']);
  });

  it("closes the channel with virsh's escape when the window closes it, and says nothing more", async () => {
    const { manager, closed } = setup();
    const term = fakeTerminal();
    const id = await manager.open('x', term.start);
    manager.ack(id, 0);
    manager.close(id, '\x1d');
    expect(term.calls).toEqual(['close "\\u001d"']);
    term.end({ code: 0 });
    expect(closed).toEqual([{ consoleId: id }]);
    expect(manager.count).toBe(0);
    expect(() => manager.input(id, 'x')).toThrow('that console is closed');
  });

  it("says why a console ended: virsh's error from the terminal, or the lost connection", async () => {
    const { manager, closed } = setup();
    const term = fakeTerminal();
    const id = await manager.open('The serial console of VM web-1 on hv1', term.start);
    term.say('Authorization not available.\r\n\x1b[0merror: The domain is not running\r\n');
    term.end({ code: 1 });
    expect(closed).toEqual([]); // the window does not listen yet
    manager.ack(id, 0);
    expect(closed).toEqual([
      {
        consoleId: id,
        message: 'The serial console of VM web-1 on hv1 ended: The domain is not running',
      },
    ]);
    const lost = fakeTerminal();
    const second = await manager.open('The serial console of VM web-2 on hv1', lost.start);
    manager.ack(second, 0);
    lost.end({
      code: null,
      error: new AppError('unreachable', 'hv1 (127.0.0.11:22) stopped answering'),
    });
    expect(closed[1]?.message).toBe(
      'The serial console of VM web-2 on hv1 ended: hv1 (127.0.0.11:22) stopped answering',
    );
  });

  it('closes a console whose window stopped saying it is there', async () => {
    const { manager, advance } = setup();
    const term = fakeTerminal();
    const id = await manager.open('x', term.start);
    manager.ack(id, 0);
    advance(30_000);
    manager.ack(id, 0); // keepalive
    advance(45_000);
    (manager as unknown as { sweep(): void }).sweep();
    expect(term.calls).toEqual([]);
    advance(20_000);
    (manager as unknown as { sweep(): void }).sweep();
    expect(term.calls).toEqual(['close undefined']);
  });

  it('passes on a refusal to open, keeping nothing', async () => {
    const { manager } = setup();
    const refusal = new AppError(
      'invalid-request',
      "Couldn't open the serial console of VM 'x' on hv1: it has no serial device",
    );
    await expect(manager.open('x', () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(manager.count).toBe(0);
  });
});
