import type { HostId } from '../domain/ids';
import {
  bmcEndpoint,
  type PowerFailure,
  type PowerReading,
  type PowerRoute,
  type PowerSettings,
} from '../domain/power';

/** Names a host by its id (the registry's name, or the id when it is gone). */
type NameOf = (hostId: HostId) => string;

/** Why power management gave no answer, in words that say what to do about it. */
export function powerFailureWords(failure: PowerFailure, nameOf: NameOf): string {
  switch (failure.code) {
    case 'not-configured':
      return 'no power management is set up for it';
    case 'no-password':
      return 'no BMC password is stored: enter it in the host form';
    case 'password-unreadable':
      return failure.sealedBy === 'os-keychain'
        ? "the BMC password was stored encrypted by the desktop app's keychain and cannot be read here: enter it again"
        : 'the stored BMC password cannot be read: enter it again';
    case 'wrong-password':
      return `wrong password for BMC user ${failure.user} at ${failure.at}`;
    case 'unknown-user':
      return `the BMC at ${failure.at} does not know the user ${failure.user}`;
    case 'no-answer':
      return `no answer from ${failure.at} in ${failure.seconds} s`;
    case 'ipmitool-missing':
      return failure.peer === undefined
        ? "ipmitool is missing on the console's machine (Debian: apt install ipmitool)"
        : `ipmitool is missing on the peer ${nameOf(failure.peer)} (Debian: apt install ipmitool)`;
    case 'peer-unusable':
      return failure.state === undefined
        ? `the fence proxy ${nameOf(failure.peer)} is not a host of this console`
        : `the fence proxy ${nameOf(failure.peer)} is not connected (${failure.state})`;
    case 'peer-is-target':
      return 'a host cannot be its own fence proxy: choose another host or this console';
    case 'unexpected-answer':
      return `the BMC at ${failure.at} answered "${failure.said}"`;
  }
}

/** "from this console" or "from hv1": where ipmitool runs. */
export function powerRouteWords(route: PowerRoute, nameOf: NameOf): string {
  return route.kind === 'console' ? 'from this console' : `from ${nameOf(route.hostId)}`;
}

/** What "Test power management" shows: "hv3's BMC says: power on", or why it could not ask. */
export function powerReadingWords(hostName: string, reading: PowerReading, nameOf: NameOf): string {
  return reading.ok
    ? `${hostName}'s BMC says: power ${reading.state}`
    : `Couldn't read ${hostName}'s power state: ${powerFailureWords(reading.failure, nameOf)}`;
}

/** The log line of a power action: what was done, through which BMC and from where, or why not. */
export function powerActionWords(
  hostName: string,
  action: 'status' | 'off' | 'on',
  settings: PowerSettings,
  reading: PowerReading,
  nameOf: NameOf,
): string {
  const verb = action === 'status' ? 'read the power state of' : `power ${action}`;
  const via = `through its BMC (${bmcEndpoint(settings)}, ${powerRouteWords(settings.route, nameOf)})`;
  if (!reading.ok) {
    return `Couldn't ${verb} ${hostName} ${via}: ${powerFailureWords(reading.failure, nameOf)}`;
  }
  return action === 'status'
    ? `${hostName}'s BMC says: power ${reading.state} (${via})`
    : `${hostName} powered ${action} ${via}`;
}
