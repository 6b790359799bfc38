// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WsBridge, type SocketLike } from './ws-bridge';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
}

let sockets: FakeSocket[];
const latest = () => sockets[sockets.length - 1]!;
const makeBridge = () =>
  new WsBridge('ws://host/ws?token=t', {
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoffMs: [100, 400],
  });

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('WsBridge', () => {
  it('holds requests until the first open, then matches results to them by id', async () => {
    const bridge = makeBridge();
    const answer = bridge.invoke('log:recent', { limit: 5 });
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([
      { type: 'invoke', id: 1, channel: 'log:recent', request: { limit: 5 } },
    ]);
    latest().receive({ type: 'result', id: 1, envelope: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual({ ok: true, value: [] });
  });

  it('refuses a request past the message limit itself, keeping the socket', async () => {
    const bridge = makeBridge();
    latest().open();
    // 1 MiB of characters, 2 bytes each in UTF-8: too big although its length is under the limit.
    const big = {
      serviceId: 's',
      applicationId: 'a',
      vms: [{ hostId: 'é'.repeat(600_000), vmId: 'v' }],
    };
    const envelope = await bridge.invoke('services:adopt', big);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!envelope.ok)
      expect(envelope.error.message).toMatch(/^Couldn't send services:adopt: .*1 MiB/);
    expect(latest().sent).toEqual([]);
    expect(sockets).toHaveLength(1);
  });

  it('hands pushed events to the listeners of their channel only', () => {
    const bridge = makeBridge();
    latest().open();
    const demo = vi.fn();
    const removed = vi.fn();
    bridge.on('demo:changed', demo);
    const off = bridge.on('hosts:removed', removed);
    latest().receive({ type: 'event', channel: 'demo:changed', event: { enabled: false } });
    off();
    latest().receive({ type: 'event', channel: 'hosts:removed', event: { hostId: 'a' } });
    expect(demo).toHaveBeenCalledWith({ enabled: false });
    expect(removed).not.toHaveBeenCalled();
  });

  it('ignores messages that are not JSON or not of the wire protocol', () => {
    const bridge = makeBridge();
    latest().open();
    const listener = vi.fn();
    bridge.on('demo:changed', listener);
    latest().onmessage?.(new MessageEvent('message', { data: 'not json' }));
    latest().receive({ type: 'surprise', channel: 'demo:changed' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('fails requests in flight as unreachable when the socket drops, then reconnects with backoff', async () => {
    const bridge = makeBridge();
    const statuses: string[] = [];
    bridge.onStatus((s) => statuses.push(s));
    latest().open();
    const answer = bridge.invoke('fleet:snapshot', {});
    latest().drop();
    await expect(answer).resolves.toMatchObject({
      ok: false,
      error: { code: 'unreachable', retryable: true },
    });
    expect(bridge.status).toBe('reconnecting');
    expect(bridge.retryInMs).toBe(100);

    // During the outage a request fails at once rather than waiting for the socket.
    await expect(bridge.invoke('fleet:snapshot', {})).resolves.toMatchObject({ ok: false });

    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().drop();
    expect(bridge.retryInMs).toBe(400);
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(statuses).toEqual(['open', 'reconnecting', 'reconnecting', 'open']);
    expect(bridge.everOpened).toBe(true);
  });

  it('stops for good when the console refuses its token, failing what waits in words that say so', async () => {
    const bridge = makeBridge();
    const statuses: string[] = [];
    bridge.onStatus((s) => statuses.push(s));
    const waiting = bridge.invoke('fleet:snapshot', {});
    latest().drop(4401); // the server accepts the upgrade, then closes: 4401 "bad token"
    expect(bridge.status).toBe('rejected');
    expect(statuses).toEqual(['rejected']);
    const refused = {
      ok: false,
      error: { code: 'auth-failed', message: expect.stringContaining('access token') as unknown },
    };
    await expect(waiting).resolves.toMatchObject(refused);
    await expect(bridge.invoke('log:recent', { limit: 1 })).resolves.toMatchObject(refused);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps retrying a console that is down, however it closed', () => {
    const bridge = makeBridge();
    latest().drop(1006);
    vi.advanceTimersByTime(100);
    latest().drop(1001);
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(3);
    expect(bridge.status).toBe('reconnecting');
  });

  it('stays down after close()', () => {
    const bridge = makeBridge();
    latest().open();
    bridge.close();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});
