import { z } from 'zod';

/**
 * Messages of the web shell's WebSocket (the Electron shell uses IPC instead). The token travels in
 * the connection URL (`/ws?token=…`), checked with the Origin header before the upgrade.
 */
export const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** The longest channel name of the contract is about 25 characters. */
  channel: z.string().max(64),
  request: z.unknown(),
});

/**
 * The largest message either shell accepts (WebSocket frame, IPC payload, measured as JSON). The
 * biggest real request is a service with its applications' libvirt XML templates (a few KiB each;
 * 200,000 characters at most for one); 1 MiB holds several such and keeps one message's parse and
 * validation in the tens of milliseconds, so no request can hold the core's event loop for long.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), envelope: z.unknown() }),
  z.object({ type: z.literal('event'), channel: z.string(), event: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/**
 * How the shell turns away a page from this very console (right Host and Origin) whose token is not
 * this run's: it accepts the upgrade and closes at once with this code, because a browser hides the
 * HTTP status of a refused upgrade and the page could not tell it from a server that is down.
 * 4000–4999 are the codes WebSocket leaves to applications; 4401 echoes HTTP's 401.
 */
export const TOKEN_REJECTED = { code: 4401, reason: 'bad token' } as const;
