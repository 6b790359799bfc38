import type { Bridge } from '../../shared/contract/bridge';
import type { Envelope } from '../../shared/contract/envelope';
import type { EventChannel, EventOf } from '../../shared/contract/events';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/contract/requests';
import {
  MAX_MESSAGE_BYTES,
  ServerMessage,
  TOKEN_REJECTED,
  type ClientMessage,
} from '../../shared/contract/wire';

/** 'rejected': the console turned this page's token away; retrying cannot help, so it stops. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'rejected';

/** What the window learns about its link to the core beyond the contract: only the web shell has one. */
export interface ConnectionSource {
  readonly status: ConnectionStatus;
  /** Seconds until the next attempt while reconnecting, for the banner. */
  readonly retryInMs: number;
  /** False until the socket first opens: a wrong or stale token never gets that far. */
  readonly everOpened: boolean;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** The subset of the browser's WebSocket this bridge uses, so that tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

export interface WsBridgeOptions {
  openSocket?: (url: string) => SocketLike;
  /** Backoff steps in ms; the last one repeats. */
  backoffMs?: readonly number[];
}

const OPEN = 1;
const DEFAULT_BACKOFF = [500, 1000, 2000, 4000, 8000] as const;

type Pending = { channel: string; resolve: (envelope: Envelope<unknown>) => void };

/**
 * The web shell's side of the contract over one WebSocket. It reconnects on its own with backoff;
 * requests in flight when the socket drops fail as "unreachable" rather than hanging forever.
 */
export class WsBridge implements Bridge, ConnectionSource {
  status: ConnectionStatus = 'connecting';
  retryInMs = 0;
  everOpened = false;
  private socket: SocketLike | undefined;
  private nextId = 1;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox: string[] = [];
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly openSocket: (url: string) => SocketLike;
  private readonly backoff: readonly number[];

  constructor(
    private readonly url: string,
    options: WsBridgeOptions = {},
  ) {
    this.openSocket = options.openSocket ?? ((u) => new WebSocket(u));
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
    this.connect();
  }

  invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<Envelope<ResponseOf<C>>> {
    const id = this.nextId++;
    const message: ClientMessage = { type: 'invoke', id, channel, request };
    const data = JSON.stringify(message);
    if (new TextEncoder().encode(data).length > MAX_MESSAGE_BYTES) {
      // The console would close the socket on it (1009) and the request would fail as a lost
      // connection: say what is wrong instead, and keep the socket.
      return Promise.resolve({
        ok: false,
        error: {
          code: 'invalid-request',
          message: `Couldn't send ${channel}: the request is larger than the ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB the console accepts`,
          retryable: false,
        },
      });
    }
    return new Promise((resolve) => {
      // The server answers with the envelope of this channel; the contract is the type's source.
      this.pending.set(id, { channel, resolve: resolve as (e: Envelope<unknown>) => void });
      this.send(id, data);
    });
  }

  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    const untyped = listener as (event: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Stop for good (tests, page unload). */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close();
  }

  private connect(): void {
    const socket = this.openSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.everOpened = true;
      this.setStatus('open');
      for (const data of this.outbox.splice(0)) socket.send(data);
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onclose = (ev) => this.dropped(socket, ev.code);
    // An error is always followed by close, which is where recovery happens.
    socket.onerror = () => undefined;
  }

  private dropped(socket: SocketLike, code: number): void {
    if (socket !== this.socket) return;
    if (code === TOKEN_REJECTED.code) {
      // A stale token stays stale: the admin must open this run's URL, which a retry cannot do.
      this.closed = true;
      this.setStatus('rejected');
    }
    this.failPending();
    if (this.closed) return;
    const delay = this.backoff[Math.min(this.attempt, this.backoff.length - 1)] ?? 1000;
    this.attempt += 1;
    this.retryInMs = delay;
    this.setStatus('reconnecting');
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private send(id: number, data: string): void {
    if (this.socket?.readyState === OPEN) this.socket.send(data);
    // The first connection is still opening: hold the request. During an outage, fail fast so an
    // admin's click says "unreachable" at once instead of spinning until the core comes back.
    else if (this.status === 'connecting') this.outbox.push(data);
    else this.fail(id);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed;
    try {
      parsed = ServerMessage.safeParse(JSON.parse(data));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'result') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      pending?.resolve(message.envelope as Envelope<unknown>);
      return;
    }
    for (const listener of this.listeners.get(message.channel) ?? []) listener(message.event);
  }

  private failPending(): void {
    for (const id of [...this.pending.keys()]) this.fail(id);
  }

  private fail(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    const rejected = this.status === 'rejected';
    pending.resolve({
      ok: false,
      error: rejected
        ? {
            code: 'auth-failed',
            message: `The console refused this page's access token (${pending.channel})`,
            retryable: false,
          }
        : {
            code: 'unreachable',
            message: `Lost the connection to the console (${pending.channel})`,
            retryable: true,
          },
    });
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
