import { libvirtUriProblem } from '../../../../shared/domain/libvirt-uri';
import { AppError } from '../../../../shared/errors';
import type { MigrationTarget } from '../hypervisor-driver';

/**
 * libvirt hands the address and user of a qemu+ssh URI to `ssh` as arguments: a value starting
 * with '-' would be read as an ssh option, and whitespace or '@' would change what it means. So
 * only plain host names, IPv4 and IPv6 addresses, and plain user names are accepted.
 */
const ADDRESS = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|[0-9A-Fa-f:.]+)$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** The path of a local libvirt URI (/system, /session, / …): nothing libvirt could read as more. */
const PATH = /^\/[A-Za-z0-9_./-]*$/;

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
  // Saved before the console checked URIs, a target's URI may still carry command= or keyfile=:
  // the source would run or trust them. Refused here whatever the inventory says.
  const problem = libvirtUriProblem(target.uri);
  if (problem !== undefined) {
    refuse(
      `${problem.charAt(0).toLowerCase()}${problem.slice(1)}; edit ${target.hostName} to correct it`,
    );
  }
  let local: URL;
  try {
    local = new URL(target.uri);
  } catch {
    return refuse(`its libvirt URI '${target.uri}' is not a URI`);
  }
  // qemu:///system → qemu+ssh://…/system: the same driver and path, reached over SSH.
  const driver = local.protocol.replace(/:$/, '').split('+')[0] ?? '';
  if (!/^[a-z][a-z0-9]*$/.test(driver) || !PATH.test(local.pathname)) {
    refuse(`its libvirt URI '${target.uri}' names no driver and path`);
  }
  const uriHost = target.address.includes(':') ? `[${target.address}]` : target.address;
  // Only what the console itself sets: none of the target's own parameters is copied, since they
  // would act on the source. no_tty: ssh must never stop to ask for a password or a host key
  // confirmation; it fails instead.
  return {
    libvirtUri: `${driver}+ssh://${target.user}@${uriHost}:${target.port}${local.pathname}?no_tty=1`,
    uriHost,
    address: target.address,
  };
}
