import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookPayload, WebhookStatus } from '../../../shared/domain/alert';
import { redactUrl, WebhookSender } from './webhook';

/** A loopback receiver that answers each POST with the next status of `answers` (then 200). */
async function receiver(
  answers: number[],
): Promise<{ url: string; bodies: string[]; times: number[]; server: Server }> {
  const bodies: string[] = [];
  const times: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      times.push(Date.now());
      const status = answers.shift() ?? 200;
      if (status === 200) bodies.push(body);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook?token=s3cret`, bodies, times, server };
}

const payload = (n: number): WebhookPayload => ({
  kind: 'federator.alert',
  event: 'fired',
  summary: `alert ${n}`,
  sentAt: n,
});

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function sender(url: string, retry = { baseMs: 50, capMs: 200, attempts: 4 }) {
  const logs: string[] = [];
  const statuses: WebhookStatus[] = [];
  const hook = new WebhookSender({
    settings: () => ({ url, enabled: true }),
    onStatus: (s) => statuses.push(s),
    log: (_level, message, detail) => logs.push(`${message} ${detail ?? ''}`),
    retry,
  });
  return { hook, logs, statuses };
}

const until = async (done: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('WebhookSender', () => {
  it('retries a failing receiver with growing waits, delivers once, and shows the failure meanwhile', async () => {
    const rx = await receiver([500, 503, 500]);
    servers.push(rx.server);
    const { hook, logs, statuses } = sender(rx.url);
    hook.enqueue(payload(1));
    // The receiver has the body before the sender has read its answer: wait for both.
    await until(() => rx.bodies.length === 1 && hook.status().queued === 0);
    expect(JSON.parse(rx.bodies[0] ?? '')).toEqual(payload(1));
    expect(rx.times).toHaveLength(4);
    const waits = rx.times.slice(1).map((t, i) => t - (rx.times[i] ?? 0));
    // Backoff 50, 100, 200 ms (the cap). Timed where the requests arrive, so one request held up
    // on a busy machine shortens the gap after it: the span and the last wait are what can be
    // asserted (no backoff at all would make them a few ms).
    const span = waits.reduce((sum, w) => sum + w, 0);
    expect(span).toBeGreaterThanOrEqual(330);
    expect(waits[2]).toBeGreaterThanOrEqual(150);
    expect(statuses.some((s) => s.lastError?.message === 'the receiver answered HTTP 503')).toBe(
      true,
    );
    expect(hook.status()).toMatchObject({ queued: 0, dropped: 0 });
    expect(hook.status().lastError).toBeUndefined();
    // One line for the outage (not one per retry), and the token never in it.
    expect(logs).toHaveLength(1);
    expect(logs.join()).not.toContain('s3cret');
    expect(logs[0]).toContain('http://127.0.0.1:');
    hook.stop();
  });

  it('gives up after its attempts, counts the drop, and keeps the next delivery going', async () => {
    const rx = await receiver([500, 500, 500, 500]);
    servers.push(rx.server);
    const { hook, logs } = sender(rx.url, { baseMs: 10, capMs: 20, attempts: 4 });
    hook.enqueue(payload(1));
    hook.enqueue(payload(2));
    await until(() => rx.bodies.length === 1);
    expect((JSON.parse(rx.bodies[0] ?? '') as WebhookPayload).summary).toBe('alert 2');
    expect(hook.status().dropped).toBe(1);
    expect(
      logs.some((l) => l.startsWith('Gave up delivering an alert') && !l.includes('s3cret')),
    ).toBe(true);
    hook.stop();
  });

  it('never waits in enqueue and drops the oldest past its bound', () => {
    const hook = new WebhookSender({
      settings: () => ({ url: 'http://127.0.0.1:9/x', enabled: true }),
      onStatus: () => undefined,
      log: () => undefined,
      post: () => new Promise<number>(() => undefined), // a receiver that never answers
      queueSize: 3,
    });
    const start = performance.now();
    for (let i = 0; i < 10; i++) hook.enqueue(payload(i));
    expect(performance.now() - start).toBeLessThan(50);
    expect(hook.status()).toMatchObject({ queued: 3, dropped: 7 });
    hook.stop();
  });

  it('says a network failure without the URL', async () => {
    const rx = await receiver([]);
    const url = rx.url;
    await new Promise<void>((ok) => rx.server.close(() => ok()));
    const { hook } = sender(url);
    const status = await hook.test(payload(0));
    expect(status.lastError?.message).toMatch(/ECONNREFUSED/);
    expect(status.lastError?.message).not.toContain('s3cret');
    hook.stop();
  });

  it('redacts paths and queries from the URL it names', () => {
    expect(redactUrl('https://hooks.example/T0/B1/xyz?k=1')).toBe('https://hooks.example/…');
    expect(redactUrl('https://u:p@hooks.example/')).toBe('https://hooks.example');
  });
});
