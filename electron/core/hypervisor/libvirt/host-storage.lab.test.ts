import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDriver, labHost, labSshTarget, readLab, virshAs } from '../../../testing/lab-hosts';
import { openSshSession } from '../../ssh/ssh-connect';
import type { SshSession } from '../../ssh/ssh-session';

// hv1's pool `default` and network `lab-net` as lab/pool.sh made them; only read here.
const lab = readLab();
const hv1 = labHost(lab, 1);
let session: SshSession;

beforeAll(async () => {
  session = await openSshSession(labSshTarget(lab, hv1));
}, 60_000);

afterAll(async () => {
  await session?.close();
});

const figure = (info: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(info)?.[1]);

describe("a real host's storage pools and networks", () => {
  it('reads the pool with the sizes virsh pool-info gives, and the inactive network', async () => {
    const storage = await labDriver(session, hv1).hostStorage();
    const info = virshAs(hv1, 'pool-info', '--bytes', 'default');
    const pool = storage.pools.find((p) => p.name === 'default');
    expect(pool).toMatchObject({
      type: 'dir',
      active: true,
      autostart: true,
      path: hv1.pool?.path,
      capacityBytes: figure(info, 'Capacity'),
    });
    // The filesystem under it is shared with everything else on this machine: it moves a little.
    const slack = 256 * 1024 * 1024;
    expect(Math.abs((pool?.availableBytes ?? 0) - figure(info, 'Available'))).toBeLessThan(slack);
    expect(Math.abs((pool?.allocationBytes ?? 0) - figure(info, 'Allocation'))).toBeLessThan(slack);
    expect(storage.networks).toContainEqual({
      uuid: virshAs(hv1, 'net-uuid', 'lab-net').trim(),
      name: 'lab-net',
      bridge: 'virbr-hv1',
      address: '192.168.250.1/24',
      active: false,
      autostart: false,
    });
  });

  it('sees a pool stopped out of band as inactive, without sizes', async () => {
    const dir = `/tmp/federator-pool-test-${process.pid}`;
    const name = `it's a "$(touch pwned)" pool ${process.pid}`;
    virshAs(hv1, 'pool-define-as', name, 'dir', '--target', dir);
    try {
      const storage = await labDriver(session, hv1).hostStorage();
      const pool = storage.pools.find((p) => p.name === name);
      expect(pool).toMatchObject({ type: 'dir', active: false, autostart: false, path: dir });
      expect(pool?.capacityBytes).toBeUndefined();
    } finally {
      virshAs(hv1, 'pool-undefine', name);
    }
  });
});
