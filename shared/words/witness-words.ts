import type { HostWitness } from '../domain/host-witness';

/** "hv1", "hv1 and hv2", "hv1, hv2 and hv3". */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/**
 * What the peers said about a lost host, in one line for its card: a partition ("unreachable from
 * this console, alive for hv1 and hv2"), a machine up with its sshd down, down or isolated, or no
 * one to ask. Peers that could not be asked are named after it.
 */
export function witnessWords(witness: HostWitness, hostName: (id: string) => string): string {
  const names = (ids: readonly string[]): string => namesList(ids.map(hostName));
  const unasked =
    witness.unasked.length === 0 ? '' : `; ${names(witness.unasked)} could not be asked`;
  switch (witness.verdict) {
    case 'partition': {
      const notEither =
        witness.dead.length === 0 ? '' : `; ${names(witness.dead)} cannot reach it either`;
      return `Unreachable from this console, alive for ${names(witness.alive)}${notEither}${unasked}`;
    }
    case 'ssh-closed':
      return `Its machine answers ${names(witness.refused)}, but its SSH port is closed: up, with sshd down${unasked}`;
    case 'unreachable-from-all':
      return `Unreachable from every witness (${names(witness.dead)}): down or isolated${unasked}`;
    case 'no-witness':
      return witness.unasked.length === 0
        ? 'No other connected host to ask whether it is down'
        : `No witness: ${names(witness.unasked)} could not be asked`;
  }
}
