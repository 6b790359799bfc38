/**
 * Why these wrappers exist: closing an SSH channel whose command still runs leaves OpenSSH's
 * session for it waiting on the child, and a later channel that reuses its number was seen to
 * lose its exit status. So we never close a live command's channel ourselves; we make the command
 * end on the host, and its channel then closes the normal way.
 */

/**
 * Every command runs in the C.UTF-8 locale. A host set to another language (pam_env reads
 * /etc/default/locale for every exec) makes virsh print its states, events and errors in that
 * language, and the parsers read libvirt's English. C.UTF-8 rather than C: virsh escapes bytes that
 * are not printable in the locale, so a name outside ASCII would come back mangled in plain C.
 * `env` works whatever the remote user's login shell is (an assignment prefix needs a POSIX one).
 */
const PLAIN_LOCALE = ['env', 'LC_ALL=C.UTF-8'];

/** Seconds of grace the host's `timeout` gives past ours, then its KILL delay. */
const REMOTE_EXTRA_S = 1;
const KILL_AFTER_S = 2;

/**
 * `timeout` (coreutils) ends the command on the host just after our own deadline: the caller gets
 * its 'timeout' error on time, and the channel closes by itself a moment later.
 */
export function withRemoteTimeout(argv: readonly string[], timeoutMs: number): string[] {
  const seconds = Math.ceil(timeoutMs / 1000) + REMOTE_EXTRA_S;
  return [...PLAIN_LOCALE, 'timeout', '-k', `${KILL_AFTER_S}`, `${seconds}`, ...argv];
}

/** How long after our deadline the channel should have closed by itself. */
export function remoteTimeoutGraceMs(timeoutMs: number): number {
  const seconds = Math.ceil(timeoutMs / 1000) + REMOTE_EXTRA_S;
  return seconds * 1000 - timeoutMs + KILL_AFTER_S * 1000 + 1000;
}

/**
 * A long-lived command that ends when its stdin closes: the command runs with stdin from
 * /dev/null while a watcher holds the channel's stdin (kept on fd 3, since POSIX gives background
 * jobs /dev/null as stdin) and kills it on EOF. If the command ends first, the shell exits with
 * its status and the channel closes as usual. The script is fixed; the command is passed as "$@".
 */
const STOP_ON_EOF =
  'exec 3<&0 </dev/null; "$@" 3<&- & p=$!; ' +
  '{ cat <&3 >/dev/null; kill $p; } >/dev/null 2>&1 & exec 3<&-; wait $p';

export function stoppableByEof(argv: readonly string[]): string[] {
  return [...PLAIN_LOCALE, 'sh', '-c', STOP_ON_EOF, 'sh', ...argv];
}
