import { AppError } from '../../../../shared/errors';
import type { ExecResult } from '../../ssh/remote-shell';
import type { DriverContext } from './driver-context';

/**
 * How shells and `timeout` say that a program is not there: dash/busybox ("timeout: not found"),
 * bash ("timeout: command not found"), zsh ("command not found: timeout"), fish ("Unknown
 * command: timeout") and coreutils' own `timeout` ("failed to run command 'virsh'").
 */
const MISSING = [
  /command not found: ([\w.+-]+)/,
  /(?:^|[\s:])([\w.+-]+): (?:command )?not found/m,
  /Unknown command:? ['"]?([\w.+-]+)/,
  /failed to run command ['‘]([^'’]+)['’]/,
];

/** The program a failed command lacked, read from its stderr; only for "could not run" codes. */
export function missingProgram(result: Pick<ExecResult, 'code' | 'stderr'>): string | undefined {
  if (result.code !== 127 && result.code !== 126) return undefined;
  for (const pattern of MISSING) {
    const name = pattern.exec(result.stderr)?.[1];
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * The error for a command the host's shell could not run, worded by what is missing: every
 * command goes through coreutils' `timeout`, so a host without it (or whose login shell is not
 * POSIX) fails every command the same way, and the admin must be told what to install.
 */
export function missingProgramError(
  ctx: DriverContext,
  result: Pick<ExecResult, 'code' | 'stderr'>,
): AppError | undefined {
  const program = missingProgram(result);
  if (program === undefined) return undefined;
  const detail = result.stderr.trim();
  if (program === 'virsh') {
    return new AppError(
      'hypervisor-missing',
      `virsh is not installed on ${ctx.hostName} (install libvirt-clients)`,
      { hostId: ctx.hostId, detail },
    );
  }
  const what = program === 'timeout' ? '`timeout` (coreutils)' : `\`${program}\``;
  return new AppError('command-failed', `${what} is missing on ${ctx.hostName}`, {
    hostId: ctx.hostId,
    detail,
  });
}

/** A command that exited non-zero: what is missing if we can tell, else its code and stderr. */
export function commandError(ctx: DriverContext, result: ExecResult, doing: string): AppError {
  const missing = missingProgramError(ctx, result);
  if (missing !== undefined) return missing; // its words already name the host and the fix
  const why = result.stderr.trim();
  return new AppError(
    'command-failed',
    `Couldn't ${doing} on ${ctx.hostName}: the command exited with code ${String(result.code)}${why ? `: ${why.split('\n')[0] ?? ''}` : ''}`,
    { hostId: ctx.hostId, detail: `${why}\n${result.stdout}`.trim() || '(no output)' },
  );
}
