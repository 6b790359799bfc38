import { z } from 'zod';

/** Every failure the console can name. The code decides retry and wording; the message is for people. */
export const ErrorCode = z.enum([
  'invalid-request', // the request did not match its schema
  'not-found', // no such host, VM, plan …
  'conflict', // e.g. a host with that address already exists
  'unreachable', // TCP connect failed, refused, or keepalive timed out
  'timeout', // a remote command did not answer in time
  'auth-failed', // the host refused our key
  'host-key-unknown', // first contact: the admin must confirm the fingerprint
  'host-key-changed', // the host's key differs from the trusted one: refused
  'key-file', // the private key file is missing, unreadable, or its passphrase is wrong
  'hypervisor-missing', // virsh/libvirt absent or not answering on the host
  'command-failed', // a remote command exited non-zero
  'parse-error', // a command's output did not have the expected shape
  'remote-output-too-large', // a host sent more output than the command may (read no further)
  'infeasible', // the placement engine found no host that keeps every hard rule
  'cancelled', // the admin cancelled the work (a plan, a migration)
  'internal', // a bug: reported with detail
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The plain-data form that crosses IPC and WebSocket. */
export const AppErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  hostId: z.string().optional(),
  retryable: z.boolean(),
  detail: z.string().optional(),
});
export type AppErrorData = z.infer<typeof AppErrorData>;

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['unreachable', 'timeout']);

/**
 * The one error type of the project. `message` names the action and the object ("Couldn't add host
 * hv1: …"); `detail` carries the raw text (stderr, libvirt's message) for the "details" expander.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hostId: string | undefined;
  readonly retryable: boolean;
  readonly detail: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hostId?: string; detail?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hostId = options.hostId;
    this.detail = options.detail;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
  }

  /** Prefix the message with the action that failed, keeping code and detail. */
  during(action: string): AppError {
    return new AppError(this.code, `${action}: ${this.message}`, this.options());
  }

  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.hostId === undefined ? {} : { hostId: this.hostId }),
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, {
      retryable: data.retryable,
      ...(data.hostId === undefined ? {} : { hostId: data.hostId }),
      ...(data.detail === undefined ? {} : { detail: data.detail }),
    });
  }

  /** Anything thrown becomes an AppError; unknown throws are bugs and keep their stack as detail. */
  static from(thrown: unknown): AppError {
    if (thrown instanceof AppError) return thrown;
    if (thrown instanceof Error) {
      return new AppError('internal', thrown.message, { detail: thrown.stack ?? thrown.message });
    }
    return new AppError('internal', String(thrown));
  }

  private options(): { hostId?: string; detail?: string; retryable: boolean } {
    return {
      retryable: this.retryable,
      ...(this.hostId === undefined ? {} : { hostId: this.hostId }),
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }
}
