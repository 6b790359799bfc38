import type { AppError } from '../../../shared/errors';

export interface ExecResult {
  /** Exit code; null when the command died by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What a command may print (stdout and stderr together) unless it says otherwise: a `virsh
 * domstats` or `dumpxml` batch of a big host is several MiB; 64 MiB is far past that and still
 * cheap to hold and decode. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** For commands that print a line or two (an action, `domname`): a host that sends more is broken. */
export const SMALL_OUTPUT_BYTES = 1024 * 1024;

export interface ExecOptions {
  /** Kill the channel and reject with a `timeout` AppError after this long. Every call has one. */
  timeoutMs?: number;
  stdin?: string;
  /**
   * Each chunk of stderr as it arrives (the whole of it still comes in the result): for commands
   * that report progress while they run, such as `virsh migrate --verbose`.
   */
  onStderr?: (chunk: string) => void;
  /**
   * Past this many bytes of output (stdout and stderr together) the command is stopped, its channel
   * closed, and the call rejects with 'remote-output-too-large'. Default DEFAULT_MAX_OUTPUT_BYTES.
   */
  maxOutputBytes?: number;
}

export interface StreamHandlers {
  onLine(line: string): void;
  onClose(error?: AppError): void;
  /** A line longer than the stream's limit was dropped (once per line; the stream goes on). */
  onDropped?(message: string): void;
}

export interface LineStream {
  close(): void;
}

/** A terminal's size in character cells. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface TerminalHandlers {
  /** Bytes the program wrote to its terminal, as they come. */
  onData(chunk: Buffer): void;
  /** Once: the program ended (its exit code, null if unknown) or the connection was lost (error). */
  onClose(end: { code: number | null; error?: AppError }): void;
}

/** An interactive program on a pseudo-terminal of the host (`virsh console`). */
export interface TerminalChannel {
  write(data: string | Buffer): void;
  /** The window-change request: the program sees its terminal's new size. */
  resize(size: TerminalSize): void;
  /** Stop reading (the SSH window fills and the host waits), then read again: backpressure. */
  pause(): void;
  resume(): void;
  /** Send `farewell` (the program's own way out, if any), end input, and close the channel soon after. */
  close(farewell?: string): void;
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
  stream(argv: readonly string[], handlers: StreamHandlers): Promise<LineStream>;
  /** Run an interactive command on a pseudo-terminal; absent where the shell has no terminals. */
  terminal?(
    argv: readonly string[],
    size: TerminalSize,
    handlers: TerminalHandlers,
  ): Promise<TerminalChannel>;
  /**
   * A TCP stream to `address:port` as the host sees it (a guest's VNC or SPICE on its loopback).
   * `partOf`: a further connection of a console already open (SPICE's other channels), which does
   * not count as another console.
   */
  forward?(
    address: string,
    port: number,
    handlers: TerminalHandlers,
    options?: { partOf?: boolean },
  ): Promise<TerminalChannel>;
}
