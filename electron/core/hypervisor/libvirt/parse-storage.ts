import { z } from 'zod';
import { boundedFigure, parseError } from './parse-error';
import { isUuid } from './parse-domain-list';
import { attribute, child, isNode, parseXml, text, type XmlValue } from './xml';

/** Whole bytes that a double holds exactly. */
const ByteCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** libvirt's size units (its scaled integers); it prints 'bytes', but the schema allows the rest. */
const UNIT_BYTES: Readonly<Record<string, number>> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
};

/**
 * `<capacity unit='bytes'>N</capacity>` and its kin, as bytes; undefined when the element is
 * absent. A unit libvirt does not define, a figure that is not a whole number, or one past 2^53 is
 * a parse error naming the element.
 */
export function xmlBytes(
  parent: XmlValue | undefined,
  name: string,
  command: string,
  output: string,
): number | undefined {
  const element = child(parent, name);
  if (element === undefined) return undefined;
  const figure = text(element)?.trim() ?? '';
  const unit = (attribute(element, 'unit') ?? 'bytes').toLowerCase();
  const scale = UNIT_BYTES[unit];
  if (scale === undefined)
    throw parseError(command, `<${name}> has an unknown unit '${unit}'`, output);
  if (!/^\d{1,20}$/.test(figure)) {
    throw parseError(
      command,
      `<${name}> is not a whole number: ${JSON.stringify(figure.slice(0, 40))}`,
      output,
    );
  }
  return boundedFigure(
    Number(figure) * scale,
    ByteCount,
    { command, what: `<${name}>`, output },
    figure,
  );
}

/** A storage volume as `virsh vol-dumpxml` describes it. */
export interface VolumeFacts {
  path?: string;
  capacityBytes?: number;
  allocationBytes?: number;
  physicalBytes?: number;
}

export function parseVolumeXml(xml: string, command = 'virsh vol-dumpxml'): VolumeFacts {
  const volume = child(parseXml(xml, command), 'volume');
  if (!isNode(volume)) throw parseError(command, 'no <volume> element', xml);
  const path = text(child(child(volume, 'target'), 'path'));
  const sizes = {
    capacityBytes: xmlBytes(volume, 'capacity', command, xml),
    allocationBytes: xmlBytes(volume, 'allocation', command, xml),
    physicalBytes: xmlBytes(volume, 'physical', command, xml),
  };
  return {
    ...(path === undefined || path === '' ? {} : { path }),
    ...definedOnly(sizes),
  };
}

/** A storage pool as `virsh pool-dumpxml` describes it (its state comes from pool-list). */
export interface PoolFacts {
  uuid: string;
  name: string;
  type: string;
  path?: string;
  capacityBytes?: number;
  allocationBytes?: number;
  availableBytes?: number;
}

export function parsePoolXml(xml: string, command = 'virsh pool-dumpxml'): PoolFacts {
  const pool = child(parseXml(xml, command), 'pool');
  if (!isNode(pool)) throw parseError(command, 'no <pool> element', xml);
  const { uuid, name } = identity(pool, 'pool', command, xml);
  const path = text(child(child(pool, 'target'), 'path'));
  const sizes = {
    capacityBytes: xmlBytes(pool, 'capacity', command, xml),
    allocationBytes: xmlBytes(pool, 'allocation', command, xml),
    availableBytes: xmlBytes(pool, 'available', command, xml),
  };
  return {
    uuid,
    name,
    type: attribute(pool, 'type') ?? 'unknown',
    ...(path === undefined || path === '' ? {} : { path }),
    ...definedOnly(sizes),
  };
}

/** A virtual network as `virsh net-dumpxml` describes it (its state comes from net-list). */
export interface NetworkFacts {
  uuid: string;
  name: string;
  /** nat, route, bridge, open …; absent: an isolated network. */
  forward?: string;
  bridge?: string;
  /** The host's own address on it, with its prefix: 192.168.122.1/24. */
  address?: string;
}

export function parseNetworkXml(xml: string, command = 'virsh net-dumpxml'): NetworkFacts {
  const network = child(parseXml(xml, command), 'network');
  if (!isNode(network)) throw parseError(command, 'no <network> element', xml);
  const { uuid, name } = identity(network, 'network', command, xml);
  const forward =
    attribute(child(network, 'forward'), 'mode') ??
    (child(network, 'forward') === undefined ? undefined : 'nat');
  const bridge = attribute(child(network, 'bridge'), 'name');
  const ip = firstOf(child(network, 'ip'));
  const address = ipWithPrefix(ip);
  return {
    uuid,
    name,
    ...(forward === undefined ? {} : { forward }),
    ...(bridge === undefined || bridge === '' ? {} : { bridge }),
    ...(address === undefined ? {} : { address }),
  };
}

function identity(node: XmlValue, what: string, command: string, xml: string) {
  const name = text(child(node, 'name'));
  const uuid = text(child(node, 'uuid'))?.trim().toLowerCase();
  if (name === undefined || name === '')
    throw parseError(command, `the ${what} has no <name>`, xml);
  if (uuid === undefined || !isUuid(uuid)) {
    throw parseError(command, `the ${what} has no valid <uuid>`, xml);
  }
  return { uuid, name };
}

function firstOf(value: XmlValue | undefined): XmlValue | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "192.168.122.1/24" from address + prefix or netmask; the bare address when neither is given. */
function ipWithPrefix(ip: XmlValue | undefined): string | undefined {
  const address = attribute(ip, 'address');
  if (address === undefined || address === '') return undefined;
  const prefix = attribute(ip, 'prefix') ?? prefixOfNetmask(attribute(ip, 'netmask'));
  return prefix === undefined ? address : `${address}/${prefix}`;
}

function prefixOfNetmask(netmask: string | undefined): string | undefined {
  if (netmask === undefined) return undefined;
  const octets = netmask.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) {
    return undefined;
  }
  const bits = octets.map((o) => o.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits)
    ? String(bits.indexOf('0') === -1 ? 32 : bits.indexOf('0'))
    : undefined;
}

function definedOnly<T extends Record<string, number | undefined>>(
  sizes: T,
): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const key of Object.keys(sizes) as (keyof T)[]) {
    const value = sizes[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
