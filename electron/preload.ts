import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, type Bridge } from '../shared/contract/bridge';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../shared/contract/channels';
import type { Envelope } from '../shared/contract/envelope';
import type { EventOf } from '../shared/contract/events';
import type { ResponseOf } from '../shared/contract/requests';

// The window's only door to the core: a generic invoke and on, allow-listed by the contract's
// channel names. Built as CommonJS with nothing external, so the window stays sandboxed.

const requests: ReadonlySet<string> = new Set(REQUEST_CHANNELS);
const events: ReadonlySet<string> = new Set(EVENT_CHANNELS);

const bridge: Bridge = {
  invoke(channel, request) {
    if (!requests.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'invalid-request',
          message: `Unknown request ${String(channel)}`,
          retryable: false,
        },
      });
    }
    return ipcRenderer.invoke(channel, request) as Promise<Envelope<ResponseOf<typeof channel>>>;
  },
  on(channel, listener) {
    if (!events.has(channel)) throw new Error(`Unknown event ${String(channel)}`);
    // The IPC event object never reaches the page: it carries the sender and more.
    const forward = (_event: IpcRendererEvent, payload: unknown): void =>
      listener(payload as EventOf<typeof channel>);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
