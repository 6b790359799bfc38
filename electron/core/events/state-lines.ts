import type { Host, HostState } from '../../../shared/domain/host';
import type { LogLine } from './event-log';
import { HOST_LOG_WORDS as WORDS } from '../../../shared/words/host-log-words';

/**
 * One log line when a host reaches a state other than the last one logged ("hv1: unreachable"), the
 * reason in its detail. Compared with the last *logged* state, not the previous one: a dead host
 * cycling connecting → unreachable on every retry is one line, not one per attempt. The link logs
 * its own particulars; this line is the summary a badge would show.
 */
export function stateChangeLine(
  lastLogged: HostState | undefined,
  after: Host,
): LogLine | undefined {
  if (after.state === lastLogged || after.state === 'connecting') return undefined;
  const words = keyFileWords(after) ?? WORDS[after.state];
  return {
    level: words.level,
    message: `${after.config.name}: ${words.text}`,
    category: 'host',
    kind: after.state,
    ...(after.stateDetail ? { detail: after.stateDetail } : {}),
  };
}

/**
 * 'auth-failed' also covers a key file we could not use, before the host was even asked: saying
 * "refused our key" then would send the admin to the wrong machine.
 */
function keyFileWords(host: Host): { level: LogLine['level']; text: string } | undefined {
  if (host.state !== 'auth-failed' || host.problem?.code !== 'key-file') return undefined;
  switch (host.problem.passphrase) {
    case 'missing':
      return { level: 'warning', text: 'waits for the passphrase of its key' };
    case 'wrong':
      return { level: 'warning', text: 'the passphrase given did not open its key' };
    default:
      return { level: 'error', text: 'could not use its key file' };
  }
}
