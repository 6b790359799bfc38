import type { Envelope } from './envelope';
import type { EventChannel, EventOf } from './events';
import type { RequestChannel, RequestOf, ResponseOf } from './requests';

/**
 * What the window can reach: the Electron preload exposes this as `window.federator`; the web shell's
 * client implements the same over a WebSocket. Nothing else crosses.
 */
export interface Bridge {
  invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<Envelope<ResponseOf<C>>>;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void;
}

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'federator';
