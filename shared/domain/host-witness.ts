import { z } from 'zod';
import { HostId } from './ids';

/**
 * What one peer host said when asked, over its own SSH connection, whether it reaches a host the
 * console lost: `reaches` (TCP to the lost host's SSH port opened), `refused` (the machine answered
 * but nothing listens there: it is up, its sshd is not), `silent` (no answer within the probe's
 * time), `unasked` (the probe could not run on the peer: its link dropped, no bash …).
 */
export const WitnessAnswer = z.enum(['reaches', 'refused', 'silent', 'unasked']);
export type WitnessAnswer = z.infer<typeof WitnessAnswer>;

/**
 * What the peers' answers add up to:
 * - `partition`: some peer reaches it, the console alone is cut off: its VMs probably still run,
 *   and nothing may be started elsewhere;
 * - `ssh-closed`: no peer reaches its SSH port but its machine answers: up, with sshd down;
 * - `unreachable-from-all`: every peer that answered gets no answer from it: down, or isolated
 *   (the second witness, before any fencing; never proof on its own that its VMs stopped);
 * - `no-witness`: no other host could be asked.
 */
export const WitnessVerdict = z.enum([
  'partition',
  'ssh-closed',
  'unreachable-from-all',
  'no-witness',
]);
export type WitnessVerdict = z.infer<typeof WitnessVerdict>;

const hostIds = z.array(HostId).max(100_000);

/** The peers' testimony about one lost host, as of `checkedAt` (epoch ms). */
export const HostWitness = z.object({
  verdict: WitnessVerdict,
  /** Peers that reach its SSH port. */
  alive: hostIds,
  /** Peers that got no answer from it. */
  dead: hostIds,
  /** Peers whose connection it refused. */
  refused: hostIds,
  /** Peers that could not be asked. */
  unasked: hostIds,
  checkedAt: z.number(),
});
export type HostWitness = z.infer<typeof HostWitness>;

/** The verdict of the peers' answers (pure: the core asks, this decides). */
export function witnessOf(
  answers: readonly { hostId: HostId; answer: WitnessAnswer }[],
  checkedAt: number,
): HostWitness {
  const who = (answer: WitnessAnswer): HostId[] =>
    answers.filter((a) => a.answer === answer).map((a) => a.hostId);
  const alive = who('reaches');
  const refused = who('refused');
  const dead = who('silent');
  const verdict: WitnessVerdict =
    alive.length > 0
      ? 'partition'
      : refused.length > 0
        ? 'ssh-closed'
        : dead.length > 0
          ? 'unreachable-from-all'
          : 'no-witness';
  return { verdict, alive, dead, refused, unasked: who('unasked'), checkedAt };
}

/**
 * What a recovery plan asks first: did a second witness see this host down? Only when every peer
 * that answered got nothing from it. Still not proof that its VMs stopped: that takes fencing.
 */
export function isWitnessedDown(witness: HostWitness | undefined): boolean {
  return witness?.verdict === 'unreachable-from-all';
}
