import type { HostConfig } from '../../../shared/domain/host';
import type {
  ImportCandidate,
  ImportJump,
  ImportPreview,
  ImportSource,
} from '../../../shared/domain/host-import';
import type { ImportedHost, ImportReading } from './imported-host';

/** `[user@]host[:port]`, as ProxyJump writes one hop. */
function parseHop(spec: string): { user?: string; host: string; port?: number } {
  const at = spec.lastIndexOf('@');
  const user = at > 0 ? spec.slice(0, at) : undefined;
  const rest = at >= 0 ? spec.slice(at + 1) : spec;
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(rest);
  const host = m?.[1] ?? rest;
  return {
    host,
    ...(user === undefined ? {} : { user }),
    ...(m?.[2] === undefined ? {} : { port: Number(m[2]) }),
  };
}

const sameAddress = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * What each host of a file will be in the console: hosts already there recognised (same address,
 * port and user), jump hosts found among the file's hosts or the console's, and what stands in the
 * way noted. Checked at first: new hosts that can be added as they are.
 */
export function resolveImport(
  source: ImportSource,
  reading: ImportReading,
  console: readonly HostConfig[],
): ImportPreview {
  const real = console.filter((c) => c.driver === 'libvirt');
  const existingOf = (h: Pick<ImportedHost, 'address' | 'port' | 'user'>): HostConfig | undefined =>
    real.find((c) => sameAddress(c.address, h.address) && c.port === h.port && c.user === h.user);

  const findJump = (spec: string): ImportJump | string => {
    if (spec.includes(',')) return `a chain of jump hosts (${spec}) is not supported: one hop only`;
    const hop = parseHop(spec);
    const matches = (h: { address: string; port: number; user: string }): boolean =>
      sameAddress(h.address, hop.host) &&
      (hop.port === undefined || h.port === hop.port) &&
      (hop.user === undefined || h.user === hop.user);
    const inFile =
      reading.hosts.find(
        (h) => h.key === hop.host && hop.user === undefined && hop.port === undefined,
      ) ?? reading.hosts.find(matches);
    if (inFile !== undefined) {
      if (inFile.jumpSpec !== undefined) {
        return `its jump host ${inFile.name} is itself reached through ${inFile.jumpSpec}: one hop only`;
      }
      const there = existingOf(inFile);
      return there === undefined
        ? { name: inFile.name, key: inFile.key }
        : { name: there.name, hostId: there.id };
    }
    const inConsole =
      real.find((c) => c.name === hop.host && hop.user === undefined) ?? real.find(matches);
    if (inConsole !== undefined) return { name: inConsole.name, hostId: inConsole.id };
    return `its jump host ${spec} is neither in this file nor in the console: add it first`;
  };

  const candidates = reading.hosts.map((h): ImportCandidate => {
    const notes = [...h.notes];
    let importable = h.importable;
    let jump: ImportJump | undefined;
    if (h.jumpSpec !== undefined) {
      const found = findJump(h.jumpSpec);
      if (typeof found === 'string') {
        notes.push(found.charAt(0).toUpperCase() + found.slice(1));
        importable = false;
      } else {
        jump = found;
      }
    }
    const there = existingOf(h);
    if (there !== undefined) notes.unshift(`Already in the console as ${there.name}`);
    return {
      key: h.key,
      name: h.name,
      address: h.address,
      port: h.port,
      user: h.user,
      ...(h.keyPath === undefined ? {} : { keyPath: h.keyPath }),
      labels: h.labels,
      ...(jump === undefined ? {} : { jump }),
      ...(there === undefined ? {} : { existing: { hostId: there.id, name: there.name } }),
      notes,
      importable: importable && there === undefined,
      selected: importable && there === undefined && h.selectable,
    };
  });
  return { source, read: reading.read, candidates, notes: reading.notes };
}
