import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { requestChannels } from '../../shared/contract/requests';
import { createEventHub } from '../core/events/event-hub';
import type { Router } from '../core/router';
import { isAppUrl } from '../window-options';
import { registerIpc } from './register-ipc';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  const routed: [string, unknown][] = [];
  const router: Router = (channel, payload) => {
    routed.push([channel, payload]);
    return Promise.resolve({ ok: true, value: 'routed' });
  };
  const sent: [string, unknown][] = [];
  const window = { isDestroyed: () => false, send: (c: string, e: unknown) => sent.push([c, e]) };
  const closed = { isDestroyed: () => true, send: () => sent.push(['closed window', null]) };
  const hub = createEventHub((error) => {
    throw error;
  });
  const unregister = registerIpc({
    ipcMain,
    router,
    events: hub,
    isTrustedUrl: (url) => isAppUrl(url),
    targets: () => [window, closed] as unknown as WebContents[],
  });
  const from = (url: string | null) =>
    ({ senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent;
  return { handlers, routed, sent, hub, unregister, from };
}

describe('IPC', () => {
  it('handles every request channel of the contract', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual([...requestChannels].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('routes requests from our window only', async () => {
    const { handlers, routed, from } = setup();
    const snapshot = handlers.get('fleet:snapshot')!;
    expect(await snapshot(from('app://federator/index.html'), {})).toEqual({
      ok: true,
      value: 'routed',
    });
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', null]) {
      expect(await snapshot(from(url), {})).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(routed).toEqual([['fleet:snapshot', {}]]);
  });

  it('refuses a request larger than a message may be, before routing it', async () => {
    const { handlers, routed, from } = setup();
    const adopt = handlers.get('services:adopt')!;
    const app = from('app://federator/index.html');
    const vms = (count: number) =>
      Array.from({ length: count }, () => ({ hostId: 'h', vmId: 'v' }));
    // 26 characters per VM as JSON: 38,000 of them are under 1 MiB, 45,000 are over.
    expect(await adopt(app, { vms: vms(38_000) })).toEqual({ ok: true, value: 'routed' });
    expect(await adopt(app, { vms: vms(45_000) })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'Refused services:adopt: the request is larger than 1 MiB',
      },
    });
    // A cycle (structured clone carries them) is refused too, not walked for ever.
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(await adopt(app, cyclic)).toMatchObject({ ok: false });
    expect(routed).toHaveLength(1);
  });

  it('pushes events to the open windows', () => {
    const { hub, sent } = setup();
    hub.emit('demo:changed', { enabled: true });
    expect(sent).toEqual([['demo:changed', { enabled: true }]]);
  });
});
