import type { RawData, WebSocket } from 'ws';
import { eventChannels } from '../../shared/contract/events';
import { ClientMessage, type ServerMessage } from '../../shared/contract/wire';
import { AppError } from '../../shared/errors';
import type { EventSource } from '../core/events/event-hub';
import type { Router } from '../core/router';

/** A window that stops reading must not make the console buffer forever: past this, drop it. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * One browser window over one WebSocket: every push event of the contract goes out, every invoke
 * goes through the router, and each answer goes back under the invoke's id.
 */
export function serveSocket(
  socket: WebSocket,
  router: Router,
  events: EventSource,
  report: (message: string) => void,
): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      // It will reconnect and reload the snapshot: cheaper than holding every event for it.
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const unsubscribe = eventChannels.map((channel) =>
    events.on(channel, (event) => send({ type: 'event', channel, event })),
  );
  socket.on('close', () => unsubscribe.forEach((off) => off()));
  // A frame that breaks the protocol (bad UTF-8, no mask, reserved bits, too big …): ws has already
  // closed this socket with the matching code (1002, 1007, 1009); the console goes on.
  socket.on('error', (error) => report(`WebSocket client closed: ${error.message}`));
  socket.on('message', (data, isBinary) => {
    const message = isBinary ? undefined : parse(text(data));
    if (!message) {
      socket.close(1008, 'not a message of the contract');
      return;
    }
    void router(message.channel, message.request).then((envelope) =>
      send({ type: 'result', id: message.id, envelope }),
    );
  });
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Buffer.from(new Uint8Array(data)).toString('utf8');
}

function parse(text: string): ClientMessage | undefined {
  try {
    const parsed = ClientMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw AppError.from(error);
  }
}
