import type { WitnessAnswer } from '../../../../shared/domain/host-witness';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import type { DriverContext } from './driver-context';

/** How long the peer waits for the lost host's TCP answer before calling it silent. */
export const REACH_PROBE_S = 3;

/**
 * Bash opens a TCP connection itself through its /dev/tcp redirection: nothing to install on the
 * peer (agentless). The address and port reach the script as "$1" and "$2", never inside it.
 */
const OPEN_TCP = 'exec 3<>"/dev/tcp/$1/$2"';

/** The command a peer runs: `timeout` ends a connect the lost host never answers. */
export function reachProbeArgv(address: string, port: number): string[] {
  return ['timeout', String(REACH_PROBE_S), 'bash', '-c', OPEN_TCP, 'reach', address, String(port)];
}

/** What the peer's attempt says: exit 0 connected, 124 timed out, bash's words for the rest. */
export function reachAnswerOf(result: { code: number | null; stderr: string }): WitnessAnswer {
  if (result.code === 0) return 'reaches';
  if (result.code === 124) return 'silent';
  if (/connection refused/i.test(result.stderr)) return 'refused';
  if (/no route to host|network is unreachable|connection timed out/i.test(result.stderr)) {
    return 'silent';
  }
  // bash or timeout missing (126, 127), a name the peer cannot resolve …: it could not tell.
  return 'unasked';
}

/** From this host, does `address:port` answer? A probe that fails to run is `unasked`. */
export async function probeReach(
  ctx: DriverContext,
  address: string,
  port: number,
): Promise<WitnessAnswer> {
  try {
    const result = await ctx.shell.exec(reachProbeArgv(address, port), {
      timeoutMs: (REACH_PROBE_S + 2) * 1000,
      maxOutputBytes: SMALL_OUTPUT_BYTES,
    });
    return reachAnswerOf(result);
  } catch {
    return 'unasked'; // this peer's own link failed or it did not answer in time
  }
}
