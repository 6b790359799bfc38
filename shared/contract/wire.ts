import { z } from 'zod';

/**
 * Messages of the web shell's WebSocket (the Electron shell uses IPC instead). The token travels in
 * the connection URL (`/ws?token=…`), checked with the Origin header before the upgrade.
 */
export const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int(),
  channel: z.string(),
  request: z.unknown(),
});
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
