import { describe, expect, it } from 'vitest';
import { fakeVirshHost } from '../../../testing/fake-virsh-host';
import { libvirtVolumes, parseVolumeList, volumeXml } from './libvirt-volumes';

const LIST = ` Name                          Path
-------------------------------------------------------------------------------------
 lab-base.qcow2                /home/hv1/.local/share/libvirt/images/lab-base.qcow2
 it's "x" $(id) / y.qcow2      /home/hv1/.local/share/libvirt/images/it's "x" $(id) ⁄ y.qcow2

`;

describe('pool volumes over virsh', () => {
  it("reads vol-list with names holding spaces, quotes and $(…) by the header's column", () => {
    expect(parseVolumeList(LIST, 'default')).toEqual([
      {
        pool: 'default',
        name: 'lab-base.qcow2',
        path: '/home/hv1/.local/share/libvirt/images/lab-base.qcow2',
      },
      {
        pool: 'default',
        name: `it's "x" $(id) / y.qcow2`,
        path: `/home/hv1/.local/share/libvirt/images/it's "x" $(id) ⁄ y.qcow2`,
      },
    ]);
    expect(parseVolumeList('', 'default')).toEqual([]);
    expect(parseVolumeList('error: garbage\n', 'default')).toEqual([]);
  });

  it('bounds what a host lists', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ` v${i}   /p/v${i}`).join('\n');
    expect(parseVolumeList(` Name   Path\n-----\n${rows}\n`, 'p')).toHaveLength(1000);
  });

  it('writes the volume XML with an XML writer: a hostile name is escaped data', () => {
    const xml = volumeXml({ name: `a<b>&"c'`, capacityBytes: 16 * 1024 * 1024, format: 'qcow2' });
    expect(xml).toContain('<name>a&lt;b&gt;&amp;&quot;c&apos;</name>');
    expect(xml).toContain('<capacity unit="bytes">16777216</capacity>');
    expect(xml).toContain('<format type="qcow2"></format>');
  });

  it('passes pool and volume names as their own arguments; the XML goes on stdin; a gone volume deletes fine', async () => {
    const stdins: (string | undefined)[] = [];
    const { ctx, ran } = fakeVirshHost((argv) =>
      argv.includes('vol-delete')
        ? {
            code: 1,
            stdout: '',
            stderr: "error: Storage volume not found: no storage vol with matching name 'x'",
          }
        : { code: 0, stdout: '', stderr: '' },
    );
    const exec = ctx.shell.exec.bind(ctx.shell);
    ctx.shell.exec = (argv, options) => {
      stdins.push(options?.stdin);
      return exec(argv, options);
    };
    const volumes = libvirtVolumes(ctx);
    const name = `x $(id); 'y'`;
    await volumes.create('my pool', { name, capacityBytes: 1024, format: 'qcow2' });
    await volumes.clone('my pool', 'src vol', name);
    await volumes.remove('my pool', name);
    expect(ran[0]).toEqual([
      'sh',
      '-c',
      expect.stringContaining('vol-create --pool "$2" --file "$f"'),
      'sh',
      'qemu:///session',
      'my pool',
    ]);
    expect(ran[0]!.join(' ')).not.toContain(name);
    expect(stdins[0]).toContain('<name>x $(id); &apos;y&apos;</name>');
    expect(ran[1]).toEqual([
      'virsh',
      '-c',
      'qemu:///session',
      'vol-clone',
      '--pool',
      'my pool',
      '--vol',
      'src vol',
      '--newname',
      name,
    ]);
    expect(ran[2]).toEqual([
      'virsh',
      '-c',
      'qemu:///session',
      'vol-delete',
      '--pool',
      'my pool',
      '--vol',
      name,
    ]);
  });

  it("says libvirt's refusal in words, naming the volume, the pool and the host", async () => {
    const { ctx } = fakeVirshHost(() => ({
      code: 1,
      stdout: '',
      stderr:
        "error: Failed to create vol from x\nerror: storage volume name 'v.qcow2' already in use.",
    }));
    await expect(
      libvirtVolumes(ctx).create('default', { name: 'v.qcow2', capacityBytes: 1, format: 'qcow2' }),
    ).rejects.toThrow(
      /Couldn't create volume 'v.qcow2' in pool 'default' on hv1: .*already in use/,
    );
  });
});
