import type { EventChannel, EventOf } from '../../../shared/contract/events';

export type EventListener<C extends EventChannel> = (event: EventOf<C>) => void;

/** What the shells subscribe to: every push event of the contract, typed by channel. */
export interface EventSource {
  on<C extends EventChannel>(channel: C, listener: EventListener<C>): () => void;
}

export interface EventHub extends EventSource {
  emit<C extends EventChannel>(channel: C, event: EventOf<C>): void;
}

/**
 * Fan-out of the contract's events. A listener that throws is reported and skipped: one broken
 * window must not stop the others (or the core) from hearing about the fleet.
 */
export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Map<EventChannel, Set<(event: never) => void>>();
  return {
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(channel, event) {
      for (const listener of listeners.get(channel) ?? []) {
        try {
          (listener as EventListener<typeof channel>)(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
