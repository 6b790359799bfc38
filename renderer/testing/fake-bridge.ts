import type { Bridge } from '../../shared/contract/bridge';
import type { Envelope } from '../../shared/contract/envelope';
import type { EventChannel, EventOf } from '../../shared/contract/events';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/contract/requests';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { AppError } from '../../shared/errors';

type Handler<C extends RequestChannel> = (
  request: RequestOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

/**
 * For component tests only: a Bridge whose answers the test scripts per channel. A handler that
 * throws an AppError answers with an error envelope, as the core would.
 */
export class FakeBridge implements Bridge {
  readonly calls: { channel: RequestChannel; request: unknown }[] = [];
  // Every window reads the settings (the engine's ratios): the defaults, unless a test says otherwise.
  private readonly handlers = new Map<RequestChannel, (request: unknown) => unknown>([
    ['settings:get', () => DEFAULT_SETTINGS],
  ]);
  private readonly listeners = new Map<EventChannel, Set<(event: unknown) => void>>();

  handle<C extends RequestChannel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (request: unknown) => unknown);
    return this;
  }

  async invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<Envelope<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const handler = this.handlers.get(channel);
    if (!handler)
      return {
        ok: false,
        error: { code: 'not-found', message: `no fake for ${channel}`, retryable: false },
      };
    try {
      return { ok: true, value: (await handler(request)) as ResponseOf<C> };
    } catch (thrown) {
      return { ok: false, error: AppError.from(thrown).toData() };
    }
  }

  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    const untyped = listener as (event: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  emit<C extends EventChannel>(channel: C, event: EventOf<C>): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event);
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}
