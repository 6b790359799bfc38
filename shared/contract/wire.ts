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
