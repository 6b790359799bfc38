import { MAX_VM_DISKS, type VmDiskRef } from '../../../../shared/domain/vm';
import type { VmDisk, VmNic } from '../../../../shared/domain/vm-details';
import { parseError } from './parse-error';
import {
  attribute,
  child,
  children,
  isNode,
  metadataElements,
  parseXml,
  type XmlValue,
} from './xml';

/** The namespace libosinfo-aware tools (virt-install, virt-manager) write the OS id under. */
export const LIBOSINFO_NS = 'http://libosinfo.org/xmlns/libvirt/domain/1.0';

/** What the details read from a domain's XML itself (the rest comes from other virsh commands). */
export interface DomainDevices {
  disks: Omit<
    VmDisk,
    'capacityBytes' | 'allocationBytes' | 'physicalBytes' | 'volumePath' | 'volumeError'
  >[];
  nics: Omit<VmNic, 'addresses'>[];
  osId?: string;
  /** A <serial> or <console> device: what `virsh console` attaches to. */
  hasSerial: boolean;
  /** A guest agent channel: only then is `domifaddr --source agent` worth asking. */
  hasAgentChannel: boolean;
}

/**
 * Disks, NICs, the libosinfo id and the console devices of `virsh dumpxml`. Paths, networks and
 * names are read from attributes, never from virsh's tables, so spaces, quotes and newlines in
 * them stay exact.
 */
export function parseDomainDevices(xml: string, command = 'virsh dumpxml'): DomainDevices {
  const domain = child(parseXml(xml, command), 'domain');
  if (!isNode(domain)) throw parseError(command, 'no <domain> element', xml);
  const devices = child(domain, 'devices');
  const disks = children(devices, 'disk').map((disk, index) => readDisk(disk, index, xml, command));
  const nics = children(devices, 'interface').map((nic, index) =>
    readNic(nic, index, xml, command),
  );
  const osId = libosinfoId(child(domain, 'metadata'));
  const agent = children(devices, 'channel').some(
    (channel) => attribute(child(channel, 'target'), 'name') === 'org.qemu.guest_agent.0',
  );
  return {
    disks,
    nics,
    ...(osId === undefined ? {} : { osId }),
    hasSerial: children(devices, 'serial').length + children(devices, 'console').length > 0,
    hasAgentChannel: agent,
  };
}

function readDisk(
  disk: XmlValue,
  index: number,
  xml: string,
  command: string,
): DomainDevices['disks'][number] {
  const target = attribute(child(disk, 'target'), 'dev');
  if (target === undefined || target === '') {
    throw parseError(command, `disk ${index + 1} has no <target dev>`, xml);
  }
  const bus = attribute(child(disk, 'target'), 'bus');
  const format = attribute(child(disk, 'driver'), 'type');
  return {
    target,
    device: attribute(disk, 'device') ?? 'disk',
    ...(bus === undefined ? {} : { bus }),
    ...(format === undefined ? {} : { format }),
    ...diskSource(attribute(disk, 'type'), child(disk, 'source')),
    readOnly: child(disk, 'readonly') !== undefined,
  };
}

/**
 * The disks a live migration without shared storage copies, from a `<domain>`'s `<devices>`: device
 * `disk` (not cdrom, floppy or lun), writable and not shareable, backed by a file, a block device or
 * a pool volume. Lenient: a disk without a target is not one libvirt could name, so it is skipped
 * (the details say what is odd about it); at most MAX_VM_DISKS.
 */
export function copiedDisks(devices: XmlValue | undefined): VmDiskRef[] {
  const refs: VmDiskRef[] = [];
  for (const disk of children(devices, 'disk')) {
    const target = attribute(child(disk, 'target'), 'dev');
    if (target === undefined || target === '' || target.length > 64) continue;
    if ((attribute(disk, 'device') ?? 'disk') !== 'disk') continue;
    if (child(disk, 'readonly') !== undefined || child(disk, 'shareable') !== undefined) continue;
    const source = diskSource(attribute(disk, 'type'), child(disk, 'source'));
    const format = attribute(child(disk, 'driver'), 'type');
    const common = { target, ...(format === undefined ? {} : { format: format.slice(0, 32) }) };
    if (
      source.sourceKind === 'volume' &&
      source.pool !== undefined &&
      source.volume !== undefined
    ) {
      refs.push({ ...common, kind: 'volume', pool: source.pool, volume: source.volume });
    } else if (
      (source.sourceKind === 'file' || source.sourceKind === 'block') &&
      source.source !== undefined
    ) {
      refs.push({ ...common, kind: source.sourceKind, path: source.source });
    }
    if (refs.length >= MAX_VM_DISKS) break;
  }
  return refs;
}

/** Where a disk's data lives, by its type: a path, a pool's volume, a network name, or nothing. */
function diskSource(
  type: string | undefined,
  source: XmlValue | undefined,
): Pick<VmDisk, 'sourceKind' | 'source' | 'pool' | 'volume'> {
  const file = attribute(source, 'file') ?? attribute(source, 'dir');
  const dev = attribute(source, 'dev');
  const pool = attribute(source, 'pool');
  const volume = attribute(source, 'volume');
  const name = attribute(source, 'name');
  if (type === 'volume' && pool !== undefined && volume !== undefined) {
    return { sourceKind: 'volume', source: `${pool}/${volume}`, pool, volume };
  }
  if (type === 'network' && name !== undefined) {
    const protocol = attribute(source, 'protocol');
    return { sourceKind: 'network', source: protocol ? `${protocol}:${name}` : name };
  }
  if (dev !== undefined) return { sourceKind: 'block', source: dev };
  if (file !== undefined) return { sourceKind: 'file', source: file };
  return { sourceKind: 'none' };
}

function readNic(
  nic: XmlValue,
  index: number,
  xml: string,
  command: string,
): DomainDevices['nics'][number] {
  const mac = attribute(child(nic, 'mac'), 'address')?.toLowerCase();
  if (mac === undefined || mac === '') {
    throw parseError(command, `interface ${index + 1} has no <mac address>`, xml);
  }
  const source = child(nic, 'source');
  const attached =
    attribute(source, 'network') ?? attribute(source, 'bridge') ?? attribute(source, 'dev');
  const model = attribute(child(nic, 'model'), 'type');
  const hostDevice = attribute(child(nic, 'target'), 'dev');
  return {
    mac,
    type: attribute(nic, 'type') ?? 'unknown',
    ...(attached === undefined ? {} : { source: attached }),
    ...(model === undefined ? {} : { model }),
    ...(hostDevice === undefined ? {} : { hostDevice }),
  };
}

/**
 * `<metadata><libosinfo:libosinfo xmlns:libosinfo="…"><libosinfo:os id="…"/>`: found by its
 * namespace URI, whatever prefix the writer chose.
 */
function libosinfoId(metadata: XmlValue | undefined): string | undefined {
  for (const { element, prefix } of metadataElements(metadata, 'libosinfo', LIBOSINFO_NS)) {
    const id = attribute(child(element, prefix === undefined ? 'os' : `${prefix}:os`), 'id');
    if (id !== undefined && id !== '') return id;
  }
  return undefined;
}
