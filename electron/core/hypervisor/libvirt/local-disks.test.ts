import { describe, expect, it } from 'vitest';
import { HostId, VmId } from '../../../../shared/domain/ids';
import { recordingContext } from '../../../testing/recording-context';
import { toCommandLine } from '../../ssh/quote';
import { LAB_TARGET } from '../../../testing/migration-target';
import { migrateDomain } from './libvirt-migrate';
import { parseDomainXml } from './parse-domain-xml';
import { parseDomstats } from './parse-domstats';
import { assembleVms } from './vm-listing';

const uuid = '0b7f5c1e-2a4d-4c59-9a37-6f0e2d1c8b90';

// Disks as lab/pool.sh gives its guests (a pool volume), plus the kinds a move must not copy.
const XML = `<domain type='qemu'><name>alpha</name><uuid>${uuid}</uuid>
<memory unit='MiB'>64</memory><vcpu>1</vcpu><devices>
<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>
  <source pool='my "pool"' volume='lab-alpha.qcow2'/><target dev='vda' bus='virtio'/></disk>
<disk type='file' device='disk'><driver name='qemu' type='raw'/>
  <source file='/var/lib/libvirt/images/a b $(x).img'/><target dev='vdb'/></disk>
<disk type='file' device='cdrom'><source file='/iso/debian.iso'/><target dev='sda'/><readonly/></disk>
<disk type='file' device='disk'><source file='/shared/ro.img'/><target dev='vdc'/><readonly/></disk>
<disk type='file' device='disk'><source file='/shared/quorum.img'/><target dev='vdd'/><shareable/></disk>
<disk type='network' device='disk'><source protocol='rbd' name='pool/img'/><target dev='vde'/></disk>
<disk type='file' device='disk'><source file='/no/target.img'/></disk>
</devices></domain>`;

const STATS = `Domain: 'alpha'
  state.state=1
  state.reason=1
  vcpu.current=1
  balloon.current=65536
  block.count=3
  block.0.name=vda
  block.0.path=/home/hv1/.local/share/libvirt/images/lab-alpha.qcow2
  block.0.capacity=8388608
  block.1.name=vdb
  block.1.capacity=not-a-number
  block.2.name=sda
  block.2.capacity=400000000
`;

describe('local disks in the VM listing', () => {
  it('reads the writable file and volume disks from the XML, and their sizes from domstats --block', () => {
    const facts = parseDomainXml(XML);
    expect(facts.disks).toEqual([
      {
        target: 'vda',
        kind: 'volume',
        pool: 'my "pool"',
        volume: 'lab-alpha.qcow2',
        format: 'qcow2',
      },
      { target: 'vdb', kind: 'file', path: '/var/lib/libvirt/images/a b $(x).img', format: 'raw' },
    ]);
    const stats = parseDomstats(STATS);
    expect([...(stats.get('alpha')?.diskCapacity ?? [])]).toEqual([
      ['vda', 8388608],
      ['sda', 400000000],
    ]);
    const [vm] = assembleVms(
      HostId.parse('hv1'),
      [{ uuid, name: 'alpha' }],
      new Set(),
      stats,
      new Map([[uuid, facts]]),
    );
    expect(vm?.disks).toEqual([
      { ...facts.disks?.[0], capacityBytes: 8388608 },
      facts.disks?.[1], // no figure: not weighed, not made up
    ]);
  });

  it('lists a domain without disks as before, with no disks field', () => {
    const bare = XML.replace(/<devices>[\s\S]*<\/devices>/, '<devices/>');
    expect(parseDomainXml(bare).disks).toBeUndefined();
  });
});

describe('migrating local disks', () => {
  const recording = () => recordingContext('', 0, 'qemu:///session');

  it('adds --copy-storage-all --migrate-disks with the named disks to a live migration', async () => {
    const { ctx, sent } = recording();
    await migrateDomain(
      ctx,
      VmId.parse(uuid),
      LAB_TARGET,
      { live: true, copyDisks: ['vda', 'vdb'] },
      'alpha',
    );
    const argv = sent[0] ?? [];
    const at = argv.indexOf('--copy-storage-all');
    expect(at).toBeGreaterThan(0);
    expect(argv.slice(at, at + 3)).toEqual(['--copy-storage-all', '--migrate-disks', 'vda,vdb']);
    expect(toCommandLine(argv)).toContain('--live');
  });

  it('sends no storage flags without disks, and refuses odd device names or an offline copy', async () => {
    const { ctx, sent } = recording();
    await migrateDomain(ctx, VmId.parse(uuid), LAB_TARGET, { live: true }, 'alpha');
    expect(sent[0]).not.toContain('--copy-storage-all');
    await expect(
      migrateDomain(
        ctx,
        VmId.parse(uuid),
        LAB_TARGET,
        { live: true, copyDisks: ['vda,vdb'] },
        'alpha',
      ),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(
      migrateDomain(
        ctx,
        VmId.parse(uuid),
        LAB_TARGET,
        { live: false, copyDisks: ['vda'] },
        'alpha',
      ),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('disks are copied only in a live migration') as unknown,
    });
    expect(sent).toHaveLength(1);
  });
});
