import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import {
  defineGuest,
  labHost,
  labSh,
  labSshTarget,
  readLab,
  removeGuest,
  until,
  virshAs,
} from '../../testing/lab-hosts';
import { labConsoles } from '../../testing/console-lab';
import { openSshSession } from '../ssh/ssh-connect';
import type { SshSession } from '../ssh/ssh-session';

// A real guest's VNC display through the host's SSH connection (a direct-tcpip channel to the
// listener libvirt chose on the host's loopback), carried by the console manager as the window's
// noVNC would see it. The test speaks the first steps of RFB (RFC 6143) itself: version, security
// "None", ClientInit, and reads ServerInit: the screen's size and the name QEMU gives the display.

const lab = readLab();
const hv1 = labHost(lab, 1);
const DISPLAYED = `a "$(touch vnc-pwned)" display ${process.pid}`;
const HEADLESS = `headless ${process.pid}`;
let displayed: VmId;
let session: SshSession;

beforeAll(async () => {
  labSh('boot-guest', '1', DISPLAYED);
  displayed = virshAs(hv1, 'domuuid', DISPLAYED).trim() as VmId;
  session = await openSshSession(labSshTarget(lab, hv1));
}, 180_000);

afterAll(async () => {
  await session?.close();
  if (displayed) removeGuest(hv1, displayed);
});

function graphics() {
  const { hub, driver, manager } = labConsoles(session, hv1);
  let received = Buffer.alloc(0);
  const closed: { consoleId: string; message?: string | undefined }[] = [];
  hub.on('console:output', (e) => {
    received = Buffer.concat([received, Buffer.from(e.data, 'base64')]);
  });
  hub.on('console:closed', (e) => closed.push(e));
  const openGraphics = driver.openGraphics;
  if (openGraphics === undefined) throw new Error('the libvirt driver has no openGraphics');
  return {
    manager,
    closed,
    /** Wait for `bytes` more bytes than `from`, and take them. */
    read: async (from: number, bytes: number): Promise<Buffer> => {
      await until(
        `${bytes} bytes of RFB`,
        () => received.length >= from + bytes || undefined,
        20_000,
      );
      return received.subarray(from, from + bytes);
    },
    send: (id: string, bytes: Buffer) => manager.input(id, bytes.toString('base64'), 'base64'),
    open: (vmId: VmId) =>
      manager.open('The graphical console', (handlers) =>
        openGraphics.call(driver, vmId, handlers),
      ),
  };
}

describe('the graphical console of a real guest', () => {
  it("reaches its VNC display over SSH and reads the screen's size and name (RFB handshake)", async () => {
    const g = graphics();
    const id = await g.open(displayed);
    g.manager.ack(id, 0);
    const version = await g.read(0, 12);
    expect(version.toString('latin1')).toMatch(/^RFB 003\.00[38]\n$/);
    g.send(id, Buffer.from('RFB 003.008\n', 'latin1'));
    const count = (await g.read(12, 1))[0] ?? 0;
    const types = [...(await g.read(13, count))];
    expect(types).toContain(1); // None: the display listens on the host's loopback only
    g.send(id, Buffer.from([1]));
    const result = await g.read(13 + count, 4);
    expect(result.readUInt32BE(0)).toBe(0);
    g.send(id, Buffer.from([1])); // ClientInit, shared
    const at = 17 + count;
    const init = await g.read(at, 24);
    const width = init.readUInt16BE(0);
    const height = init.readUInt16BE(2);
    const nameLength = init.readUInt32BE(20);
    const name = (await g.read(at + 24, nameLength)).toString('utf8');
    console.log(`VNC ServerInit: ${width}×${height}, name ${JSON.stringify(name)}`);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(name).toBe(`QEMU (${DISPLAYED})`); // QEMU names the display after the domain
    g.manager.close(id);
    await until('the console to close', () => g.closed.length > 0 || undefined, 10_000);
    expect(g.closed).toEqual([{ consoleId: id }]);
  }, 60_000);

  it('refuses in words a VM with no graphical display', async () => {
    const uuid = defineGuest(hv1, HEADLESS) as VmId; // the lab's disk-less guest has no <graphics>
    try {
      const g = graphics();
      await expect(g.open(uuid)).rejects.toMatchObject({
        code: 'invalid-request',
        message: `Couldn't open the graphical console of VM '${HEADLESS}' on hv1: it has no graphical display (its definition has no <graphics type='vnc'> or <graphics type='spice'>)`,
      });
      expect(g.manager.count).toBe(0);
    } finally {
      removeGuest(hv1, uuid);
    }
  });

  it('says the display is not listening when the VM does not run', async () => {
    virshAs(hv1, 'destroy', displayed);
    const g = graphics();
    await expect(g.open(displayed)).rejects.toThrow(
      `Couldn't open the graphical console of VM '${DISPLAYED}' on hv1: its VNC display is not listening (is the VM running?)`,
    );
  });
});
