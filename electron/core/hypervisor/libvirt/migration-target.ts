import { AppError } from '../../../../shared/errors';
import type { MigrationTarget } from '../hypervisor-driver';

/**
 * libvirt hands the address and user of a qemu+ssh URI to `ssh` as arguments: a value starting
 * with '-' would be read as an ssh option, and whitespace or '@' would change what it means. So
 * only plain host names, IPv4 and IPv6 addresses, and plain user names are accepted.
 */
const ADDRESS = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|[0-9A-Fa-f:.]+)$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** What the source host needs to reach the target: its libvirt over SSH, and its data address. */
export interface TargetAddresses {
  /** `qemu+ssh://user@address:port/session?no_tty=1`: the destination libvirt, over SSH. */
  libvirtUri: string;
  /** The target's address as written inside a URI (IPv6 in brackets). */
  uriHost: string;
  /** For `--listen-address`: the bare address. */
  address: string;
}

export function targetAddresses(target: MigrationTarget): TargetAddresses {
  const refuse = (why: string): never => {
    throw new AppError('invalid-request', `Can't migrate to ${target.hostName}: ${why}`, {
      hostId: target.hostId,
    });
  };
  if (!ADDRESS.test(target.address) || target.address.startsWith('-')) {
    refuse(`'${target.address}' is not a host name or IP address`);
  }
  if (!USER.test(target.user)) refuse(`'${target.user}' is not a plain user name`);
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    refuse(`port ${target.port} is not a TCP port`);
  }
  let local: URL;
  try {
    local = new URL(target.uri);
  } catch {
    return refuse(`its libvirt URI '${target.uri}' is not a URI`);
  }
  // qemu:///system → qemu+ssh://…/system: the same driver and path, reached over SSH.
  const driver = local.protocol.replace(/:$/, '').split('+')[0] ?? '';
  if (!/^[a-z][a-z0-9]*$/.test(driver) || local.pathname === '') {
    refuse(`its libvirt URI '${target.uri}' names no driver and path`);
  }
  const uriHost = target.address.includes(':') ? `[${target.address}]` : target.address;
  const query = new URLSearchParams(local.search);
  // no_tty: ssh must never stop to ask for a password or a host key confirmation; it fails instead.
  query.set('no_tty', '1');
  return {
    libvirtUri: `${driver}+ssh://${target.user}@${uriHost}:${target.port}${local.pathname}?${query.toString()}`,
    uriHost,
    address: target.address,
  };
}
