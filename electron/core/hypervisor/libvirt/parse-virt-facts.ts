import { attribute, child, children, parseXml } from './xml';
import { parseError } from './parse-error';

export interface VirtFacts {
  kind?: string;
  hypervisorVersion?: string;
  libvirtVersion?: string;
  uri: string;
  liveMigration: boolean;
}

/**
 * The virtual layer from one virsh batch: `version` (library and hypervisor versions), `uri` (what
 * libvirt says it connected to) and `capabilities` (guest domain types, migration features).
 */
export function parseVirtFacts(version: string, uri: string, capabilities: string): VirtFacts {
  const libvirtVersion = /^Using library: libvirt (\S+)/m.exec(version)?.[1];
  const hypervisor = /^Running hypervisor: (.+)$/m.exec(version)?.[1]?.trim();
  if (libvirtVersion === undefined) {
    throw parseError('virsh version', 'no "Using library" line', version);
  }
  const connected = uri.trim();
  if (!/^[a-z][\w+.-]*:/.test(connected)) throw parseError('virsh uri', 'no URI', uri);

  const caps = child(parseXml(capabilities, 'virsh capabilities'), 'capabilities');
  if (caps === undefined) throw parseError('virsh capabilities', 'no <capabilities>', capabilities);
  const types = new Set<string>();
  for (const guest of children(caps, 'guest')) {
    for (const arch of children(guest, 'arch')) {
      for (const domain of children(arch, 'domain')) {
        const type = attribute(domain, 'type');
        if (type) types.add(type);
      }
    }
  }
  // kvm when the host can accelerate any guest, otherwise what it offers (qemu: pure emulation).
  const kind = types.has('kvm') ? 'kvm' : [...types][0];
  const liveMigration =
    child(child(child(caps, 'host'), 'migration_features'), 'live') !== undefined;
  return {
    uri: connected,
    libvirtVersion,
    liveMigration,
    ...(kind === undefined ? {} : { kind }),
    ...(hypervisor === undefined ? {} : { hypervisorVersion: hypervisor }),
  };
}
