import { describe, expect, it } from 'vitest';
import { parseDefinitionXml } from '../hypervisor/libvirt/parse-domain-xml';
import { parseDomainDevices } from '../hypervisor/libvirt/parse-vm-devices';
import { vmNameProblem } from '../../../shared/domain/create-vm';
import { cloneSources, cloneVmXml, newMac, newVmXml, type NewVmSpec } from './vm-xml';

const UUID = '11111111-2222-4333-8444-555555555555';
const HOSTILE = `it's "odd" <b> & $(touch x); \`id\``;

const spec = (extra: Partial<NewVmSpec> = {}): NewVmSpec => ({
  name: HOSTILE,
  uuid: UUID,
  domainType: 'qemu',
  vcpus: 2,
  memoryMiB: 256,
  network: { kind: 'user' },
  mac: '52:54:00:aa:bb:cc',
  ...extra,
});

describe('the new VM domain XML', () => {
  it('carries a hostile name, pool and volume as data: libvirt reads back exactly what was typed', () => {
    const xml = newVmXml(
      spec({
        disk: { pool: `p'"<&`, volume: `${HOSTILE}.qcow2`, format: 'qcow2' },
        iso: { pool: 'iso', volume: 'a "b".iso' },
        network: { kind: 'network', name: `net'"` },
      }),
    );
    const facts = parseDefinitionXml(xml);
    expect(facts).toMatchObject({ name: HOSTILE, uuid: UUID, vcpus: 2, memoryKiB: 256 * 1024 });
    const devices = parseDomainDevices(xml);
    expect(devices.disks).toMatchObject([
      { device: 'disk', pool: `p'"<&`, volume: `${HOSTILE}.qcow2`, format: 'qcow2', bus: 'virtio' },
      { device: 'cdrom', pool: 'iso', volume: 'a "b".iso', readOnly: true },
    ]);
    expect(devices.nics).toMatchObject([
      { mac: '52:54:00:aa:bb:cc', type: 'network', source: `net'"` },
    ]);
    expect(xml).toContain('<name>it&#39;s &#34;odd&#34; &#60;b&#62; &#38; $(touch x); `id`</name>');
    expect(xml.startsWith('<domain')).toBe(true);
    expect(xml).toMatch(/<boot dev="cdrom"\/>\s*<boot dev="hd"\/>/);
  });

  it('with no disk, no network card: neither element is written', () => {
    const xml = newVmXml(spec({ network: { kind: 'none' } }));
    const devices = parseDomainDevices(xml);
    expect(devices.disks).toEqual([]);
    expect(devices.nics).toEqual([]);
    expect(xml).toContain('<graphics type="vnc" port="-1" autoport="yes" listen="127.0.0.1"/>');
  });

  it("a template keeps its own devices and type; the wizard's name, UUID, size and devices are set on it", () => {
    const template = `<domain type='kvm'><name>tmpl</name><uuid>00000000-0000-4000-8000-000000000000</uuid>
      <memory unit='GiB'>8</memory><currentMemory unit='GiB'>4</currentMemory><vcpu placement='static'>8</vcpu>
      <os><type arch='x86_64' machine='pc-q35-8.2'>hvm</type></os>
      <devices><video><model type='virtio'/></video></devices></domain>`;
    const xml = newVmXml(spec({ templateXml: template, iso: { pool: 'iso', volume: 'x.iso' } }));
    expect(parseDefinitionXml(xml)).toMatchObject({
      name: HOSTILE,
      uuid: UUID,
      vcpus: 2,
      memoryKiB: 256 * 1024,
    });
    expect(xml).toContain('<domain type="kvm">');
    expect(xml).toContain('<vcpu placement="static">2</vcpu>');
    expect(xml).not.toContain('currentMemory');
    expect(xml).toContain('<model type="virtio"/>');
    // q35 has no IDE: the CD-ROM goes on SATA.
    expect(xml).toContain('<target dev="sdc" bus="sata"/>');
  });

  it('refuses a template that is not a domain, is broken, or declares entities', () => {
    expect(() => newVmXml(spec({ templateXml: '<network/>' }))).toThrow(
      'The template XML is not a libvirt <domain>',
    );
    expect(() => newVmXml(spec({ templateXml: '<domain><name>x</domain>' }))).toThrow(
      /The template XML is not well-formed XML/,
    );
    expect(() =>
      newVmXml(
        spec({ templateXml: '<!DOCTYPE d [<!ENTITY e "boom">]><domain><name>&e;</name></domain>' }),
      ),
    ).toThrow(/declares a DOCTYPE or entities|not well-formed/);
  });

  it("makes MACs in QEMU's locally administered range", () => {
    expect(newMac(() => Buffer.from([0xab, 0x01, 0xff]))).toBe('52:54:00:ab:01:ff');
    expect(newMac()).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  });
});

const SOURCE = `<domain type='qemu'>
  <name>alpha</name>
  <uuid>aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa</uuid>
  <metadata>
    <federator:vm xmlns:federator="https://federator.dev/xmlns/vm/1" application="a" service="s"/>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo>
  </metadata>
  <memory unit='KiB'>65536</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader><nvram>/var/lib/libvirt/qemu/nvram/alpha_VARS.fd</nvram></os>
  <devices>
    <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='default' volume='lab-alpha.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/var/lib/libvirt/images/data it&apos;s.img'/><target dev='vdb' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><source file='/srv/iso/d.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>
    <disk type='file' device='disk'><source file='/srv/shared.img'/><target dev='vdc' bus='virtio'/><shareable/></disk>
    <interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/><target dev='vnet0'/></interface>
    <interface type='user'><mac address='52:54:00:00:00:02'/></interface>
    <graphics type='vnc' port='5901' autoport='no' listen='127.0.0.1'/>
  </devices>
</domain>`;

describe('the clone domain XML', () => {
  it('lists the writable disks to copy (volumes and files), not CD-ROMs, read-only or shared ones', () => {
    expect(cloneSources(SOURCE, 'alpha')).toEqual([
      {
        target: 'vda',
        kind: 'volume',
        pool: 'default',
        volume: 'lab-alpha.qcow2',
        format: 'qcow2',
      },
      { target: 'vdb', kind: 'file', path: "/var/lib/libvirt/images/data it's.img", format: 'raw' },
    ]);
  });

  it('refuses a block or network disk in words', () => {
    const block = SOURCE.replace(
      "<disk type='volume' device='disk'>",
      "<disk type='block' device='disk'><source dev='/dev/sdb'/></disk><disk type='volume' device='disk'>",
    );
    expect(() => cloneSources(block, 'alpha')).toThrow(
      "alpha's disk ? is a block disk: only disks in a storage pool (a volume, or a file in a pool's directory) are copied",
    );
  });

  it('a new name and UUID, new MACs, each disk on its copy, no host device, no nvram, no service tag, a free VNC port', () => {
    let n = 0;
    const xml = cloneVmXml(SOURCE, 'alpha', {
      name: HOSTILE,
      uuid: UUID,
      disks: [
        { pool: 'default', volume: `${HOSTILE}.qcow2` },
        {
          pool: 'default',
          volume: `${HOSTILE}-1.img`,
          path: `/var/lib/libvirt/images/${HOSTILE}-1.img`,
        },
      ],
      mac: () => `52:54:00:00:10:0${++n}`,
    });
    expect(parseDefinitionXml(xml)).toMatchObject({ name: HOSTILE, uuid: UUID });
    expect(parseDefinitionXml(xml).application).toBeUndefined();
    const devices = parseDomainDevices(xml);
    expect(devices.disks.map((d) => d.source)).toEqual([
      `default/${HOSTILE}.qcow2`,
      `/var/lib/libvirt/images/${HOSTILE}-1.img`,
      '/srv/iso/d.iso',
      '/srv/shared.img',
    ]);
    expect(devices.nics.map((x) => x.mac)).toEqual(['52:54:00:00:10:01', '52:54:00:00:10:02']);
    expect(devices.nics[0]?.hostDevice).toBeUndefined();
    expect(xml).not.toContain('nvram');
    expect(xml).toContain('OVMF_CODE.fd');
    expect(xml).toContain('libosinfo');
    expect(xml).toMatch(/<graphics type="vnc" port="-1" autoport="yes" listen="127.0.0.1"\/>/);
  });
});

describe('VM names', () => {
  it("are refused in words where libvirt or a pool's file names would refuse them", () => {
    expect(vmNameProblem(`it's "new"; $(id)`)).toBeUndefined();
    expect(vmNameProblem('')).toBe('A VM needs a name');
    expect(vmNameProblem(' web')).toBe('A VM name cannot start or end with a space');
    expect(vmNameProblem('a/b')).toBe('A VM name cannot hold "/" (libvirt makes file names of it)');
    expect(vmNameProblem('a\nb')).toBe('A VM name is one line, without control characters');
    expect(vmNameProblem('12')).toBe(
      'A VM name cannot be digits only (virsh would read it as an id)',
    );
    expect(vmNameProblem('x'.repeat(81))).toBe('A VM name is at most 80 characters');
    expect(vmNameProblem('🖥'.repeat(61))).toBe('A VM name is at most 240 bytes long');
  });
});
