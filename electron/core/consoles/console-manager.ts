import { randomUUID } from 'node:crypto';
import {
  CONSOLE_CHUNK_BYTES,
  CONSOLE_IDLE_MS,
  CONSOLE_UNACKED_BYTES,
} from '../../../shared/domain/console';
import { AppError } from '../../../shared/errors';
import type { EventHub } from '../events/event-hub';
import type { TerminalChannel, TerminalHandlers, TerminalSize } from '../ssh/remote-shell';
import { consoleEndWords } from './console-end';

interface Open {
  channel: TerminalChannel | undefined;
  pending: Buffer[];
  /** Sent and not yet acknowledged by the window. */
  unacked: number;
  paused: boolean;
  flushing: boolean;
  lastHeard: number;
  /** The last output, for the reason when the program ends with an error. */
  tail: string;
  what: string;
  closedByUs: boolean;
  /**
   * The window learns the console's id from open()'s answer, then listens: until its first ack
   * nothing is sent, so the banner and an early end are not lost before it listens.
   */
  listening: boolean;
  /** How it ended, held until the window listens. */
  ended?: { message?: string };
}

/** Output gathered for this long goes as one event (keys echo at once to a person's eye). */
const FLUSH_MS = 5;
const TAIL_CHARS = 2_000;

/**
 * The serial consoles the windows hold open. Output goes out as `console:output` events in bounded
 * pieces; past CONSOLE_UNACKED_BYTES not acknowledged the console's channel stops being read until
 * the window catches up (backpressure to the guest, memory bounded per console). Closing a console
 * closes its channel; a console whose window went away without closing it is closed after
 * CONSOLE_IDLE_MS.
 */
export class ConsoleManager {
  private readonly consoles = new Map<string, Open>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly hub: EventHub,
    private readonly now: () => number = Date.now,
    idleCheckMs = 10_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), idleCheckMs);
    this.sweeper.unref();
  }

  get count(): number {
    return this.consoles.size;
  }

  /** Whether the console is open (not yet ended and reported). */
  has(id: string): boolean {
    const entry = this.consoles.get(id);
    return entry !== undefined && entry.ended === undefined;
  }

  /** `what` names the console in messages: "the serial console of VM web-1 on hv1". */
  async open(
    what: string,
    start: (handlers: TerminalHandlers) => Promise<TerminalChannel>,
  ): Promise<string> {
    const id = randomUUID();
    const entry: Open = {
      channel: undefined,
      pending: [],
      unacked: 0,
      paused: false,
      flushing: false,
      lastHeard: this.now(),
      tail: '',
      what,
      closedByUs: false,
      listening: false,
    };
    this.consoles.set(id, entry);
    try {
      entry.channel = await start({
        onData: (chunk) => this.received(id, entry, chunk),
        onClose: (end) => this.ended(id, entry, end),
      });
    } catch (error) {
      this.consoles.delete(id);
      throw error;
    }
    return id;
  }

  input(id: string, data: string, encoding: 'utf8' | 'base64' = 'utf8'): void {
    const entry = this.require(id);
    entry.lastHeard = this.now();
    entry.channel?.write(Buffer.from(data, encoding));
  }

  resize(id: string, size: TerminalSize): void {
    const entry = this.require(id);
    entry.lastHeard = this.now();
    entry.channel?.resize(size);
  }

  /** The window drew `bytes` more of the output (or 0: it is still there). */
  ack(id: string, bytes: number): void {
    const entry = this.require(id);
    entry.lastHeard = this.now();
    if (!entry.listening) {
      entry.listening = true;
      this.flush(id, entry);
      if (entry.ended) this.finish(id, entry.ended.message);
    }
    entry.unacked = Math.max(0, entry.unacked - bytes);
    if (entry.paused && entry.unacked <= CONSOLE_UNACKED_BYTES / 2) {
      entry.paused = false;
      entry.channel?.resume();
    }
  }

  /** Close a console: its program is asked to end (`farewell`) and its channel closes. */
  close(id: string, farewell?: string): void {
    const entry = this.consoles.get(id);
    if (!entry) return;
    entry.closedByUs = true;
    entry.channel?.close(farewell);
  }

  closeAll(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.consoles.keys()]) this.close(id);
  }

  private received(id: string, entry: Open, chunk: Buffer): void {
    entry.pending.push(chunk);
    entry.unacked += chunk.length;
    entry.tail = (entry.tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    if (!entry.paused && entry.unacked > CONSOLE_UNACKED_BYTES) {
      entry.paused = true;
      entry.channel?.pause();
    }
    if (!entry.flushing && entry.listening) {
      entry.flushing = true;
      setTimeout(() => this.flush(id, entry), FLUSH_MS);
    }
  }

  private flush(id: string, entry: Open): void {
    entry.flushing = false;
    const all = Buffer.concat(entry.pending);
    entry.pending = [];
    for (let at = 0; at < all.length; at += CONSOLE_CHUNK_BYTES) {
      const data = all.subarray(at, at + CONSOLE_CHUNK_BYTES).toString('base64');
      this.hub.emit('console:output', { consoleId: id, data });
    }
  }

  private ended(id: string, entry: Open, end: { code: number | null; error?: AppError }): void {
    const message = entry.closedByUs ? undefined : consoleEndWords(entry.what, end, entry.tail);
    entry.ended = message === undefined ? {} : { message };
    if (!entry.listening) return;
    this.flush(id, entry);
    this.finish(id, message);
  }

  private finish(id: string, message: string | undefined): void {
    this.consoles.delete(id);
    this.hub.emit('console:closed', {
      consoleId: id,
      ...(message === undefined ? {} : { message }),
    });
  }

  private sweep(): void {
    const cutoff = this.now() - CONSOLE_IDLE_MS;
    for (const [id, entry] of this.consoles) {
      if (entry.lastHeard >= cutoff) continue;
      // Ended and never listened to: no window will ask for it.
      if (entry.ended) this.consoles.delete(id);
      else this.close(id);
    }
  }

  private require(id: string): Open {
    const entry = this.consoles.get(id);
    if (!entry) throw new AppError('not-found', 'that console is closed');
    return entry;
  }
}
