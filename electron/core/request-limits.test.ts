import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abusiveRequests, measure } from '../testing/abusive-requests';
import { createCore, type Core } from './core';
import { createRouter, type Router } from './router';

// The largest hostile request a shell lets through (one 1 MiB message of tiny invalid elements or
// keys) used to hold the event loop for seconds and answer with an error 20 to 150 times its size.
// Now each is refused by the length checks, with an answer of a few hundred bytes.

let dataDir: string;
let core: Core;
let router: Router;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-limits-'));
  core = createCore({ dataDir, demo: { connectDelayMs: 1, tickMs: 60_000 } });
  await core.start();
  router = createRouter(core.handlers);
});
afterAll(async () => {
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('oversized requests', () => {
  it.each(abusiveRequests())('refuses $name with a short answer, quickly', async (request) => {
    await measure(router, request); // the first call compiles the schemas
    const m = await measure(router, request);
    process.stdout.write(
      `${m.name}: ${m.requestBytes} bytes in, ${m.blockedMs.toFixed(1)} ms (CPU ${m.cpuMs.toFixed(1)} ms, JSON.parse ${m.parseMs.toFixed(1)} ms), answer ${m.answerBytes} bytes\n`,
    );
    expect(m.code).toBe('invalid-request');
    expect(m.answerBytes).toBeLessThan(2048);
    // Loose on purpose (CPU time, not wall, on a shared machine): before the limits these took
    // 0.7 to 5.5 s of CPU; now tens of milliseconds, mostly JSON.parse.
    expect(m.cpuMs).toBeLessThan(1000);
  });

  it('names the first few issues and counts the rest, each clipped', async () => {
    const longKey = 'k'.repeat(10_000);
    const envelope = await router('hosts:add', {
      address: 7,
      port: 'x',
      user: [],
      uri: {},
      keyPath: 1,
      name: 2,
      passphrase: 3,
      labels: { [longKey]: 1, ...Object.fromEntries([...'abcdefghij'].map((k) => [k, 1])) },
    });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.message).toMatch(/^Invalid hosts:add request: name: .*; and 14 more$/);
    expect(envelope.error.message.length).toBeLessThan(1500);
    expect(envelope.error.detail).toContain('… and');
    expect(envelope.error.detail).not.toContain(longKey);
    expect(envelope.error.detail?.length).toBeLessThan(4001);
  });
});
