import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../../shared/domain/ids';
import {
  defineGuestXml,
  labHost,
  labSshTarget,
  readLab,
  removeGuest,
  virshAs,
  xmlEscape,
} from '../../../testing/lab-hosts';
import { openSshSession } from '../../ssh/ssh-connect';
import type { SshSession } from '../../ssh/ssh-session';
import { createLibvirtDriver } from './libvirt-driver';

const lab = readLab();
const hv1 = labHost(lab, 1);
// A name and a disk path with quotes, spaces and $(…): they must stay data all the way.
const NAME = `it's a "$(touch details-pwned)" vm ${process.pid}`;
const DISK = join(hv1.home, `disk 'one' $(id) ${process.pid}.qcow2`);
const MAC = '52:54:00:fe:d0:01';
let uuid: VmId;
let session: SshSession;

/** A guest with a 16 MiB qcow2 disk, a user-mode NIC and libosinfo metadata, as virt-install writes. */
function guestXml(): string {
  return `<domain type='qemu'>
  <name>${xmlEscape(NAME)}</name>
  <metadata>
    <lab:guest xmlns:lab='urn:federator:lab'/>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://debian.org/debian/12"/>
    </libosinfo:libosinfo>
  </metadata>
  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='${xmlEscape(DISK)}'/><target dev='vda' bus='virtio'/></disk>
    <interface type='user'><mac address='${MAC}'/><model type='e1000'/></interface>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/></devices>
</domain>`;
}

beforeAll(async () => {
  execFileSync(
    'runuser',
    ['-u', hv1.user, '--', 'qemu-img', 'create', '-q', '-f', 'qcow2', DISK, '16M'],
    {
      cwd: '/',
    },
  );
  uuid = defineGuestXml(hv1, NAME, guestXml()) as VmId;
  session = await openSshSession(labSshTarget(lab, hv1));
}, 60_000);

afterAll(async () => {
  await session?.close();
  if (uuid) removeGuest(hv1, uuid);
  rmSync(DISK, { force: true });
});

function driver() {
  return createLibvirtDriver({
    shell: session,
    hostId: 'lab-hv1' as never,
    hostName: 'hv1',
    uri: hv1.uri,
  });
}

describe("a VM's details on a real host", () => {
  it('reads a shut-off VM: its disk with the sizes domblkinfo gives, its NIC, OS, no uptime', async () => {
    const details = await driver().vmDetails(uuid);
    const info = virshAs(hv1, 'domblkinfo', uuid, 'vda').match(
      /Capacity:\s+(\d+)[\s\S]*Allocation:\s+(\d+)/,
    );
    expect(details.disks).toEqual([
      {
        target: 'vda',
        device: 'disk',
        bus: 'virtio',
        format: 'qcow2',
        sourceKind: 'file',
        source: DISK,
        readOnly: false,
        capacityBytes: 16 * 1024 * 1024,
        allocationBytes: Number(info?.[2]),
        physicalBytes: expect.any(Number) as unknown,
      },
    ]);
    expect(details.nics).toEqual([{ mac: MAC, type: 'user', model: 'e1000', addresses: [] }]);
    expect(details).toMatchObject({
      osId: 'http://debian.org/debian/12',
      uptime: { known: false, why: 'not-running' },
      addresses: { tried: [], notRunning: true },
      autostart: false,
      persistent: true,
      hasSerial: true,
      xmlTruncated: false,
    });
    // The batch's separator takes virsh's last blank line: the text is the same.
    expect(details.xml.trimEnd()).toBe(virshAs(hv1, 'dumpxml', uuid).trimEnd());
  });

  it('reads a running VM: its uptime from its QEMU, and which address sources were asked', async () => {
    virshAs(hv1, 'start', uuid);
    const started = Date.now();
    const details = await driver().vmDetails(uuid);
    expect(details.uptime.known).toBe(true);
    const seconds = details.uptime.known ? details.uptime.seconds : -1;
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 2);
    // User-mode networking: libvirt has no lease for it and the host's ARP table does not see it.
    expect(details.addresses.notRunning).toBe(false);
    expect(details.addresses.answeredBy).toBeUndefined();
    expect(details.addresses.tried.map((t) => t.source)).toEqual(['lease', 'arp']);
    expect(details.nics[0]?.hostDevice ?? details.nics[0]?.mac).toBeDefined();
    expect(details.disks[0]?.capacityBytes).toBe(16 * 1024 * 1024);
    console.log('address sources asked:', JSON.stringify(details.addresses.tried));
  });

  it('turns autostart on and off, as virsh then reports it', async () => {
    await driver().setAutostart(uuid, true);
    expect(virshAs(hv1, 'list', '--all', '--uuid', '--autostart')).toContain(uuid);
    expect((await driver().vmDetails(uuid)).autostart).toBe(true);
    await driver().setAutostart(uuid, false);
    expect(virshAs(hv1, 'list', '--all', '--uuid', '--autostart')).not.toContain(uuid);
  });

  it('says why autostart cannot be set on a VM libvirt no longer knows', async () => {
    const gone = '00000000-0000-4000-8000-00000000d00d' as VmId;
    await expect(driver().setAutostart(gone, true)).rejects.toMatchObject({
      code: 'command-failed',
      message: expect.stringMatching(
        /^Couldn't turn on autostart of VM '.*' on hv1: failed to get domain/,
      ) as unknown,
    });
    await expect(driver().vmDetails(gone)).rejects.toMatchObject({ code: 'not-found' });
  });
});
