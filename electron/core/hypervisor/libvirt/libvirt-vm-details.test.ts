import { describe, expect, it } from 'vitest';
import type { VmId } from '../../../../shared/domain/ids';
import { MAX_DETAILS_XML_CHARS } from '../../../../shared/domain/vm-details';
import { batchAnswer, fakeVirshHost } from '../../../testing/fake-virsh-host';
import type { ExecResult } from '../../ssh/remote-shell';
import type { DriverContext } from './driver-context';
import { readVmDetails, setAutostart } from './libvirt-vm-details';

const UUID = '0b5b2f3e-2f7e-4c1e-9d6a-2b9f3c1a4d10' as VmId;
const XML = `<domain type='qemu'><name>it's "$(x)"</name><uuid>${UUID}</uuid>
<devices>
  <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
    <source file='/home/hv1/disk one.qcow2'/><target dev='vda' bus='virtio'/></disk>
  <interface type='user'><mac address='52:54:00:12:34:56'/><model type='e1000'/></interface>
  <serial type='pty'/>
</devices></domain>`;
const BLOCKS = ` Target   Capacity   Allocation   Physical
--------------------------------------------
 vda      16777216   200704       200704
`;
const ARP = ` Name       MAC address          Protocol     Address
-------------------------------------------------------------------------------
 vnet0      52:54:00:12:34:56    ipv4         10.0.2.15/24
 lo         00:00:00:00:00:00    ipv4         127.0.0.1/8
`;

interface Answers {
  domid?: string;
  batchStderr?: string;
  xml?: string;
  blocks?: string;
  autostart?: string;
  lease?: ExecResult;
  arp?: ExecResult;
  ps?: ExecResult;
  autostartResult?: ExecResult;
}

/** A host that answers the driver's fixed templates; every command is recorded. */
function fakeHost(answers: Answers): { ctx: DriverContext; ran: string[][] } {
  const ok = (stdout: string): ExecResult => ({ code: 0, stdout, stderr: '' });
  return fakeVirshHost((argv) => {
    const script = argv[3] ?? '';
    if (argv[0] === 'virsh' && script.startsWith('dumpxml')) {
      const sections = [
        answers.xml ?? XML,
        answers.domid ?? '7',
        answers.autostart ?? '',
        UUID,
        answers.blocks ?? BLOCKS,
      ];
      return batchAnswer(script, sections, answers.batchStderr ?? '');
    }
    if (argv.includes('domifaddr')) {
      const source = argv.at(-1);
      const answer = source === 'lease' ? answers.lease : answers.arp;
      return answer ?? ok('');
    }
    if (argv[0] === 'sh') return answers.ps ?? ok(' 42 qemu-system-x86\n');
    if (argv.includes('autostart')) return answers.autostartResult ?? ok('');
    return { code: 1, stdout: '', stderr: 'error: not in this test' };
  });
}

describe("a VM's details from its host", () => {
  it("says which source answered: no leases, then ARP; only the VM's own NICs count", async () => {
    const { ctx, ran } = fakeHost({
      lease: {
        code: 1,
        stdout: '',
        stderr:
          'error: Failed to query for interfaces addresses\nerror: no leases for user networking',
      },
      arp: { code: 0, stdout: ARP, stderr: '' },
    });
    const details = await readVmDetails(ctx, UUID, `it's "$(x)"`);
    expect(details.addresses).toEqual({
      answeredBy: 'arp',
      notRunning: false,
      tried: [
        {
          source: 'lease',
          found: 0,
          error: 'Failed to query for interfaces addresses; no leases for user networking',
        },
        { source: 'arp', found: 1 },
      ],
    });
    expect(details.nics).toEqual([
      {
        mac: '52:54:00:12:34:56',
        type: 'user',
        model: 'e1000',
        addresses: [{ protocol: 'ipv4', address: '10.0.2.15', prefix: 24 }],
      },
    ]);
    expect(details.disks[0]).toMatchObject({
      source: '/home/hv1/disk one.qcow2',
      capacityBytes: 16777216,
      allocationBytes: 200704,
    });
    expect(details).toMatchObject({
      uptime: { known: true, seconds: 42 },
      autostart: false,
      persistent: true,
      hasSerial: true,
      xmlTruncated: false,
    });
    // The name never reaches a command line: the UUID does.
    expect(ran.flat().join(' ')).not.toContain('$(x)');
    expect(ran.filter((argv) => argv.includes('domifaddr')).map((argv) => argv.at(-1))).toEqual([
      'lease',
      'arp',
    ]);
  });

  it('asks for no address or uptime of a VM that does not run, and says so', async () => {
    const { ctx, ran } = fakeHost({ domid: '-', autostart: UUID });
    const details = await readVmDetails(ctx, UUID, 'x');
    expect(details.addresses).toEqual({ tried: [], notRunning: true });
    expect(details.uptime).toEqual({ known: false, why: 'not-running' });
    expect(details.autostart).toBe(true);
    expect(ran).toHaveLength(1);
  });

  it('keeps at most MAX_DETAILS_XML_CHARS of an oversized XML, and says it was cut', async () => {
    // A host whose domain carries a huge <description>: the devices are still read from all of it.
    const padded = XML.replace(
      '<devices>',
      `<description>${'x'.repeat(400_000)}</description><devices>`,
    );
    const { ctx } = fakeHost({ domid: '-', xml: padded });
    const details = await readVmDetails(ctx, UUID, 'x');
    expect(details.xml).toHaveLength(MAX_DETAILS_XML_CHARS);
    expect(details.xmlTruncated).toBe(true);
    expect(details.disks[0]?.source).toBe('/home/hv1/disk one.qcow2');
  });

  it('keeps the disks when domblkinfo fails, with its reason for the missing sizes', async () => {
    const { ctx } = fakeHost({
      blocks: '',
      batchStderr:
        "error: cannot access storage file '/home/hv1/disk one.qcow2': No such file or directory\n",
    });
    const details = await readVmDetails(ctx, UUID, 'x');
    expect(details.disks).toHaveLength(1);
    expect(details.disks[0]?.capacityBytes).toBeUndefined();
    expect(details.diskSizesError).toContain('No such file or directory');
  });

  it('fails in words, naming the VM and the host, when the domain is gone', async () => {
    const { ctx } = fakeHost({
      xml: '',
      domid: '',
      blocks: '',
      batchStderr: "error: failed to get domain '0b5b…'\n",
    });
    await expect(readVmDetails(ctx, UUID, 'web-1')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining(
        "Couldn't read the details of VM 'web-1' on hv1: failed to get domain",
      ) as unknown,
    });
  });

  it('fails with a parse error, not a half-read answer, on broken XML', async () => {
    const { ctx } = fakeHost({ xml: '<domain><devices><disk>' });
    await expect(readVmDetails(ctx, UUID, 'web-1')).rejects.toMatchObject({
      code: 'parse-error',
      message: expect.stringContaining(
        "Couldn't read the details of VM 'web-1' on hv1: Unexpected output",
      ) as unknown,
    });
  });

  it('says when no process of the VM is found, rather than a made-up uptime', async () => {
    const { ctx } = fakeHost({ ps: { code: 3, stdout: '', stderr: '' } });
    expect((await readVmDetails(ctx, UUID, 'x')).uptime).toEqual({
      known: false,
      why: 'no-process',
    });
  });

  it('refuses an id that is not a UUID before running anything', async () => {
    const { ctx, ran } = fakeHost({});
    await expect(readVmDetails(ctx, 'web-1; reboot' as VmId, 'x')).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(ran).toHaveLength(0);
  });
});

describe('autostart', () => {
  it('runs virsh autostart by UUID, with --disable to turn it off', async () => {
    const { ctx, ran } = fakeHost({});
    await setAutostart(ctx, UUID, true, 'x');
    await setAutostart(ctx, UUID, false, 'x');
    expect(ran).toEqual([
      ['virsh', '-c', 'qemu:///session', 'autostart', UUID],
      ['virsh', '-c', 'qemu:///session', 'autostart', '--disable', UUID],
    ]);
  });

  it("says libvirt's reason when it refuses", async () => {
    const { ctx } = fakeHost({
      autostartResult: {
        code: 1,
        stdout: '',
        stderr:
          'error: Failed to mark domain 0b5b as autostarted\nerror: Requested operation is not valid: cannot set autostart for transient domain\n',
      },
    });
    await expect(setAutostart(ctx, UUID, true, 'web-1')).rejects.toMatchObject({
      code: 'command-failed',
      message:
        "Couldn't turn on autostart of VM 'web-1' on hv1: Requested operation is not valid: cannot set autostart for transient domain",
    });
  });
});
