import { MemoryKiB, VcpuCount } from '../../../../shared/domain/host-figures';
import type { VmDiskRef } from '../../../../shared/domain/vm';
import { isUuid } from './parse-domain-list';
import { copiedDisks } from './parse-vm-devices';
import { boundedFigure, parseError } from './parse-error';
import { attribute, child, isNode, metadataElements, parseXml, text } from './xml';

/** The namespace of the tags the console writes into a domain's <metadata>. */
export const FEDERATOR_VM_NS = 'https://federator.dev/xmlns/vm/1';

export interface DomainXmlFacts {
  uuid: string;
  name: string;
  vcpus: number;
  memoryKiB: number;
  application?: string;
  service?: string;
  /** The disks a migration without shared storage copies (sizes come from domstats). */
  disks?: VmDiskRef[];
}

const UNIT_KIB: Record<string, number> = {
  b: 1 / 1024,
  bytes: 1 / 1024,
  k: 1,
  kib: 1,
  kb: 1000 / 1024,
  m: 1024,
  mib: 1024,
  mb: 1e6 / 1024,
  g: 1024 ** 2,
  gib: 1024 ** 2,
  gb: 1e9 / 1024,
  t: 1024 ** 3,
  tib: 1024 ** 3,
};

/** A definition as given to `virsh define`: libvirt makes up the UUID when it names none. */
export type DomainDefinition = Omit<DomainXmlFacts, 'uuid'> & { uuid?: string };

/**
 * What we read from `virsh dumpxml`: identity, sizes (a fallback when domstats lacks them) and the
 * Federator tags. The tag is found by its namespace URI, not its prefix: whoever wrote the XML
 * chose the prefix.
 */
export function parseDomainXml(xml: string, command = 'virsh dumpxml'): DomainXmlFacts {
  const { uuid, ...rest } = parseDefinitionXml(xml, command);
  if (uuid === undefined) throw parseError(command, 'no <domain> with a <uuid> and a <name>', xml);
  return { uuid, ...rest };
}

/** The same reading for XML about to be defined, where the <uuid> may be missing. */
export function parseDefinitionXml(xml: string, command = 'domain XML'): DomainDefinition {
  const domain = child(parseXml(xml, command), 'domain');
  const uuid = text(child(domain, 'uuid'));
  const name = text(child(domain, 'name'));
  const vcpuText = text(child(domain, 'vcpu'))?.trim();
  const memory = child(domain, 'currentMemory') ?? child(domain, 'memory');
  const unit = (attribute(memory, 'unit') ?? 'KiB').toLowerCase();
  const memoryText = text(memory)?.trim() ?? '';
  if (!isNode(domain) || name === undefined || name.trim() === '') {
    throw parseError(command, 'no <domain> with a <uuid> and a <name>', xml);
  }
  const source = (what: string): { command: string; what: string; output: string } => ({
    command,
    what,
    output: xml,
  });
  // No <vcpu>: libvirt's default is one (dumpxml always writes it). Only plain decimals count:
  // Number() would also read '', '0x10' and '1e3'.
  const vcpus =
    vcpuText === undefined
      ? 1
      : boundedFigure(decimal(vcpuText), VcpuCount, source('<vcpu>'), vcpuText);
  const scale = UNIT_KIB[unit];
  if (scale === undefined) throw parseError(command, `unknown memory unit '${unit}'`, xml);
  const memoryKiB = boundedFigure(
    Math.round(decimal(memoryText) * scale),
    MemoryKiB,
    source('<memory>'),
    `${memoryText} ${unit}`,
  );
  const id = uuid?.trim().toLowerCase();
  if (id !== undefined && !isUuid(id)) {
    throw parseError(command, `<uuid> '${id.slice(0, 40)}' is not a UUID`, xml);
  }
  const disks = copiedDisks(child(domain, 'devices'));
  return {
    ...(id === undefined ? {} : { uuid: id }),
    name,
    vcpus,
    memoryKiB,
    ...federatorTags(child(domain, 'metadata')),
    ...(disks.length === 0 ? {} : { disks }),
  };
}

function federatorTags(metadata: ReturnType<typeof child>): {
  application?: string;
  service?: string;
} {
  for (const { element } of metadataElements(metadata, 'vm', FEDERATOR_VM_NS)) {
    const application = attribute(element, 'application');
    const service = attribute(element, 'service');
    return {
      ...(application ? { application } : {}),
      ...(service ? { service } : {}),
    };
  }
  return {};
}

/** A plain non-negative decimal as libvirt writes sizes and counts; NaN for anything else. */
function decimal(text: string): number {
  return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
