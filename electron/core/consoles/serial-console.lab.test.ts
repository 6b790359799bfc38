import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import { VIRSH_CONSOLE_ESCAPE } from '../hypervisor/libvirt/libvirt-console';
import {
  defineGuest,
  defineGuestXml,
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

const lab = readLab();
const hv1 = labHost(lab, 1);
const BOOTING = `it's a "$(touch console-pwned)" guest ${process.pid}`;
const SILENT = `no serial ${process.pid}`;
let booting: VmId;
let session: SshSession;

beforeAll(async () => {
  labSh('boot-guest', '1', BOOTING);
  booting = virshAs(hv1, 'domuuid', BOOTING).trim() as VmId;
  session = await openSshSession(labSshTarget(lab, hv1));
}, 180_000);

afterAll(async () => {
  await session?.close();
  if (booting) removeGuest(hv1, booting);
});

/** The core's console manager over the lab host's real SSH connection, its events collected. */
function consoles() {
  const { hub, driver, manager } = labConsoles(session, hv1);
  let text = '';
  const closed: { consoleId: string; message?: string | undefined }[] = [];
  hub.on('console:output', (e) => (text += Buffer.from(e.data, 'base64').toString('utf8')));
  hub.on('console:closed', (e) => closed.push(e));
  return {
    manager,
    closed,
    text: () => text,
    open: (vmId: VmId, what: string) =>
      manager.open(what, (handlers) => driver.openConsole(vmId, { cols: 80, rows: 24 }, handlers)),
  };
}

describe('the serial console of a real guest', () => {
  it("types echo hello and reads hello, then closes with virsh's escape", async () => {
    const c = consoles();
    const id = await c.open(booting, 'The serial console');
    c.manager.ack(id, 0);
    // The guest may still be booting: press Enter once a second until its shell prompts.
    let pressed = 0;
    await until(
      'the guest shell prompt',
      () => {
        if (c.text().includes('/ # ')) return true;
        if (Date.now() - pressed > 1000) {
          c.manager.input(id, '\r');
          pressed = Date.now();
        }
        return undefined;
      },
      90_000,
    );
    const before = c.text().length;
    c.manager.input(id, 'echo hello\r');
    await until('hello', () => /\r\nhello\r\n/.test(c.text().slice(before)) || undefined, 20_000);

    c.manager.close(id, VIRSH_CONSOLE_ESCAPE);
    await until('the console to close', () => c.closed.length > 0 || undefined, 10_000);
    expect(c.closed).toEqual([{ consoleId: id }]);
    expect(c.manager.count).toBe(0);
    console.log(`console output, last 200 chars: ${JSON.stringify(c.text().slice(-200))}`);
  }, 150_000);

  it("resizes the host's terminal with a window-change (a serial line itself has no size)", async () => {
    let text = '';
    let ended = false;
    const terminal = await session.terminal(
      ['sh', '-c', 'stty size; read line; stty size'],
      { cols: 80, rows: 24 },
      { onData: (chunk) => (text += chunk.toString()), onClose: () => (ended = true) },
    );
    await until('the first size', () => text.includes('24 80') || undefined, 10_000);
    terminal.resize({ cols: 100, rows: 30 });
    terminal.write('\r');
    await until('the new size', () => text.includes('30 100') || undefined, 10_000);
    await until('the program to end', () => ended || undefined, 10_000);
  });

  it('refuses in words the console of a VM with no serial device', async () => {
    // The lab's disk-less guest, defined again without its serial and console devices.
    const uuid = defineGuest(hv1, SILENT) as VmId;
    try {
      const xml = virshAs(hv1, 'dumpxml', uuid)
        .replace(/<serial[\s\S]*?<\/serial>/, '')
        .replace(/<console[\s\S]*?<\/console>/, '');
      defineGuestXml(hv1, SILENT, xml);
      const c = consoles();
      await expect(c.open(uuid, 'x')).rejects.toMatchObject({
        code: 'invalid-request',
        message: `Couldn't open the serial console of VM '${SILENT}' on hv1: it has no serial device (its definition has no <serial> or <console>; add <serial type='pty'/> and restart it)`,
      });
      expect(c.manager.count).toBe(0);
    } finally {
      removeGuest(hv1, uuid);
    }
  });

  it("says libvirt's reason when the VM does not run", async () => {
    virshAs(hv1, 'destroy', booting);
    const c = consoles();
    const id = await c.open(booting, `The serial console of VM ${BOOTING} on hv1`);
    c.manager.ack(id, 0);
    await until('the console to end', () => c.closed.length > 0 || undefined, 15_000);
    expect(c.closed[0]?.message).toBe(
      `The serial console of VM ${BOOTING} on hv1 ended: The domain is not running`,
    );
  });
});
