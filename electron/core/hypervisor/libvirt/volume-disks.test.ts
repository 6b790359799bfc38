import { describe, expect, it } from 'vitest';
import type { VmId } from '../../../../shared/domain/ids';
import { batchAnswer, fakeVirshHost } from '../../../testing/fake-virsh-host';
import type { ExecResult } from '../../ssh/remote-shell';
import { readVmDetails } from './libvirt-vm-details';

const UUID = '0b5b2f3e-2f7e-4c1e-9d6a-2b9f3c1a4d10' as VmId;
// A pool and a volume named with quotes, spaces and $(…): they must reach virsh as arguments.
const POOL = `pool 'a' $(id)`;
const VOLUME = `vol "b" $(reboot).qcow2`;
const XML = `<domain type='qemu'><name>bravo</name><uuid>${UUID}</uuid><devices>
  <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>
    <source pool='pool &apos;a&apos; $(id)' volume='vol &quot;b&quot; $(reboot).qcow2'/>
    <target dev='vda' bus='virtio'/></disk>
  <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
</devices></domain>`;
const VOLUME_XML = `<volume type='file'><name>x</name><key>/p/x</key>
  <capacity unit='bytes'>8388608</capacity><allocation unit='bytes'>200704</allocation>
  <physical unit='bytes'>196616</physical>
  <target><path>/home/hv1/.local/share/libvirt/images/vol "b".qcow2</path><format type='qcow2'/></target>
</volume>`;

function fakeHost(volume: ExecResult) {
  return fakeVirshHost((argv) => {
    const script = argv[3] ?? '';
    // Shut off (no domid), persistent, domblkinfo's section empty: libvirt 9's refusal.
    if (argv[0] === 'virsh' && script.startsWith('dumpxml')) {
      return batchAnswer(
        script,
        [XML, '', '', UUID, ''],
        "error: internal error: missing storage backend for 'volume' storage\n",
      );
    }
    if (argv.includes('vol-dumpxml')) return volume;
    return { code: 1, stdout: '', stderr: 'error: not in this test' };
  });
}

describe('disks that name a pool volume', () => {
  it("take the volume's path and sizes when domblkinfo cannot size a shut-off VM", async () => {
    const { ctx, ran } = fakeHost({ code: 0, stdout: VOLUME_XML, stderr: '' });
    const details = await readVmDetails(ctx, UUID, 'bravo');
    expect(details.disks[0]).toMatchObject({
      target: 'vda',
      sourceKind: 'volume',
      pool: POOL,
      volume: VOLUME,
      volumePath: '/home/hv1/.local/share/libvirt/images/vol "b".qcow2',
      capacityBytes: 8388608,
      allocationBytes: 200704,
      physicalBytes: 196616,
    });
    // Every disk with a source is sized, so domblkinfo's refusal is not shown.
    expect(details.diskSizesError).toBeUndefined();
    expect(ran).toContainEqual([
      'virsh',
      '-c',
      'qemu:///session',
      'vol-dumpxml',
      '--pool',
      POOL,
      '--vol',
      VOLUME,
    ]);
    // The empty cdrom is not looked up.
    expect(ran.filter((argv) => argv.includes('vol-dumpxml'))).toHaveLength(1);
  });

  it("says on the disk why its volume could not be looked up, and keeps domblkinfo's reason", async () => {
    const { ctx } = fakeHost({
      code: 1,
      stdout: '',
      stderr:
        "error: failed to get vol 'x'\nerror: Storage volume not found: no storage vol with matching path\n",
    });
    const details = await readVmDetails(ctx, UUID, 'bravo');
    expect(details.disks[0]?.volumeError).toMatch(/Storage volume not found/);
    expect(details.disks[0]?.capacityBytes).toBeUndefined();
    expect(details.diskSizesError).toMatch(/missing storage backend/);
  });

  it('a volume answer that is not XML is said on the disk, not thrown', async () => {
    const { ctx } = fakeHost({
      code: 0,
      stdout: '<volume><capacity unit="furlongs">3',
      stderr: '',
    });
    const details = await readVmDetails(ctx, UUID, 'bravo');
    expect(details.disks[0]?.volumeError).toMatch(/Unexpected output from `virsh vol-dumpxml`/);
    expect(details.disks).toHaveLength(2);
  });
});
