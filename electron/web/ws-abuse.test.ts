import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  frame,
  invokeFrame,
  rawConnect,
  rawUpgrade,
  upgradeRequest,
  type RawSocket,
} from '../testing/raw-ws';
import { HEADERS_TIMEOUT_MS } from './server';
import { connectWs, startConsole, type ConsoleProcess } from '../testing/ws-client';

// The web console as a real process, attacked over raw TCP by anyone on the machine: a frame no
// browser would send must close that one socket, never the console, and an honest window (right
// token, right Origin) must keep getting answers. Demo off so that the console is quiet and quick.

let dir: string;
let shell: ConsoleProcess | undefined;
/** Every attack after which the console was found dead (it is restarted for the next one). */
const killers: string[] = [];

async function alive(): Promise<ConsoleProcess> {
  if (shell && shell.child.exitCode === null && shell.child.signalCode === null) {
    return shell;
  }
  shell = await startConsole(join(dir, `data-${Date.now()}`), 30_000);
  return shell;
}

function portOf(running: ConsoleProcess): number {
  return Number(new URL(running.url).port);
}

function tokenOf(running: ConsoleProcess): string {
  return new URL(running.url).searchParams.get('token') ?? '';
}

/** The console answers a second, honest window, and its process is still the one we started. */
async function expectServing(running: ConsoleProcess, attack: string): Promise<void> {
  // Give a crash the time to happen: an 'error' event throws on the next tick of the console.
  await new Promise((done) => setTimeout(done, 150));
  const dead = running.child.exitCode !== null || running.child.signalCode !== null;
  if (dead) killers.push(attack);
  expect(dead, `the console died after: ${attack}\n${running.output.slice(-8).join('\n')}`).toBe(
    false,
  );
  const honest = await connectWs(running.url);
  try {
    const snapshot = await honest.invoke('fleet:snapshot', {});
    expect(snapshot.demo).toBe(false);
  } finally {
    honest.close();
  }
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const closeCode = (code: number): Buffer => {
  const payload = Buffer.alloc(2 + 4);
  payload.writeUInt16BE(code, 0);
  payload.write('nope', 2);
  return payload;
};

/** One crafted frame (or a few) each; no browser or WebSocket library would send any of these. */
const frameAttacks: { name: string; bytes: () => Buffer }[] = [
  {
    // Only the header: the claimed length alone is past the limit, no need to send 2 MiB.
    name: 'an oversized frame (2 MiB claimed)',
    bytes: () => frame({ opcode: 1, claimedLength: 2 * 1024 * 1024 }),
  },
  {
    name: 'a text frame of bad UTF-8',
    bytes: () => frame({ opcode: 1, payload: Buffer.from([0xff, 0xfe, 0xc3]) }),
  },
  {
    name: 'an unmasked client frame',
    bytes: () => frame({ opcode: 1, payload: text('{}'), mask: false }),
  },
  {
    name: 'reserved bits set (RSV1-3)',
    bytes: () => frame({ opcode: 1, payload: text('{}'), rsv: 0x70 }),
  },
  { name: 'an unknown opcode (0x3)', bytes: () => frame({ opcode: 0x3, payload: text('x') }) },
  { name: 'a 200-byte ping', bytes: () => frame({ opcode: 0x9, payload: Buffer.alloc(200, 1) }) },
  {
    name: 'a close frame with code 999',
    bytes: () => frame({ opcode: 0x8, payload: closeCode(999) }),
  },
  {
    name: 'a continuation frame with nothing to continue',
    bytes: () => frame({ opcode: 0x0, payload: text('garbage') }),
  },
  {
    name: 'a fragmented message interrupted by a new text frame',
    bytes: () =>
      Buffer.concat([
        frame({ opcode: 1, payload: text('{"type":'), fin: false }),
        frame({ opcode: 1, payload: text('"invoke"}') }),
      ]),
  },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'federator-abuse-'));
});
beforeEach(async () => {
  await alive();
});
afterAll(async () => {
  if (killers.length > 0)
    process.stderr.write(`Attacks that killed the console: ${killers.join('; ')}\n`);
  if (shell && shell.child.exitCode === null) {
    shell.child.kill('SIGTERM');
    await shell.exited;
  }
  rmSync(dir, { recursive: true, force: true });
}, 15_000);

describe.each([
  { who: 'with the right token', right: true },
  { who: 'with a wrong token', right: false },
])('web console under crafted frames, $who', ({ right }) => {
  it.each(frameAttacks)('survives $name and keeps serving', async ({ name, bytes }) => {
    const running = await alive();
    const raw = await rawUpgrade(portOf(running), right ? tokenOf(running) : 'not-the-token');
    raw.socket.write(bytes());
    // The console closes the offending socket (a protocol error, or the 4401 of a wrong token).
    expect(await raw.closed(5_000)).toBe(true);
    await expectServing(running, `${name} (${right ? 'right' : 'wrong'} token)`);
  });
});

describe('web console under floods', () => {
  it('answers a flood of 5,000 small invokes on one socket, and an honest window meanwhile', async () => {
    const running = await alive();
    const raw = await rawUpgrade(portOf(running), tokenOf(running));
    const frames: Buffer[] = [];
    for (let id = 1; id <= 5000; id++) frames.push(invokeFrame(id, 'log:recent', { limit: 1 }));
    raw.socket.write(Buffer.concat(frames));
    await expectServing(running, 'a flood of 5,000 invokes');
    raw.socket.destroy();
  });

  it('survives 200 sockets opened and dropped mid-frame', async () => {
    const running = await alive();
    const half = invokeFrame(1, 'fleet:snapshot', {}).subarray(0, 5);
    const sockets = await Promise.all(
      Array.from({ length: 200 }, () => rawUpgrade(portOf(running), tokenOf(running))),
    );
    for (const raw of sockets) {
      raw.socket.write(half);
      raw.socket.resetAndDestroy();
    }
    await expectServing(running, '200 sockets reset mid-frame');
  });

  it('keeps serving while slow upgrades hold connections open, and drops them in time', async () => {
    const running = await alive();
    const port = portOf(running);
    const partial = upgradeRequest(port, tokenOf(running)).slice(0, 60);
    const loris: RawSocket[] = await Promise.all(
      Array.from({ length: 50 }, () => rawConnect(port)),
    );
    for (const raw of loris) raw.socket.write(partial);
    await expectServing(running, 'a slow-loris partial upgrade');
    // A request whose headers never finish is dropped after the console’s header timeout.
    const dropped = await Promise.all(loris.map((raw) => raw.closed(HEADERS_TIMEOUT_MS + 3_000)));
    expect(dropped.every(Boolean)).toBe(true);
  }, 15_000);
});
