import type { AppError } from '../../../shared/errors';

export interface ExecResult {
  /** Exit code; null when the command died by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Kill the channel and reject with a `timeout` AppError after this long. Every call has one. */
  timeoutMs?: number;
  stdin?: string;
  /**
   * Each chunk of stderr as it arrives (the whole of it still comes in the result): for commands
   * that report progress while they run, such as `virsh migrate --verbose`.
   */
  onStderr?: (chunk: string) => void;
}

export interface LineStream {
  close(): void;
}

/**
 * A way to run commands on one host. Commands are argument vectors: the implementation quotes each
 * argument with the project's one quoting function, so names from hosts or users stay data.
 */
export interface RemoteShell {
  /** Run a command; resolves with its output whatever the exit code; rejects with an AppError on
   * timeout or when the connection is lost. */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Start a long-lived command (e.g. `virsh event --loop`) and receive its stdout line by line. */
  stream(
    argv: readonly string[],
    handlers: { onLine(line: string): void; onClose(error?: AppError): void },
  ): Promise<LineStream>;
}
