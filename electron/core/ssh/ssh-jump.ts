import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { AppError } from '../../../shared/errors';

/** The two hops of a connection through a jump host, by the names the admin knows them by. */
export interface JumpHop {
  target: string;
  jump: string;
}

/**
 * A failure on the way to the jump host, worded so the admin sees which hop failed. An unknown or
 * changed key of the jump host is not the target's key to trust: it is reported as the jump host's
 * problem (trust it there), and retried, so the target connects once the jump host is trusted.
 */
export function jumpHopFailed(hop: JumpHop, error: AppError, hostId?: string): AppError {
  const where = `Couldn't connect to ${hop.target} through jump host ${hop.jump}`;
  const options = {
    ...(hostId === undefined ? {} : { hostId }),
    detail: error.detail ?? error.message,
    cause: error,
  };
  switch (error.code) {
    case 'host-key-unknown':
      return new AppError(
        'unreachable',
        `${where}: the host key of ${hop.jump} is not trusted yet; trust it on ${hop.jump} first`,
        options,
      );
    case 'host-key-changed':
      return new AppError(
        'unreachable',
        `${where}: the host key of ${hop.jump} has changed; refused, as for ${hop.jump} itself`,
        options,
      );
    case 'auth-failed':
    case 'key-file':
      return new AppError('auth-failed', `${where}: ${error.message}`, options);
    default:
      return new AppError(
        'unreachable',
        `${where}: jump host ${hop.jump} is unreachable (${error.message})`,
        options,
      );
  }
}

/**
 * Ask the jump host for a channel to the target's address and port (a direct-tcpip forward, what
 * `ssh -J` does). Its refusal (the target's sshd down, forwarding disabled, no route from there) is
 * the second hop's failure, and says so.
 */
export function openForward(
  jumpClient: Client,
  hop: JumpHop,
  to: { address: string; port: number; hostId?: string },
  timeoutMs: number,
): Promise<Duplex> {
  const endpoint = `${to.address}:${to.port}`;
  const failed = (why: string, thrown?: unknown): AppError =>
    new AppError(
      'unreachable',
      `Couldn't connect to ${hop.target} through jump host ${hop.jump}: ${hop.jump} refused the forward to ${endpoint} (${why})`,
      {
        ...(to.hostId === undefined ? {} : { hostId: to.hostId }),
        ...(thrown === undefined ? {} : { cause: thrown }),
        detail: why,
      },
    );
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(failed(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    jumpClient.forwardOut('127.0.0.1', 0, to.address, to.port, (error, channel) => {
      clearTimeout(timer);
      if (late)
        channel?.close(); // we gave up on it already
      else if (error) reject(failed(error.message.replace(/^\(SSH\) /, ''), error));
      else resolve(channel);
    });
  });
}
