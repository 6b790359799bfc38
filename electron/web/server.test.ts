import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/contract/wire';
import type { FleetSnapshot } from '../../shared/contract/requests';
import { createCore, type Core } from '../core/core';
import { createRouter } from '../core/router';
import { startWebServer, type WebServer } from './server';

let dir: string;
let core: Core;
let server: WebServer;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'federator-web-'));
  const staticRoot = join(dir, 'renderer');
  mkdirSync(join(staticRoot, 'assets'), { recursive: true });
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Federator</title>');
  writeFileSync(join(staticRoot, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the window');
  core = createCore({ dataDir: join(dir, 'data'), demo: { connectDelayMs: 30, tickMs: 60_000 } });
  await core.start();
  server = await startWebServer({
    router: createRouter(core.handlers),
    events: core.events,
    staticRoot,
    port: 0,
  });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path, method, headers },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens a socket; resolves with it once open, or with the HTTP status that refused it. */
function connect(query: string, socketOrigin: string | null = origin) {
  const ws = new WebSocket(
    `ws://127.0.0.1:${server.port}/ws${query}`,
    socketOrigin ? { origin: socketOrigin } : {},
  );
  const messages: ServerMessage[] = [];
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as ServerMessage));
  return new Promise<{ ws: WebSocket; messages: ServerMessage[] } | number>((resolve) => {
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error('timed out');
}

describe('web shell: HTTP', () => {
  it('serves the window with the CSP and without leaking the token in a Referer', async () => {
    const res = await get('/?token=abc');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Federator</title>');
    expect(res.headers['content-security-policy']).toMatch(
      /default-src 'self'.*connect-src 'self'/,
    );
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/assets/main.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves a file outside the window, nor to another host name, nor anything but GET', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(403);
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });
});

/** Opens a socket and resolves with how the server closed it, and whether it said anything first. */
function closing(query: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { origin });
  let messages = 0;
  ws.on('message', () => (messages += 1));
  return new Promise<{ code: number; reason: string; messages: number }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), messages })),
  );
}

describe('web shell: WebSocket', () => {
  it('closes a socket of its own page with a stale or missing token as 4401, serving nothing', async () => {
    const refused = { code: 4401, reason: 'bad token', messages: 0 };
    expect(await closing('?token=wrong')).toEqual(refused);
    expect(await closing('')).toEqual(refused);
    expect(await closing(`?token=${server.token}x`)).toEqual(refused);
  });

  it('refuses a foreign or missing Origin and another path at the HTTP level', async () => {
    // Another site's page learns nothing, not even whether a token would be right.
    expect(await connect('?token=wrong', 'https://evil.example')).toBe(403);
    expect(await connect(`?token=${server.token}`, 'https://evil.example')).toBe(403);
    expect(await connect(`?token=${server.token}`, null)).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/other?token=${server.token}`, {
      origin,
    });
    expect(
      await new Promise((done) =>
        ws.once('unexpected-response', (_q, res) => done(res.statusCode)),
      ),
    ).toBe(404);
  });

  it('answers fleet:snapshot with the demo hosts and pushes events as they happen', async () => {
    const opened = await connect(`?token=${server.token}`);
    if (typeof opened === 'number') throw new Error(`refused: ${opened}`);
    const { ws, messages } = opened;
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'fleet:snapshot', request: {} }));
    const result = await until(() => messages.find((m) => m.type === 'result' && m.id === 1));
    const envelope = (result as { envelope: { ok: boolean; value: FleetSnapshot } }).envelope;
    expect(envelope.ok).toBe(true);
    expect(envelope.value.demo).toBe(true);
    expect(envelope.value.hosts.map((h) => h.config.id)).toEqual([
      'demo-hv01',
      'demo-hv02',
      'demo-hv03',
      'demo-hv04',
    ]);

    ws.send(
      JSON.stringify({ type: 'invoke', id: 2, channel: 'demo:set', request: { enabled: false } }),
    );
    await until(() => messages.find((m) => m.type === 'event' && m.channel === 'demo:changed'));
    await until(() => messages.find((m) => m.type === 'event' && m.channel === 'hosts:removed'));
    expect(
      await until(() => messages.find((m) => m.type === 'result' && m.id === 2)),
    ).toMatchObject({
      envelope: { ok: true, value: null },
    });
    ws.close();
  });

  it('answers an invalid request with an envelope, and closes on a message outside the contract', async () => {
    const opened = await connect(`?token=${server.token}`);
    if (typeof opened === 'number') throw new Error(`refused: ${opened}`);
    const { ws, messages } = opened;
    ws.send(
      JSON.stringify({ type: 'invoke', id: 7, channel: 'hosts:add', request: { address: '' } }),
    );
    expect(
      await until(() => messages.find((m) => m.type === 'result' && m.id === 7)),
    ).toMatchObject({
      envelope: { ok: false, error: { code: 'invalid-request' } },
    });
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    ws.send('not json');
    expect(await closed).toBe(1008);
  });
});
