import type { HostProblem } from '../../../shared/domain/host';
import type { AppError } from '../../../shared/errors';
import { HostKeyError } from '../ssh/host-key';
import { problemOf } from './host-problem';
import type { LinkEvent } from './host-link-states';

/** A connection attempt that failed, as the state machine takes it. */
export interface Refusal {
  event: Extract<LinkEvent, 'key-unknown' | 'key-changed' | 'auth-refused' | 'down'>;
  problem: HostProblem;
  /** The key the host presented, shown for the admin to trust (or to compare with the old one). */
  presented?: { fingerprint: string; keyType: string | undefined };
  /** One log line; 'down' logs once per outage, which only the machine knows. */
  log?: { level: 'info' | 'warning' | 'error'; message: string; detail?: string };
}

/** What a failed connection attempt means: an untrusted key or a refused login wait for the admin. */
export function refusalOf(error: AppError, hostName: string): Refusal {
  const problem = problemOf(error);
  const presented =
    error instanceof HostKeyError
      ? { fingerprint: error.fingerprint, keyType: error.keyType }
      : undefined;
  switch (error.code) {
    case 'host-key-unknown':
      return {
        event: 'key-unknown',
        problem,
        ...(presented === undefined ? {} : { presented }),
        log: {
          level: 'info',
          message: `${hostName} presented a host key not seen before (${presented?.fingerprint ?? '?'}); trust it to connect`,
        },
      };
    case 'host-key-changed':
      return {
        event: 'key-changed',
        problem,
        ...(presented === undefined ? {} : { presented }),
        log: {
          level: 'error',
          message: `The host key of ${hostName} has changed: refused to connect`,
          detail: error.message,
        },
      };
    case 'auth-failed':
    case 'key-file':
      return {
        event: 'auth-refused',
        problem,
        // A passphrase not given yet is a question for the admin, not a failure of the host.
        log: {
          level: problem.passphrase === 'missing' ? 'warning' : 'error',
          message: error.message,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
        },
      };
    default:
      return { event: 'down', problem };
  }
}
