import { describe, expect, it } from 'vitest';
import { parseDomainDevices } from './parse-vm-devices';
import { parseBlockInfo, parseInterfaceAddresses, parseProcessAge } from './parse-vm-tables';
import { parseErrorOf } from '../../../testing/parse-error-of';

const HOSTILE_PATH = `/home/hv1/it's a "$(touch pwned)" disk.qcow2`;

/** A domain as virt-install writes one: libosinfo metadata, two disks, two NICs, agent, serial. */
const XML = `<domain type='kvm'>
  <name>web-1</name>
  <uuid>0b5b2f3e-2f7e-4c1e-9d6a-2b9f3c1a4d10</uuid>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://debian.org/debian/12"/>
    </libosinfo:libosinfo>
  </metadata>
  <memory unit='KiB'>1048576</memory>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${HOSTILE_PATH.replace(/'/g, '&apos;').replace(/"/g, '&quot;')}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='raw'/>
      <source pool='default' volume='data.img'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:AA:bb:01'/>
      <source network='default'/>
      <target dev='vnet3'/>
      <model type='virtio'/>
    </interface>
    <interface type='bridge'>
      <mac address='52:54:00:aa:bb:02'/>
      <source bridge='br0'/>
      <model type='e1000'/>
    </interface>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <serial type='pty'><target port='0'/></serial>
  </devices>
</domain>`;

describe('the devices of a domain XML', () => {
  const devices = parseDomainDevices(XML);

  it('lists every disk with its target, bus, format and exact source', () => {
    expect(devices.disks).toEqual([
      {
        target: 'vda',
        device: 'disk',
        bus: 'virtio',
        format: 'qcow2',
        sourceKind: 'file',
        source: HOSTILE_PATH,
        readOnly: false,
      },
      {
        target: 'vdb',
        device: 'disk',
        bus: 'virtio',
        format: 'raw',
        sourceKind: 'volume',
        source: 'default/data.img',
        pool: 'default',
        volume: 'data.img',
        readOnly: false,
      },
      { target: 'sda', device: 'cdrom', bus: 'sata', sourceKind: 'none', readOnly: true },
    ]);
  });

  it('lists every NIC with its MAC (lower case), network or bridge and model', () => {
    expect(devices.nics).toEqual([
      {
        mac: '52:54:00:aa:bb:01',
        type: 'network',
        source: 'default',
        model: 'virtio',
        hostDevice: 'vnet3',
      },
      { mac: '52:54:00:aa:bb:02', type: 'bridge', source: 'br0', model: 'e1000' },
    ]);
  });

  it('reads the libosinfo id, the serial device and the guest agent channel', () => {
    expect(devices.osId).toBe('http://debian.org/debian/12');
    expect(devices.hasSerial).toBe(true);
    expect(devices.hasAgentChannel).toBe(true);
  });

  it('says a bare domain has no disk, NIC, OS id or serial console', () => {
    const bare = parseDomainDevices(
      `<domain><name>x</name><devices><emulator>/q</emulator></devices></domain>`,
    );
    expect(bare).toEqual({ disks: [], nics: [], hasSerial: false, hasAgentChannel: false });
  });

  it('ignores an OS id under another namespace', () => {
    const other = XML.replace('http://libosinfo.org/xmlns/libvirt/domain/1.0', 'urn:elsewhere');
    expect(parseDomainDevices(other).osId).toBeUndefined();
  });

  it.each([
    ['truncated XML', XML.slice(0, 400), 'malformed XML'],
    [
      'a disk without a target',
      XML.replace(`<target dev='vdb' bus='virtio'/>`, ''),
      'disk 2 has no <target dev>',
    ],
    [
      'a NIC without a MAC',
      XML.replace(`<mac address='52:54:00:aa:bb:02'/>`, ''),
      'interface 2 has no <mac address>',
    ],
    ['no domain at all', '<network><name>x</name></network>', 'no <domain> element'],
  ])('refuses %s with a parse-error that keeps the output', (_, xml, why) => {
    const error = parseErrorOf(() => parseDomainDevices(xml));
    expect(error.code).toBe('parse-error');
    expect(error.message).toContain(why);
    expect(error.detail).toContain(xml.slice(0, 30));
  });
});

describe('virsh domblkinfo --all', () => {
  const TABLE = ` Target   Capacity      Allocation   Physical
-------------------------------------------------------
 vda      16777216      2752512      2752512
 sda      -             -            -
`;

  it('reads the sizes in bytes by target, nothing for an empty drive', () => {
    expect(parseBlockInfo(TABLE)).toEqual(
      new Map([
        ['vda', { capacityBytes: 16777216, allocationBytes: 2752512, physicalBytes: 2752512 }],
        ['sda', {}],
      ]),
    );
  });

  it('reads a domain without disks as no sizes', () => {
    expect(
      parseBlockInfo(' Target   Capacity   Allocation   Physical\n-----------------------\n\n'),
    ).toEqual(new Map());
  });

  it.each([
    [
      'a short row',
      TABLE.replace(' 2752512\n sda', '\n sda'),
      'not a "target capacity allocation physical" row',
    ],
    ['a size in words', TABLE.replace('16777216', '16.0MiB'), 'capacity of vda is out of range'],
    [
      'a size past 2^53',
      TABLE.replace('16777216', '99999999999999999999'),
      'capacity of vda is out of range',
    ],
    ['no table', 'error: something else', 'no table'],
    ['a target twice', `${TABLE} vda 1 1 1\n`, 'target vda appears twice'],
  ])('refuses %s', (_, output, why) => {
    const error = parseErrorOf(() => parseBlockInfo(output));
    expect(error.code).toBe('parse-error');
    expect(error.message).toContain(why);
  });
});

describe('virsh domifaddr --full', () => {
  const TABLE = ` Name       MAC address          Protocol     Address
-------------------------------------------------------------------------------
 vnet3      52:54:00:AA:bb:01    ipv4         192.168.122.45/24
 vnet3      52:54:00:aa:bb:01    ipv6         fd00::5054:ff:feaa:bb01/64
 -          -                    ipv4         10.0.0.7/8
`;

  it('reads every address with its MAC, protocol and prefix', () => {
    expect(parseInterfaceAddresses(TABLE)).toEqual([
      { mac: '52:54:00:aa:bb:01', protocol: 'ipv4', address: '192.168.122.45', prefix: 24 },
      {
        mac: '52:54:00:aa:bb:01',
        protocol: 'ipv6',
        address: 'fd00::5054:ff:feaa:bb01',
        prefix: 64,
      },
      { mac: '52:54:00:aa:bb:01', protocol: 'ipv4', address: '10.0.0.7', prefix: 8 },
    ]);
  });

  it('reads an empty table (the source knows nothing) as no address', () => {
    expect(
      parseInterfaceAddresses(
        ' Name   MAC address   Protocol   Address\n---------------------\n\n',
      ),
    ).toEqual([]);
    expect(parseInterfaceAddresses('')).toEqual([]);
  });

  it.each([
    [
      'an address that is not one',
      TABLE.replace('192.168.122.45', '192.168.122.456'),
      'not an ipv4 address',
    ],
    ['an unknown protocol', TABLE.replace('ipv6', 'ipx'), 'unknown protocol'],
    ['a MAC that is not one', TABLE.replace('52:54:00:AA:bb:01', 'zz'), 'no MAC address'],
    [
      'a repeat with nothing above',
      ' Name MAC Protocol Address\n----------\n - - ipv4 10.0.0.1/8\n',
      'no MAC address',
    ],
    ['a bad prefix', TABLE.replace('/24', '/200'), 'not a prefix length'],
  ])('refuses %s', (_, output, why) => {
    const error = parseErrorOf(() => parseInterfaceAddresses(output));
    expect(error.code).toBe('parse-error');
    expect(error.message).toContain(why);
  });
});

describe('the QEMU process age', () => {
  it('takes the qemu line among the processes found', () => {
    expect(parseProcessAge('   12 bash\n 3725 qemu-system-x86\n')).toBe(3725);
  });

  it('finds none when no process is QEMU', () => {
    expect(parseProcessAge('   12 bash\n')).toBeUndefined();
    expect(parseProcessAge('')).toBeUndefined();
  });

  it('refuses a figure that is no number of seconds', () => {
    expect(parseErrorOf(() => parseProcessAge(' 1-02:03:04 qemu-system-x86\n')).message).toContain(
      'QEMU process age is out of range',
    );
  });
});
