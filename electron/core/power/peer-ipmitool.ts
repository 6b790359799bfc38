import { withRemoteTimeout } from '../ssh/remote-wrappers';
import type { RemoteShell } from '../ssh/remote-shell';
import { IPMITOOL_DEADLINE_MS, type IpmitoolRun } from './ipmitool';

/**
 * On the fence proxy the password must not reach a command line either: the peer's `ps` shows
 * every process's arguments to every user there. It travels on the channel's stdin; the fixed
 * script reads it into IPMI_PASSWORD and execs ipmitool (`-E`), so it lives only in that process's
 * environment (readable by the peer user and root), and nothing is written to the peer's disk,
 * which a temporary file would be, and left there if the command were killed half-way.
 */
const WITH_PASSWORD_ON_STDIN = 'IFS= read -r IPMI_PASSWORD; export IPMI_PASSWORD; exec "$@"';

export async function runIpmitoolOnPeer(
  shell: RemoteShell,
  argv: readonly string[],
  password: string,
  deadlineMs = IPMITOOL_DEADLINE_MS,
): Promise<IpmitoolRun> {
  const command = withRemoteTimeout(
    ['sh', '-c', WITH_PASSWORD_ON_STDIN, 'sh', ...argv],
    deadlineMs,
  );
  try {
    const result = await shell.exec(command, {
      stdin: `${password}\n`,
      timeoutMs: deadlineMs,
      maxOutputBytes: 64 * 1024,
    });
    // `timeout` exits 124 when it had to stop the command; `exec` of a missing program gives 127.
    return result.code === 124 ? { ...result, timedOut: true } : result;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'timeout') {
      return { code: null, stdout: '', stderr: '', timedOut: true };
    }
    throw error;
  }
}
