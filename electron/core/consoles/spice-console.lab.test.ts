import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import type { GraphicalStream } from '../hypervisor/hypervisor-driver';
import {
  labHost,
  labSh,
  labSshTarget,
  readLab,
  removeGuest,
  until,
  virshAs,
} from '../../testing/lab-hosts';
import { labConsoles } from '../../testing/console-lab';
import {
  channelsList,
  linkHeader,
  linkReply,
  SPICE_CHANNEL,
  SPICE_LINK_ERR_PERMISSION_DENIED,
  SPICE_MAGIC,
  SPICE_MSG_MAIN_CHANNELS_LIST,
  SPICE_MSG_MAIN_INIT,
  SPICE_MSGC_MAIN_ATTACH_CHANNELS,
  spiceLink,
  spiceMessage,
  spiceTicket,
} from '../../testing/spice-link';
import { displayListener } from '../hypervisor/libvirt/parse-graphics';
import { openSshSession } from '../ssh/ssh-connect';
import { MAX_TERMINALS, type SshSession } from '../ssh/ssh-session';
import type { TerminalChannel } from '../ssh/remote-shell';

// A real guest's SPICE display through the host's SSH connection: the first connection (the main
// channel) and each further one (display, inputs, cursor) a direct-tcpip channel to the port
// libvirt chose on the host's loopback, carried by the console manager as the window's
// spice-html5 would see them. The test speaks SPICE's link and ticket itself: the server answers
// with its magic REDQ, takes the empty ticket, names the session and its channels, and lets the
// display channel join that session. A display with a password refuses the empty ticket.

const lab = readLab();
const hv1 = labHost(lab, 1);
const SPICE = `a "$(touch spice-pwned)" spice ${process.pid}`;
const LOCKED = `locked spice ${process.pid}`;
let spice: VmId;
let locked: VmId;
let session: SshSession;

beforeAll(async () => {
  labSh('boot-guest', '1', SPICE, 'spice');
  labSh('boot-guest', '1', LOCKED, 'spice-password');
  spice = virshAs(hv1, 'domuuid', SPICE).trim() as VmId;
  locked = virshAs(hv1, 'domuuid', LOCKED).trim() as VmId;
  session = await openSshSession(labSshTarget(lab, hv1));
}, 180_000);

afterAll(async () => {
  await session?.close();
  if (spice) removeGuest(hv1, spice);
  if (locked) removeGuest(hv1, locked);
});

function display() {
  const { hub, driver, manager } = labConsoles(session, hv1);
  const received = new Map<string, Buffer>();
  const taken = new Map<string, number>();
  const closed: string[] = [];
  hub.on('console:output', (e) => {
    const had = received.get(e.consoleId) ?? Buffer.alloc(0);
    received.set(e.consoleId, Buffer.concat([had, Buffer.from(e.data, 'base64')]));
  });
  hub.on('console:closed', (e) => closed.push(e.consoleId));
  const openGraphics = driver.openGraphics;
  if (openGraphics === undefined) throw new Error('the libvirt driver has no openGraphics');
  return {
    manager,
    closed,
    driver,
    /** The next `bytes` bytes of the console's stream, once they came. */
    read: async (id: string, bytes: number): Promise<Buffer> => {
      const from = taken.get(id) ?? 0;
      await until(
        `${bytes} bytes of SPICE`,
        () => ((received.get(id)?.length ?? 0) >= from + bytes ? true : undefined),
        20_000,
      );
      taken.set(id, from + bytes);
      return (received.get(id) ?? Buffer.alloc(0)).subarray(from, from + bytes);
    },
    send: (id: string, bytes: Buffer) => manager.input(id, bytes.toString('base64'), 'base64'),
    open: async (vmId: VmId) => {
      let stream: GraphicalStream | undefined;
      const id = await manager.open('The graphical console', async (handlers) => {
        stream = await openGraphics.call(driver, vmId, handlers);
        return stream;
      });
      manager.ack(id, 0);
      if (stream === undefined) throw new Error('no stream');
      return { id, stream };
    },
    another: async (stream: GraphicalStream) => {
      const another = stream.another;
      if (another === undefined) throw new Error('a SPICE stream opens further channels');
      const id = await manager.open('a SPICE channel', (handlers) => another(handlers));
      manager.ack(id, 0);
      return id;
    },
  };
}

type Display = ReturnType<typeof display>;

/** Link a channel and send the (empty) ticket: the link header, and the auth reply's code. */
async function link(d: Display, id: string, type: number, connectionId = 0) {
  d.send(id, spiceLink(type, connectionId));
  const header = linkHeader(await d.read(id, 16));
  expect(header.magic).toBe(SPICE_MAGIC);
  const reply = linkReply(await d.read(id, header.size));
  expect(reply.error).toBe(0);
  d.send(id, spiceTicket(reply.publicKey));
  const auth = (await d.read(id, 4)).readUInt32LE(0);
  return { header, auth };
}

/** The main channel's messages until one of `type`: its body. */
async function nextMessage(d: Display, id: string, type: number): Promise<Buffer> {
  for (let seen = 0; seen < 50; seen += 1) {
    const head = await d.read(id, 6);
    const body = await d.read(id, head.readUInt32LE(2));
    if (head.readUInt16LE(0) === type) return body;
  }
  throw new Error(`no SPICE message of type ${type} in 50`);
}

describe('the graphical console of a SPICE guest', () => {
  it('speaks SPICE through the forwarded channel (REDQ), and its display channel joins the session over a second one', async () => {
    const d = display();
    const main = await d.open(spice);
    expect(main.stream.protocol).toBe('spice');
    const { header, auth } = await link(d, main.id, SPICE_CHANNEL.main);
    console.log(`SPICE link reply: ${header.magic} ${header.major}.${header.minor}`);
    expect(header.major).toBe(2);
    expect(auth).toBe(0); // no password: the empty ticket is taken
    const init = await nextMessage(d, main.id, SPICE_MSG_MAIN_INIT);
    const sessionId = init.readUInt32LE(0);
    d.send(main.id, spiceMessage(SPICE_MSGC_MAIN_ATTACH_CHANNELS));
    const channels = channelsList(await nextMessage(d, main.id, SPICE_MSG_MAIN_CHANNELS_LIST));
    console.log(`SPICE session ${sessionId}: channels ${JSON.stringify(channels)}`);
    const types = channels.map(([type]) => type);
    expect(types).toEqual(
      expect.arrayContaining([SPICE_CHANNEL.display, SPICE_CHANNEL.inputs, SPICE_CHANNEL.cursor]),
    );

    // Each further channel is its own forwarded connection to the same port, joined by session id.
    const further = [];
    for (const type of [SPICE_CHANNEL.display, SPICE_CHANNEL.inputs, SPICE_CHANNEL.cursor]) {
      const id = await d.another(main.stream);
      expect((await link(d, id, type, sessionId)).auth).toBe(0);
      further.push(id);
    }
    // Four SPICE connections are one console: the host's connection still takes its other
    // consoles (here plain forwards to the same port), up to MAX_TERMINALS in all, and no more.
    const listener = displayListener(virshAs(hv1, 'dumpxml', spice));
    if (listener.kind !== 'tcp') throw new Error(`the SPICE display listens as ${listener.kind}`);
    const quiet = { onData: () => undefined, onClose: () => undefined };
    const others: TerminalChannel[] = [];
    for (let n = 1; n < MAX_TERMINALS; n += 1) {
      others.push(await session.forward(listener.address, listener.port, quiet));
    }
    await expect(session.forward(listener.address, listener.port, quiet)).rejects.toThrow(
      `hv1 already has ${MAX_TERMINALS} consoles open over its connection: close one first`,
    );
    for (const other of others) other.close();
    for (const id of [...further, main.id]) d.manager.close(id);
    await until('every console to close', () => (d.manager.count === 0 ? true : undefined), 20_000);
  }, 90_000);

  it('meets a display with a password: its link answers, the empty ticket is refused', async () => {
    // libvirt shows passwd only with --security-info, so the console opens it; the window hears
    // "permission denied" from spice-html5 and says the display asks for a password.
    const d = display();
    const main = await d.open(locked);
    expect(main.stream.protocol).toBe('spice');
    expect((await link(d, main.id, SPICE_CHANNEL.main)).auth).toBe(
      SPICE_LINK_ERR_PERMISSION_DENIED,
    );
    d.manager.close(main.id);
  }, 60_000);

  it('says the SPICE display is not listening when the VM does not run', async () => {
    // The booting guest may have stopped on its own by now (seen once in CI): stop it only if not.
    const state = virshAs(hv1, 'domstate', spice).trim();
    if (state === 'running' || state === 'paused') virshAs(hv1, 'destroy', spice);
    expect(virshAs(hv1, 'domstate', spice).trim()).not.toBe('running');
    const d = display();
    await expect(d.open(spice)).rejects.toThrow(
      `Couldn't open the graphical console of VM '${SPICE}' on hv1: its SPICE display is not listening (is the VM running?)`,
    );
  });
});
