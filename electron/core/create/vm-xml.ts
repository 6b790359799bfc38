import { randomBytes } from 'node:crypto';
import type { NewVmNetwork } from '../../../shared/domain/create-vm';
import { AppError } from '../../../shared/errors';
import { FEDERATOR_VM_NS } from '../hypervisor/libvirt/parse-domain-xml';
import {
  append,
  attr,
  childrenOf,
  el,
  elements,
  ensure,
  first,
  isText,
  parseDomain,
  removeAttr,
  removeChildren,
  replaceChild,
  setAttr,
  tagOf,
  writeDomain,
  type XmlElement,
} from './domain-tree';

/** What a new VM's domain is made of: all of it data, set on the tree by the XML writer. */
export interface NewVmSpec {
  name: string;
  uuid: string;
  /** kvm where the host accelerates guests, qemu (emulation) where it does not. */
  domainType: 'kvm' | 'qemu';
  vcpus: number;
  memoryMiB: number;
  disk?: { pool: string; volume: string; format: string };
  iso?: { pool: string; volume: string };
  network: NewVmNetwork;
  mac: string;
  /** Advanced: the domain XML to start from (its name, UUID, size are set; our devices added). */
  templateXml?: string;
}

/**
 * The domain XML of a new VM: a small, plain PC (serial console, VNC on the host's loopback) or
 * the admin's template, with the wizard's name, UUID, vCPUs, memory, disk, boot media and NIC set
 * on it as elements and attributes, never as text spliced in.
 */
export function newVmXml(spec: NewVmSpec): string {
  const domain =
    spec.templateXml === undefined
      ? plainDomain(spec)
      : parseDomain(spec.templateXml, 'The template XML');
  if (spec.templateXml !== undefined && attr(domain, 'type') === undefined) {
    setAttr(domain, 'type', spec.domainType);
  }
  replaceChild(domain, el('name', {}, [spec.name]));
  replaceChild(domain, el('uuid', {}, [spec.uuid]));
  replaceChild(domain, el('memory', { unit: 'MiB' }, [String(spec.memoryMiB)]));
  removeChildren(domain, 'currentMemory');
  const vcpu = first(domain, 'vcpu');
  replaceChild(domain, el('vcpu', vcpu ? plainAttrs(vcpu) : {}, [String(spec.vcpus)]));
  const devices = ensure(domain, 'devices');
  const q35 = /q35/.test(attr(first(ensure(domain, 'os'), 'type'), 'machine') ?? '');
  if (spec.disk !== undefined) {
    append(
      devices,
      el('disk', { type: 'volume', device: 'disk' }, [
        el('driver', { name: 'qemu', type: spec.disk.format }),
        el('source', { pool: spec.disk.pool, volume: spec.disk.volume }),
        el('target', { dev: 'vda', bus: 'virtio' }),
      ]),
    );
  }
  if (spec.iso !== undefined) {
    append(
      devices,
      el('disk', { type: 'volume', device: 'cdrom' }, [
        el('driver', { name: 'qemu', type: 'raw' }),
        el('source', { pool: spec.iso.pool, volume: spec.iso.volume }),
        q35 ? el('target', { dev: 'sdc', bus: 'sata' }) : el('target', { dev: 'hdc', bus: 'ide' }),
        el('readonly'),
      ]),
    );
  }
  const nic = interfaceOf(spec.network, spec.mac);
  if (nic !== undefined) append(devices, nic);
  return writeDomain(domain);
}

function plainDomain(spec: NewVmSpec): XmlElement {
  const boot =
    spec.iso !== undefined
      ? [el('boot', { dev: 'cdrom' }), el('boot', { dev: 'hd' })]
      : [el('boot', { dev: 'hd' })];
  return el('domain', { type: spec.domainType }, [
    el('name', {}, [spec.name]),
    el('uuid', {}, [spec.uuid]),
    el('memory', { unit: 'MiB' }, [String(spec.memoryMiB)]),
    el('vcpu', {}, [String(spec.vcpus)]),
    el('os', {}, [el('type', { arch: 'x86_64', machine: 'pc' }, ['hvm']), ...boot]),
    el('features', {}, [el('acpi'), el('apic')]),
    el('clock', { offset: 'utc' }),
    el('on_poweroff', {}, ['destroy']),
    el('on_reboot', {}, ['restart']),
    el('on_crash', {}, ['destroy']),
    el('devices', {}, [
      el('serial', { type: 'pty' }),
      el('console', { type: 'pty' }),
      el('graphics', { type: 'vnc', port: '-1', autoport: 'yes', listen: '127.0.0.1' }),
    ]),
  ]);
}

function interfaceOf(network: NewVmNetwork, mac: string): XmlElement | undefined {
  switch (network.kind) {
    case 'none':
      return undefined;
    case 'user':
      return el('interface', { type: 'user' }, [
        el('mac', { address: mac }),
        el('model', { type: 'virtio' }),
      ]);
    case 'network':
      return el('interface', { type: 'network' }, [
        el('mac', { address: mac }),
        el('source', { network: network.name }),
        el('model', { type: 'virtio' }),
      ]);
  }
}

/** An element's attributes as plain strings (unescaped), to carry over onto a replacement. */
function plainAttrs(node: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(node[':@'] ?? {})) {
    const name = key.replace(/^@_/, '');
    const value = attr(node, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** A locally administered MAC in QEMU's range (52:54:00), as virt-install and virt-clone make. */
export function newMac(random: () => Buffer = () => randomBytes(3)): string {
  const bytes = random();
  return [
    '52',
    '54',
    '00',
    ...[...bytes.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0')),
  ].join(':');
}

/** One disk of a VM that a clone copies: where it is now. */
export type CloneSource =
  | { target: string; kind: 'volume'; pool: string; volume: string; format?: string }
  | { target: string; kind: 'file'; path: string; format?: string };

/** What a clone's disk becomes: a volume of that pool, or a file at that path (the pool's). */
export type CloneDisk = { pool: string; volume: string; path?: string };

/**
 * The disks a clone copies: writable disks (not CD-ROMs, read-only or shared ones, which virt-clone
 * shares too) backed by a pool volume or a file. Anything else (a block device, a network disk) is
 * refused in words: the console cannot copy it.
 */
export function cloneSources(xml: string, vmName: string): CloneSource[] {
  const domain = parseDomain(xml, `The definition of ${vmName}`);
  const out: CloneSource[] = [];
  for (const disk of elements(ensure(domain, 'devices'), 'disk')) {
    if (!copied(disk)) continue;
    const target = attr(first(disk, 'target'), 'dev') ?? '?';
    const source = first(disk, 'source');
    const format = attr(first(disk, 'driver'), 'type');
    const type = attr(disk, 'type');
    const fmt = format === undefined ? {} : { format };
    if (
      type === 'volume' &&
      attr(source, 'pool') !== undefined &&
      attr(source, 'volume') !== undefined
    ) {
      out.push({
        target,
        kind: 'volume',
        pool: attr(source, 'pool')!,
        volume: attr(source, 'volume')!,
        ...fmt,
      });
    } else if (type === 'file' && attr(source, 'file') !== undefined) {
      out.push({ target, kind: 'file', path: attr(source, 'file')!, ...fmt });
    } else if (source !== undefined) {
      throw new AppError(
        'invalid-request',
        `${vmName}'s disk ${target} is a ${type ?? 'device'} disk: only disks in a storage pool (a volume, or a file in a pool's directory) are copied`,
      );
    }
  }
  return out;
}

function copied(disk: XmlElement): boolean {
  const device = attr(disk, 'device') ?? 'disk';
  if (device !== 'disk') return false;
  return first(disk, 'readonly') === undefined && first(disk, 'shareable') === undefined;
}

/**
 * The clone's domain XML, as virt-clone makes it: the new name and UUID; each NIC a new MAC (and
 * no host device name); each copied disk pointing at its copy (`disks`, in the order of
 * `cloneSources`); no UEFI variables file (libvirt makes one for the new name) and no Federator
 * service tag (a clone is nobody's replica).
 */
export function cloneVmXml(
  xml: string,
  vmName: string,
  clone: { name: string; uuid: string; disks: CloneDisk[]; mac: () => string },
): string {
  const domain = parseDomain(xml, `The definition of ${vmName}`);
  replaceChild(domain, el('name', {}, [clone.name]));
  replaceChild(domain, el('uuid', {}, [clone.uuid]));
  const os = first(domain, 'os');
  if (os) removeChildren(os, 'nvram');
  const metadata = first(domain, 'metadata');
  if (metadata) {
    const list = childrenOf(metadata);
    for (let i = list.length - 1; i >= 0; i--) {
      const item = list[i]!;
      if (isText(item)) continue;
      const ns = Object.keys(item[':@'] ?? {}).some(
        (k) => k.startsWith('@_xmlns') && attr(item, k.slice(2)) === FEDERATOR_VM_NS,
      );
      if (ns) list.splice(i, 1);
    }
  }
  const devices = ensure(domain, 'devices');
  for (const nic of elements(devices, 'interface')) {
    replaceChild(nic, el('mac', { address: clone.mac() }));
    removeChildren(nic, 'target');
  }
  let k = 0;
  for (const disk of elements(devices, 'disk')) {
    if (!copied(disk) || first(disk, 'source') === undefined) continue;
    const copy = clone.disks[k++];
    if (copy === undefined)
      throw new AppError('internal', `no copy planned for a disk of ${vmName}`);
    const source = first(disk, 'source')!;
    if (attr(disk, 'type') === 'volume') {
      setAttr(source, 'pool', copy.pool);
      setAttr(source, 'volume', copy.volume);
    } else {
      setAttr(source, 'file', copy.path ?? '');
    }
    removeChildren(disk, 'backingStore');
    for (const key of ['index']) removeAttr(source, key);
  }
  for (const graphics of elements(devices, 'graphics')) {
    // A fixed port would clash with the original's: the clone takes a free one.
    if (attr(graphics, 'autoport') === 'no' || attr(graphics, 'port') !== undefined) {
      setAttr(graphics, 'port', '-1');
      setAttr(graphics, 'autoport', 'yes');
    }
  }
  return writeDomain(domain);
}

/** Names of the tags a domain tree has at its top, for tests. */
export function topTags(xml: string): string[] {
  return childrenOf(parseDomain(xml, 'XML')).map((c) => tagOf(c) ?? '#text');
}
