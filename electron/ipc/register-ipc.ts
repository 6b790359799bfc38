import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Envelope } from '../../shared/contract/envelope';
import { eventChannels } from '../../shared/contract/events';
import { exceedsMessageSize } from '../../shared/contract/message-size';
import { requestChannels } from '../../shared/contract/requests';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/wire';
import type { EventSource } from '../core/events/event-hub';
import type { Router } from '../core/router';

/**
 * The Electron shell's transport: one ipcMain.handle per request of the contract, each checking that
 * the sender is our own window before the router sees the payload; push events go to every window.
 */
export function registerIpc(deps: {
  ipcMain: IpcMain;
  router: Router;
  events: EventSource;
  /** Whether a frame URL is our window (see isAppUrl). */
  isTrustedUrl(url: string): boolean;
  /** The windows to push events to. */
  targets(): WebContents[];
}): () => void {
  const refused: Envelope<never> = {
    ok: false,
    error: {
      code: 'invalid-request',
      message: 'Refused: the request did not come from the console window',
      retryable: false,
    },
  };
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    // senderFrame is null once the frame navigated away or was destroyed: refuse then too.
    const frame = event.senderFrame;
    return frame !== null && deps.isTrustedUrl(frame.url);
  };
  // The same limit as the web shell's WebSocket frames: a request past it is refused before the
  // schema walks it, so even a window gone wrong cannot hold the core's event loop for long.
  const tooBig = (channel: string): Envelope<never> => ({
    ok: false,
    error: {
      code: 'invalid-request',
      message: `Refused ${channel}: the request is larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB`,
      retryable: false,
    },
  });
  for (const channel of requestChannels) {
    deps.ipcMain.handle(channel, (event, payload: unknown) => {
      if (!trusted(event)) return Promise.resolve(refused);
      if (exceedsMessageSize(payload)) return Promise.resolve(tooBig(channel));
      return deps.router(channel, payload);
    });
  }
  const unsubscribe = eventChannels.map((channel) =>
    deps.events.on(channel, (event) => {
      for (const contents of deps.targets()) {
        if (!contents.isDestroyed()) contents.send(channel, event);
      }
    }),
  );
  return () => {
    for (const channel of requestChannels) deps.ipcMain.removeHandler(channel);
    unsubscribe.forEach((off) => off());
  };
}
