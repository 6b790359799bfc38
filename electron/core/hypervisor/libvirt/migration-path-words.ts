import type { MigrationTarget } from '../hypervisor-driver';
import { libvirtReason } from './virsh-batch';

/** Who tries to reach whom: the source host as the console knows it, and the target. */
export interface PathEnds {
  source: string;
  /** The user virsh runs as on the source (the console's SSH user there). */
  sourceUser: string;
  target: Pick<MigrationTarget, 'hostName' | 'address' | 'port' | 'user' | 'uri'>;
}

export interface PathWords {
  /** What is wrong, in words an admin reads at a glance. */
  message: string;
  /** What to do about it, naming the host, the user and the file. */
  fix: string;
}

/**
 * Why a host could not open libvirt on another host over SSH, read from virsh's stderr. libvirt
 * wraps ssh's own words ("Cannot recv data: <ssh stderr>: Connection reset by peer"), so the
 * patterns are ssh's and libvirt's; the order matters (a changed key also says "verification
 * failed"). Used by the path probe and for a migration that failed before any data moved.
 */
export function describePathFailure(stderr: string, ends: PathEnds): PathWords | undefined {
  const { source, sourceUser, target } = ends;
  const to = target.hostName;
  const at = `${target.address}:${target.port}`;
  const scan = `ssh-keyscan -p ${target.port} ${target.address} >> ~/.ssh/known_hosts`;
  const compare = `then compare its fingerprint with the one the console trusts for ${to}`;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/i.test(stderr)) {
    return {
      message: `${source} has another host key on record for ${to}: the key ${to} presents has changed`,
      fix:
        `If ${to}'s key was changed on purpose: on ${source}, as user ${sourceUser}, remove the old ` +
        `key (${removeKey(target)}) and add the new one (${scan}), ${compare}. ` +
        `If nobody changed it, find out why before migrating anything.`,
    };
  }
  if (/Host key verification failed|No \S+ host key is known/i.test(stderr)) {
    return {
      message: `${source} does not know ${to}'s host key`,
      fix: `On ${source}, as user ${sourceUser}, add ${to}'s host key to ~/.ssh/known_hosts (${scan}), ${compare}.`,
    };
  }
  if (/Permission denied \(|Too many authentication failures/i.test(stderr)) {
    return {
      message: `${to} refused ${source}'s SSH key for user ${target.user}`,
      fix:
        `Add ${source}'s public key (~/.ssh/id_ed25519.pub, or the key in use, of user ${sourceUser} ` +
        `on ${source}) to ~${target.user}/.ssh/authorized_keys on ${to}.`,
    };
  }
  if (/Connection refused/i.test(stderr)) {
    return {
      message: `${to} refused the connection from ${source} (${at})`,
      fix: `Check that sshd runs on ${to} and listens on ${at}, and that no firewall between ${source} and ${to} rejects port ${target.port}.`,
    };
  }
  if (/Connection timed out|No route to host|Network is unreachable|timed out/i.test(stderr)) {
    return {
      message: `${source} cannot reach ${to} at ${at}: no answer`,
      fix: `Check the network between ${source} and ${to}: routes, and firewalls that drop port ${target.port}.`,
    };
  }
  if (
    /Could not resolve hostname|Name or service not known|Temporary failure in name resolution/i.test(
      stderr,
    )
  ) {
    return {
      message: `${source} cannot resolve the name ${target.address}`,
      fix: `Give ${to} an IP address in the console, or make ${target.address} resolvable on ${source} (DNS or /etc/hosts).`,
    };
  }
  if (/(virt-ssh-helper|nc|socat): (?:command )?not found/i.test(stderr)) {
    return {
      message: `${to} lacks the helper libvirt runs over SSH (virt-ssh-helper or nc)`,
      fix: `Install libvirt's client tools on ${to} (Debian: libvirt-clients; Red Hat: libvirt-client).`,
    };
  }
  if (
    /libvirt-sock|Failed to connect socket|virt-ssh-helper: cannot connect|End of file while reading data/i.test(
      stderr,
    )
  ) {
    return {
      message: `libvirt does not answer on ${to} at ${target.uri}`,
      fix: `Start libvirt on ${to} (systemctl start libvirtd, or virtqemud on newer hosts), or correct ${to}'s libvirt URI in the console.`,
    };
  }
  return undefined;
}

/** The words for any failure: a known one, or libvirt's own reason with the command to rerun. */
export function describePathFailureOrRaw(
  stderr: string,
  ends: PathEnds,
  command: string,
): PathWords {
  return (
    describePathFailure(stderr, ends) ?? {
      message: `${ends.source} cannot open libvirt on ${ends.target.hostName} over SSH: ${libvirtReason(stderr)}`,
      fix: `On ${ends.source}, as user ${ends.sourceUser}, run \`${command}\` to see why.`,
    }
  );
}

function removeKey(target: PathEnds['target']): string {
  const entry = target.port === 22 ? target.address : `[${target.address}]:${target.port}`;
  return `ssh-keygen -R '${entry}'`;
}
