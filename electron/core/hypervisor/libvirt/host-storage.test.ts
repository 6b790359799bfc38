import { describe, expect, it } from 'vitest';
import { batchAnswer, fakeVirshHost } from '../../../testing/fake-virsh-host';
import { readHostStorage } from './host-storage';

const P1 = '680be7da-615e-4ca2-83c0-8b4d03c55210';
const P2 = '11111111-2222-4333-8444-555555555555';
const N1 = 'bdff304b-add2-4b4f-80e0-cb61aafa8fc8';
const poolXml = (uuid: string, name: string, sizes: [number, number, number]) =>
  `<pool type='dir'><name>${name}</name><uuid>${uuid}</uuid>
  <capacity unit='bytes'>${sizes[0]}</capacity><allocation unit='bytes'>${sizes[1]}</allocation>
  <available unit='bytes'>${sizes[2]}</available><target><path>/img/${name}</path></target></pool>`;
const NET = `<network><name>lab-net</name><uuid>${N1}</uuid><bridge name='virbr-hv1'/>
  <ip address='192.168.250.1' netmask='255.255.255.0'/></network>`;

function host(lists: string[], xmls: string[], stderr = '') {
  return fakeVirshHost((argv) => {
    const script = argv[3] ?? '';
    if (script.startsWith('pool-list')) return batchAnswer(script, lists, stderr);
    if (script.startsWith('pool-dumpxml') || script.startsWith('net-dumpxml')) {
      return batchAnswer(script, xmls);
    }
    return { code: 1, stdout: '', stderr: 'error: not in this test' };
  });
}

describe('readHostStorage', () => {
  it('reads pools and networks with their state, by UUID only', async () => {
    const { ctx, ran } = host(
      [`${P1}\n${P2}\n`, `${P1}\n`, `${P1}\n`, `${N1}\n`, '', ''],
      [poolXml(P1, `pool '$(id)'`, [100, 40, 60]), poolXml(P2, 'backup', [0, 0, 0]), NET],
    );
    const storage = await readHostStorage(ctx);
    expect(storage.pools).toEqual([
      {
        uuid: P2,
        name: 'backup',
        type: 'dir',
        path: '/img/backup',
        active: false,
        autostart: false,
      },
      {
        uuid: P1,
        name: "pool '$(id)'",
        type: 'dir',
        path: "/img/pool '$(id)'",
        active: true,
        autostart: true,
        capacityBytes: 100,
        allocationBytes: 40,
        availableBytes: 60,
      },
    ]);
    expect(storage.networks).toEqual([
      {
        uuid: N1,
        name: 'lab-net',
        bridge: 'virbr-hv1',
        address: '192.168.250.1/24',
        active: false,
        autostart: false,
      },
    ]);
    // The second batch names UUIDs, never a name.
    expect(ran[1]?.[3]).toMatch(
      new RegExp(`^pool-dumpxml ${P1}; echo @@federator-[0-9a-f]+@@; pool-dumpxml ${P2};`),
    );
    expect(ran[1]?.[3]).not.toContain('$(id)');
  });

  it('a host with neither asks nothing more', async () => {
    const { ctx, ran } = host(['', '', '', '', '', ''], []);
    expect(await readHostStorage(ctx)).toMatchObject({ pools: [], networks: [] });
    expect(ran).toHaveLength(1);
  });

  it('a pool gone between the two reads is left out', async () => {
    const { ctx } = host([`${P1}\n${P2}\n`, '', '', '', '', ''], [poolXml(P1, 'a', [1, 1, 0]), '']);
    expect((await readHostStorage(ctx)).pools.map((p) => p.name)).toEqual(['a']);
  });

  it("says libvirt's reason when it cannot list pools", async () => {
    const { ctx } = host(
      ['', '', '', '', '', ''],
      [],
      'error: failed to connect to the hypervisor\nerror: Cannot recv data: Connection reset by peer\n',
    );
    await expect(readHostStorage(ctx)).rejects.toMatchObject({
      code: 'command-failed',
      message: expect.stringMatching(
        /^Couldn't read the storage pools and networks of hv1: .*Connection reset/,
      ) as unknown,
    });
  });

  it('refuses a list that is not UUIDs, and a pool XML that is broken, naming the host', async () => {
    const bad = host(['default\n', '', '', '', '', ''], []);
    await expect(readHostStorage(bad.ctx)).rejects.toMatchObject({ code: 'parse-error' });
    const broken = host([`${P1}\n`, '', '', '', '', ''], ['<pool><name>x</name><uuid>nope']);
    await expect(readHostStorage(broken.ctx)).rejects.toMatchObject({
      code: 'parse-error',
      message: expect.stringMatching(
        /of hv1: Unexpected output from `virsh pool-dumpxml`/,
      ) as unknown,
    });
  });
});
