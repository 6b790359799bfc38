import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetSnapshot, requestChannels } from '../../shared/contract/requests';
import { AppError } from '../../shared/errors';
import { createCore, type Core } from './core';
import { createRouter } from './router';

let dataDir: string;
let core: Core;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-router-'));
  core = createCore({ dataDir, demo: { connectDelayMs: 1, tickMs: 60_000 } });
  await core.start();
});
afterAll(async () => {
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('router', () => {
  it('has exactly one handler for every request of the contract, and no other', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...requestChannels].sort());
    for (const channel of requestChannels) expect(typeof core.handlers[channel]).toBe('function');
  });

  it('wraps a handler result in an ok envelope that matches the contract', async () => {
    const envelope = await createRouter(core.handlers)('fleet:snapshot', {});
    expect(envelope.ok).toBe(true);
    if (envelope.ok) expect(FleetSnapshot.parse(envelope.value).demo).toBe(true);
  });

  it('refuses an unknown channel, even one inherited from Object', async () => {
    const route = createRouter(core.handlers);
    for (const channel of ['hosts:nuke', 'constructor', '__proto__']) {
      const envelope = await route(channel, {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('refuses an invalid payload with a message that names the field', async () => {
    const envelope = await createRouter(core.handlers)('hosts:add', {
      address: 'hv1',
      port: 70000,
    });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid-request');
    expect(envelope.error.message).toMatch(/^Invalid hosts:add request: .*port: .*user: /);
  });

  it('refuses hosts:update without the id of the host to change', async () => {
    const route = createRouter(core.handlers);
    const envelope = await route('hosts:update', { address: 'hv1', user: 'admin' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!envelope.ok)
      expect(envelope.error.message).toMatch(/^Invalid hosts:update request: hostId: /);
    expect(
      await route('hosts:update', { hostId: 'nope', address: 'hv1', user: 'a' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: "Couldn't change host nope: no such host" },
    });
  });

  it('applies the schema defaults before the handler sees the request', async () => {
    const envelope = await createRouter(core.handlers)('log:recent', {});
    expect(envelope.ok).toBe(true);
  });

  it('turns a thrown error into AppError data', async () => {
    const route = createRouter({
      ...core.handlers,
      'demo:set': () =>
        Promise.reject(new AppError('conflict', "Couldn't hide the demo fleet: busy")),
      'log:recent': () => Promise.reject(new Error('bug')),
    });
    expect(await route('demo:set', { enabled: false })).toEqual({
      ok: false,
      error: { code: 'conflict', message: "Couldn't hide the demo fleet: busy", retryable: false },
    });
    expect(await route('log:recent', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'bug' },
    });
  });
});
