import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../../../shared/errors';
import { ChannelQueue } from './channel-queue';
import { toCommandLine } from './quote';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  type ExecOptions,
  type ExecResult,
  type LineStream,
  type RemoteShell,
  type StreamHandlers,
  type TerminalChannel,
  type TerminalHandlers,
  type TerminalSize,
} from './remote-shell';
import { openForward } from './ssh-forward';
import { openTerminal } from './ssh-terminal';
import { formatBytes } from '../../../shared/words/index';
import { classifySshError, connectionLost, silentHost, type Peer } from './ssh-errors';
import { watchSilence } from './silence-watch';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter';
import { remoteTimeoutGraceMs, stoppableByEof, withRemoteTimeout } from './remote-wrappers';
import type { SshTiming } from './ssh-timing';

const STDERR_KEEP = 8_192;
/** Interactive terminals (consoles) open at once on one connection. */
export const MAX_TERMINALS = 4;
/** How long a stopped stream's command may take to end on the host before we close its channel. */
const STREAM_STOP_GRACE_MS = 3_000;

/**
 * One established SSH connection to a host (open it with openSshSession). Every command goes over
 * this connection as its own channel, through a queue that caps channels at once; a lost
 * connection fails every command in flight and is reported once to the close listeners.
 */
export class SshSession implements RemoteShell {
  private readonly queue: ChannelQueue;
  private readonly inFlight = new Set<(error: AppError) => void>();
  private readonly closeListeners = new Set<(error?: AppError) => void>();
  private lost: AppError | undefined;
  private closing = false;
  private terminals = 0;

  constructor(
    private readonly client: Client,
    private readonly peer: Peer,
    private readonly timing: SshTiming,
    /** The SHA256 fingerprint of the host key this connection verified. */
    readonly fingerprint: string,
    /** Bytes received so far, when the connection has its own socket: its silence is counted. */
    heard?: () => number,
  ) {
    this.queue = new ChannelQueue(timing.maxChannels);
    client.on('error', (thrown) => this.drop(classifySshError(thrown, peer)));
    client.on('close', () => this.drop(connectionLost(peer)));
    if (heard !== undefined && timing.keepaliveMs > 0) {
      const stop = watchSilence({
        heard,
        limitMs: timing.keepaliveMs * timing.keepaliveCount,
        everyMs: Math.max(50, Math.round(timing.keepaliveMs / 4)),
        onSilent: (ms) => this.drop(silentHost(peer, ms)),
      });
      this.closeListeners.add(stop);
    }
  }

  get isOpen(): boolean {
    return this.lost === undefined;
  }

  /**
   * Called once when the connection ends: with the error, or with nothing after close(). A
   * connection can die between its handshake and this call; a listener that comes too late still
   * hears it (on the next microtask, as if it had been listening), so no drop goes unreported.
   */
  onClose(listener: (error?: AppError) => void): () => void {
    const lost = this.lost;
    if (lost !== undefined) {
      let off = false;
      queueMicrotask(() => {
        if (!off) listener(this.closing ? undefined : lost);
      });
      return () => (off = true);
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const timeoutMs = options.timeoutMs ?? this.timing.execTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const channel = await this.openChannel(toCommandLine(withRemoteTimeout(argv, timeoutMs)), argv);
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    return new Promise<ExecResult>((resolve, reject) => {
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let received = 0;
      let code: number | null = null;
      let settled = false;
      const settle = (error?: AppError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve({ code, stdout: utf8(stdout), stderr: utf8(stderr) });
      };
      const held = this.hold(channel, settle);
      // The clock started before we queued for a channel: a hung host must not hang the caller.
      const timer = setTimeout(
        () => {
          settle(this.timeoutError(argv, timeoutMs));
          held.closeIfStillOpenAfter(remoteTimeoutGraceMs(timeoutMs));
        },
        Math.max(0, deadline - Date.now()),
      );
      /** Keep a chunk, unless it takes the output past the limit: then read no further. */
      const keep = (into: Buffer[], chunk: Buffer): boolean => {
        if (settled) return false;
        received += chunk.length;
        if (received <= maxBytes) {
          into.push(chunk);
          return true;
        }
        stdout.length = 0;
        stderr.length = 0;
        settle(this.outputTooLarge(argv, maxBytes));
        this.stopCommand(channel.value);
        held.closeIfStillOpenAfter(STREAM_STOP_GRACE_MS);
        return false;
      };
      channel.value.on('data', (chunk: Buffer) => keep(stdout, chunk));
      const decoder = options.onStderr === undefined ? undefined : new StringDecoder('utf8');
      channel.value.stderr.on('data', (chunk: Buffer) => {
        // A decoder, not toString: a chunk may end inside a multi-byte character.
        if (keep(stderr, chunk) && decoder) options.onStderr?.(decoder.write(chunk));
      });
      channel.value.on('exit', (exitCode: unknown) => {
        code = typeof exitCode === 'number' ? exitCode : null;
      });
      channel.value.on('close', (exitCode: unknown) => {
        code = exitStatus(code, exitCode);
        settle();
        held.free();
      });
      channel.value.end(options.stdin);
    });
  }

  async stream(
    argv: readonly string[],
    handlers: StreamHandlers,
    maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ): Promise<LineStream> {
    const channel = await this.openChannel(toCommandLine(stoppableByEof(argv)), argv);
    const lines = new LineSplitter(maxLineBytes, () =>
      handlers.onDropped?.(
        `${this.peer.hostName} sent a line longer than ${formatBytes(maxLineBytes)} on ${describe(argv)}; it was dropped`,
      ),
    );
    let stderr = '';
    let exitCode: number | null = null;
    let ended = false;
    const end = (error?: AppError): void => {
      if (ended) return;
      ended = true;
      const tail = lines.flush();
      if (tail !== undefined) handlers.onLine(tail);
      handlers.onClose(error);
    };
    const held = this.hold(channel, end);
    channel.value.on('data', (chunk: Buffer) => {
      if (ended) return;
      for (const line of lines.push(chunk)) handlers.onLine(line);
    });
    channel.value.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    channel.value.on('exit', (code: unknown) => {
      exitCode = typeof code === 'number' ? code : null;
    });
    channel.value.on('close', (status: unknown) => {
      end(this.streamEnded(argv, exitStatus(exitCode, status), stderr));
      held.free();
    });
    return {
      close: () => {
        end();
        channel.value.end(); // EOF: the host-side wrapper ends the command, the channel follows
        held.closeIfStillOpenAfter(STREAM_STOP_GRACE_MS);
      },
    };
  }

  /**
   * An interactive command on a pseudo-terminal, outside the command queue, at most
   * MAX_TERMINALS at once (sshd's MaxSessions is 10; the queue holds up to 4 of them).
   */
  async terminal(
    argv: readonly string[],
    size: TerminalSize,
    handlers: TerminalHandlers,
  ): Promise<TerminalChannel> {
    return this.openInteractive(handlers, (tracked) =>
      openTerminal(this.client, argv, size, tracked, this.peer.hostName),
    );
  }

  /**
   * A TCP stream to `address:port` from the host (a direct-tcpip channel): a guest's graphical
   * console. It counts as one of the MAX_TERMINALS consoles of the connection, unless it is part
   * of one already open (a SPICE display's further channels, bounded by the display).
   */
  async forward(
    address: string,
    port: number,
    handlers: TerminalHandlers,
    options: { partOf?: boolean } = {},
  ): Promise<TerminalChannel> {
    return this.openInteractive(
      handlers,
      (tracked) => openForward(this.client, address, port, tracked, this.peer.hostName),
      options.partOf !== true,
    );
  }

  private async openInteractive(
    handlers: TerminalHandlers,
    open: (
      tracked: TerminalHandlers,
    ) => Promise<{ channel: TerminalChannel; abandon: (error: AppError) => void }>,
    counted = true,
  ): Promise<TerminalChannel> {
    if (this.lost !== undefined) throw this.lost;
    if (counted && this.terminals >= MAX_TERMINALS) {
      throw new AppError(
        'conflict',
        `${this.peer.hostName} already has ${MAX_TERMINALS} consoles open over its connection: close one first`,
        this.withHost({ retryable: false }),
      );
    }
    const count = counted ? 1 : 0;
    this.terminals += count;
    let opened: Awaited<ReturnType<typeof open>>;
    const tracked: TerminalHandlers = {
      onData: (chunk) => handlers.onData(chunk),
      onClose: (end) => {
        this.terminals -= count;
        this.inFlight.delete(opened.abandon);
        handlers.onClose(end);
      },
    };
    try {
      opened = await open(tracked);
    } catch (thrown) {
      this.terminals -= count;
      throw this.lost ?? AppError.from(thrown);
    }
    this.inFlight.add(opened.abandon);
    return opened.channel;
  }

  /** End the connection: commands in flight fail, listeners hear a clean close. Never throws. */
  async close(): Promise<void> {
    if (this.lost !== undefined) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, 1_000);
      this.client.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      this.client.end();
    });
    this.drop(connectionLost(this.peer));
  }

  private drop(error: AppError): void {
    if (this.lost !== undefined) return;
    this.lost = error;
    for (const abandon of [...this.inFlight]) abandon(error);
    this.queue.drain();
    // Late socket errors after the end must not become unhandled 'error' events.
    this.client.on('error', () => undefined);
    this.client.destroy();
    for (const listener of [...this.closeListeners]) listener(this.closing ? undefined : error);
    this.closeListeners.clear();
  }

  private async openChannel(
    command: string,
    argv: readonly string[],
  ): Promise<{ value: ClientChannel; release: () => void }> {
    if (this.lost !== undefined) throw this.lost;
    try {
      const opened = await this.queue.acquire(
        () =>
          new Promise<ClientChannel>((resolve, reject) => {
            const lost = this.lost;
            if (lost !== undefined) {
              reject(lost);
              return;
            }
            this.client.exec(command, (error, channel) =>
              error ? reject(error) : resolve(channel),
            );
          }),
      );
      // Read again: the connection may have dropped while we waited for a slot. (The cast undoes
      // TypeScript's narrowing from the check above, which it wrongly keeps across the await.)
      const lost = this.lost as AppError | undefined;
      if (lost !== undefined) {
        opened.value.close();
        opened.release();
        throw lost;
      }
      return opened;
    } catch (thrown) {
      const lost = this.lost as AppError | undefined;
      if (lost !== undefined) throw lost;
      if (thrown instanceof AppError) throw thrown;
      throw new AppError(
        'command-failed',
        `Couldn't open an SSH channel on ${this.peer.hostName} for ${describe(argv)}: ${String(thrown)}`,
        this.withHost({ cause: thrown }),
      );
    }
  }

  /**
   * Track an open channel until it really closes: its queue slot is held until then, and a lost
   * connection fails whoever waits on it. A channel that does not close by itself in time is
   * closed from our side as a last resort.
   */
  private hold(
    channel: { value: ClientChannel; release: () => void },
    fail: (error: AppError) => void,
  ): { free(): void; closeIfStillOpenAfter(ms: number): void } {
    let freed = false;
    let force: NodeJS.Timeout | undefined;
    const free = (): void => {
      if (freed) return;
      freed = true;
      clearTimeout(force);
      this.inFlight.delete(abandon);
      channel.release();
    };
    const abandon = (error: AppError): void => {
      fail(error);
      free();
    };
    this.inFlight.add(abandon);
    return {
      free,
      closeIfStillOpenAfter: (ms) => {
        if (freed || force !== undefined) return;
        force = setTimeout(() => {
          channel.value.close();
          free();
        }, ms);
      },
    };
  }

  /**
   * Make a command we no longer read end on the host: TERM to its `timeout` wrapper (which passes
   * it on; sshd ignores the request if it is too old for signals), then close the channel, so
   * that the next write of a command that ignores both fails and it dies of SIGPIPE.
   */
  private stopCommand(channel: ClientChannel): void {
    try {
      channel.signal('TERM');
    } catch {
      // The channel is already closing: nothing left to stop.
    }
    channel.close();
  }

  private outputTooLarge(argv: readonly string[], maxBytes: number): AppError {
    return new AppError(
      'remote-output-too-large',
      `${this.peer.hostName} sent more than ${formatBytes(maxBytes)} for ${describe(argv)}: the command was stopped and its output dropped (no answer we ask for is that large: the host or its virsh misbehaves)`,
      this.withHost({ retryable: false }),
    );
  }

  private timeoutError(argv: readonly string[], timeoutMs: number): AppError {
    return new AppError(
      'timeout',
      `${describe(argv)} on ${this.peer.hostName} did not answer within ${formatSeconds(timeoutMs)}`,
      this.withHost({}),
    );
  }

  private streamEnded(argv: readonly string[], exitCode: number | null, stderr: string): AppError {
    const how = exitCode === null ? 'ended' : `ended with exit code ${exitCode}`;
    const why = stderr.trim();
    return new AppError(
      'command-failed',
      `${describe(argv)} on ${this.peer.hostName} ${how}${why ? `: ${why}` : ''}`,
      this.withHost(why ? { detail: why } : {}),
    );
  }

  private withHost<T extends object>(options: T): T & { hostId?: string } {
    return this.peer.hostId === undefined ? options : { ...options, hostId: this.peer.hostId };
  }
}

/**
 * The exit status, from 'exit' or else from 'close' (ssh2 passes it there too). Our listeners are
 * attached a few promise turns after the channel opens (it comes through the channel queue); a
 * quick command's exit-status can arrive in the same TCP read as the open's confirmation, and
 * ssh2 then emits 'exit' before anyone listens: the status was lost and `true` "exited" with null.
 * 'close' waits for its stream's end, which waits for our reader, so it is never missed.
 */
function exitStatus(fromExit: number | null, fromClose: unknown): number | null {
  return fromExit ?? (typeof fromClose === 'number' ? fromClose : null);
}

function utf8(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A short, readable name for a command in messages: the program and its first words, without
 * the URI, and a virsh batch cut at its first command (its separator is noise to an admin).
 */
export function describe(argv: readonly string[]): string {
  // A script (`sh -c SCRIPT sh ARGS…`): its first command says which one it is; its arguments
  // (a separator, a URI) are noise.
  if (argv[1] === '-c' && /^(ba)?sh$/.test(argv[0] ?? '')) {
    const first = (argv[2] ?? '').split(';')[0]?.trim() ?? '';
    return `\`${argv[0]} -c '${first.length > 40 ? first.slice(0, 40) : first}; …'\``;
  }
  const words = argv
    .filter((word) => word !== '-c' && !word.includes('://'))
    .slice(0, 3)
    .map((word) => {
      const first = word.split(';')[0] ?? word;
      return first.length > 40 ? `${first.slice(0, 40)}…` : first;
    });
  return `\`${words.join(' ')}\``;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
