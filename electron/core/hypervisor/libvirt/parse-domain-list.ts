import { parseError } from './parse-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export interface ListedDomain {
  uuid: string;
  name: string;
}

/**
 * `virsh list --all --uuid --name`: one "UUID NAME" line per domain. A UUID is always 36
 * characters, so the name is everything after the one space that follows, spaces, quotes and all
 * (libvirt refuses only '/' and control characters such as newlines in names).
 */
export function parseDomainList(
  output: string,
  command = 'virsh list --all --uuid --name',
): ListedDomain[] {
  const domains: ListedDomain[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const uuid = line.slice(0, 36);
    if (!isUuid(uuid) || line[36] !== ' ' || line.length < 38) {
      throw parseError(command, `not a "UUID NAME" line: ${JSON.stringify(line)}`, output);
    }
    domains.push({ uuid, name: line.slice(37) });
  }
  const names = new Set(domains.map((d) => d.name));
  if (names.size !== domains.length)
    throw parseError(command, 'the same name appears twice', output);
  return domains;
}

/** `virsh list --all --uuid [--transient]`: one UUID per line. */
export function parseUuidList(output: string, command: string): Set<string> {
  const uuids = new Set<string>();
  for (const line of output.split('\n')) {
    const uuid = line.trim();
    if (uuid === '') continue;
    if (!isUuid(uuid)) throw parseError(command, `not a UUID: ${JSON.stringify(line)}`, output);
    uuids.add(uuid);
  }
  return uuids;
}
