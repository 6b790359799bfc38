import { describe, expect, it } from 'vitest';
import { parseNetworkXml, parsePoolXml, parseVolumeXml } from './parse-storage';

const POOL_UUID = '680be7da-615e-4ca2-83c0-8b4d03c55210';
const POOL = `<pool type='dir'>
  <name>default</name>
  <uuid>${POOL_UUID}</uuid>
  <capacity unit='bytes'>270553174016</capacity>
  <allocation unit='bytes'>30645837824</allocation>
  <available unit='bytes'>239907336192</available>
  <source>
  </source>
  <target>
    <path>/home/hv1/.local/share/libvirt/images</path>
  </target>
</pool>`;

describe('parsePoolXml', () => {
  it('reads a pool as virsh pool-dumpxml prints it, sizes in bytes', () => {
    expect(parsePoolXml(POOL)).toEqual({
      uuid: POOL_UUID,
      name: 'default',
      type: 'dir',
      path: '/home/hv1/.local/share/libvirt/images',
      capacityBytes: 270553174016,
      allocationBytes: 30645837824,
      availableBytes: 239907336192,
    });
  });

  it('keeps a hostile name as data and scales other units', () => {
    const xml = POOL.replace(
      '<name>default</name>',
      '<name>p &apos;$(id)&apos; &lt;x&gt;</name>',
    ).replace("<capacity unit='bytes'>270553174016", "<capacity unit='GiB'>2");
    const pool = parsePoolXml(xml);
    expect(pool.name).toBe("p '$(id)' <x>");
    expect(pool.capacityBytes).toBe(2 * 1024 ** 3);
  });

  it.each([
    ['malformed XML', '<pool type="dir"><name>x</name>'],
    ['no <pool>', '<volume/>'],
    ['no name', POOL.replace('<name>default</name>', '')],
    ['a bad UUID', POOL.replace(POOL_UUID, 'not-a-uuid')],
    ['an unknown unit', POOL.replace("<capacity unit='bytes'>", "<capacity unit='furlongs'>")],
    ['a negative size', POOL.replace('>30645837824<', '>-5<')],
    ['a size past 2^53', POOL.replace('>30645837824<', '>99999999999999999999<')],
    ['a fraction', POOL.replace('>30645837824<', '>1.5<')],
  ])('refuses %s with a parse error naming the command', (_what, xml) => {
    expect(() => parsePoolXml(xml)).toThrow(/Unexpected output from `virsh pool-dumpxml`/);
  });
});

describe('parseVolumeXml', () => {
  it('reads the path and the three sizes', () => {
    const xml = `<volume type='file'><name>a</name><capacity unit='bytes'>8388608</capacity>
      <allocation unit='bytes'>200704</allocation><physical unit='bytes'>196616</physical>
      <target><path>/img/a b.qcow2</path></target></volume>`;
    expect(parseVolumeXml(xml)).toEqual({
      path: '/img/a b.qcow2',
      capacityBytes: 8388608,
      allocationBytes: 200704,
      physicalBytes: 196616,
    });
  });

  it('leaves out what the volume does not say', () => {
    expect(parseVolumeXml('<volume><name>a</name></volume>')).toEqual({});
  });

  it('refuses XML nested past any real document', () => {
    const deep = `<volume>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</volume>`;
    expect(() => parseVolumeXml(deep)).toThrow(/nested deeper/);
  });
});

describe('parseNetworkXml', () => {
  it('reads a NAT network with its bridge and address', () => {
    const xml = `<network><name>default</name><uuid>${POOL_UUID}</uuid>
      <forward mode='nat'/><bridge name='virbr0' stp='on'/>
      <ip address='192.168.122.1' netmask='255.255.255.0'><dhcp/></ip></network>`;
    expect(parseNetworkXml(xml)).toEqual({
      uuid: POOL_UUID,
      name: 'default',
      forward: 'nat',
      bridge: 'virbr0',
      address: '192.168.122.1/24',
    });
  });

  it('an isolated network has no forward mode; a prefix is taken as given', () => {
    const xml = `<network><name>iso</name><uuid>${POOL_UUID}</uuid>
      <ip family='ipv6' address='fd00::1' prefix='64'/><ip address='10.0.0.1' prefix='8'/></network>`;
    expect(parseNetworkXml(xml)).toEqual({ uuid: POOL_UUID, name: 'iso', address: 'fd00::1/64' });
  });

  it('a <forward> without a mode is NAT, as libvirt defaults it', () => {
    const xml = `<network><name>n</name><uuid>${POOL_UUID}</uuid><forward/></network>`;
    expect(parseNetworkXml(xml).forward).toBe('nat');
  });

  it('refuses a network without a UUID', () => {
    expect(() => parseNetworkXml('<network><name>n</name></network>')).toThrow(/no valid <uuid>/);
  });
});
