import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../../shared/domain/ids';
import { labDriver, labHost, labSshTarget, readLab, virshAs } from '../../../testing/lab-hosts';
import { openSshSession } from '../../ssh/ssh-connect';
import type { SshSession } from '../../ssh/ssh-session';

// The lab's baseline guests on hv1 (lab/pool.sh): alpha running, bravo shut off, each with a
// qcow2 overlay in hv1's pool `default`, named as a pool volume. Only read here, never changed.
const lab = readLab();
const hv1 = labHost(lab, 1);
const MiB8 = 8 * 1024 * 1024;
let session: SshSession;

beforeAll(async () => {
  session = await openSshSession(labSshTarget(lab, hv1));
}, 60_000);

afterAll(async () => {
  await session?.close();
});

const driver = () => labDriver(session, hv1);

const uuidOf = (name: string) => virshAs(hv1, 'domuuid', name).trim() as VmId;

describe('a VM whose disk is a pool volume, on a real host', () => {
  it('shut off: its volume, the file the pool resolves it to, and sizes libvirt only gives from the volume', async () => {
    const pool = hv1.pool;
    expect(pool, 'lab.json has no pool for hv1: bring the lab up with lab/pool.sh').toBeDefined();
    // What this test stands on: domblkinfo refuses a shut-off domain's volume disk.
    expect(() => virshAs(hv1, 'domblkinfo', 'bravo', '--all')).toThrow(/volume/);
    const details = await driver().vmDetails(uuidOf('bravo'));
    expect(details.disks).toEqual([
      {
        target: 'vda',
        device: 'disk',
        bus: 'virtio',
        format: 'qcow2',
        sourceKind: 'volume',
        source: 'default/lab-bravo.qcow2',
        pool: 'default',
        volume: 'lab-bravo.qcow2',
        volumePath: `${pool?.path}/lab-bravo.qcow2`,
        readOnly: false,
        capacityBytes: MiB8,
        allocationBytes: expect.any(Number) as unknown,
        physicalBytes: expect.any(Number) as unknown,
      },
    ]);
    expect(details.diskSizesError).toBeUndefined();
    const info = virshAs(hv1, 'vol-info', '--bytes', '--pool', 'default', 'lab-bravo.qcow2');
    expect(details.disks[0]?.allocationBytes).toBe(Number(/Allocation:\s+(\d+)/.exec(info)?.[1]));
  });

  it('running: the same volume, sized by domblkinfo as the guest sees it', async () => {
    const details = await driver().vmDetails(uuidOf('alpha'));
    expect(details.disks[0]).toMatchObject({
      sourceKind: 'volume',
      volume: 'lab-alpha.qcow2',
      volumePath: `${hv1.pool?.path}/lab-alpha.qcow2`,
      capacityBytes: MiB8,
    });
    expect(details.uptime.known).toBe(true);
  });
});
