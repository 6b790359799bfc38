import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, WebhookPayload } from '../../../shared/domain/alert';
import { ApplicationId, ServiceId } from '../../../shared/domain/ids';
import type { HostSample } from '../../../shared/domain/metrics';
import { createCore, type Core } from '../core';
import { defineGuestXml, outOfBandList, removeGuest, virshAsAsync } from '../../testing/lab-hosts';
import { spinningGuestXml } from '../../testing/prometheus-lab';
import { addRequest, labHosts } from '../../testing/service-lab';

// Issue 12's alert, proven on a real host: a guest that burns its vCPU, sampled over SSH every 5 s
// through the whole core, a VM CPU rule with a duration and a clear threshold, and a webhook
// receiver on loopback. The guest is then suspended: its CPU falls to 0 and the alert resolves.
const hv1 = labHosts[0] as (typeof labHosts)[number];
const NAME = 't-alerts-spin';
const SERVICE = 'alerts-lab';
const APPLICATION = 'spinner';
// The threshold is what the guest gets, not what it asks for: on this two-core machine shared by
// other work a spinning guest was measured at ~20 % of its vCPU (prometheus.lab.test.ts), so
// "above 50 %" might never fire. An idle or paused guest shows ~0 %, so 5 % is far from both, and
// the clear threshold (2 %) sits below it so that a dip to 3–4 % on a busy machine holds the alert.
const THRESHOLD = 5;
const CLEAR = 2;
const FOR_SECONDS = 10;
const SAMPLE_SECONDS = 5; // the settings' minimum

let core: Core | undefined;
let receiver: Server | undefined;
let dataDir: string | undefined;
let cleanupGuest: (() => void) | undefined;
afterAll(async () => {
  await core?.stop();
  receiver?.close();
  for (const [uuid, name] of outOfBandList(hv1)) if (name === NAME) removeGuest(hv1, uuid);
  cleanupGuest?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The loopback webhook receiver: every body it gets, parsed. */
async function startReceiver(): Promise<{ url: string; bodies: WebhookPayload[] }> {
  const bodies: WebhookPayload[] = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body) as WebhookPayload);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => receiver?.listen(0, '127.0.0.1', ok));
  const { port } = receiver.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies };
}

/** The spinning guest, tagged with an application so the rule can be scoped to it alone. */
function defineSpinner(): string {
  const spin = spinningGuestXml(NAME, hv1);
  cleanupGuest = spin.cleanup;
  const tag = `<federator:vm xmlns:federator='https://federator.dev/xmlns/vm/1' application='${APPLICATION}' service='${SERVICE}'/>`;
  return defineGuestXml(hv1, NAME, spin.xml.replace('</metadata>', `${tag}</metadata>`));
}

const secs = (ms: number) => (ms / 1000).toFixed(1);

describe('a VM CPU alert on a real host', () => {
  it('fires after its duration while a guest spins, posts once, resolves once the guest stops', async () => {
    const t0 = performance.now();
    const { url, bodies } = await startReceiver();
    dataDir = mkdtempSync(join(tmpdir(), 'federator-alerts-lab-'));
    core = createCore({ dataDir, demoByDefault: false });
    const samples: HostSample[] = [];
    const fired: Alert[] = [];
    const resolved: Alert[] = [];
    core.events.on('metrics:sampled', (s) => samples.push(s));
    core.events.on('alerts:fired', (a) => fired.push(a));
    core.events.on('alerts:resolved', (a) => resolved.push(a));
    await core.start();
    await core.handlers['settings:update']({ sampleSeconds: SAMPLE_SECONDS });
    await core.handlers['alerts:set-webhook']({ url, enabled: true });
    const rule = await core.handlers['alerts:save-rule']({
      name: 'Spinner CPU high',
      enabled: true,
      severity: 'warning',
      condition: {
        kind: 'metric',
        metric: 'vm-cpu',
        op: 'above',
        threshold: THRESHOLD,
        clear: CLEAR,
        forSeconds: FOR_SECONDS,
      },
      scope: {
        kind: 'application',
        service: ServiceId.parse(SERVICE),
        application: ApplicationId.parse(APPLICATION),
      },
    });
    const added = await core.handlers['hosts:add'](addRequest(hv1));
    const trusted = await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: hv1.originalHostKeyFingerprint,
    });
    expect(trusted.state).toBe('connected');
    const hostId = added.config.id;

    const uuid = defineSpinner();
    await virshAsAsync(hv1, 'start', uuid);
    const startedAt = Date.now();
    const from = samples.length;
    const ours = (s: HostSample) => s.hostId === hostId && s.at >= startedAt;
    /** The guest's CPU in each of hv1's samples since the start (undefined: not in it, no rate yet). */
    const guest = () =>
      samples
        .slice(from)
        .filter(ours)
        .map((s) => ({ at: s.at, cpu: s.vms.find((v) => v.vmId === uuid)?.cpu }));

    // It rises within two samples of the start (the first may be only the counters' baseline).
    await expect
      .poll(() => guest().length, { timeout: 4 * SAMPLE_SECONDS * 1000, interval: 250 })
      .toBeGreaterThanOrEqual(2);
    const firstTwo = guest().slice(0, 2);
    const rise = firstTwo.find((g) => (g.cpu ?? 0) > THRESHOLD);
    expect(rise, `guest CPU in the first two samples: ${JSON.stringify(firstTwo)}`).toBeDefined();
    const riseAt = rise?.at ?? Number.NaN;

    // It fires once the breach has lasted the rule's duration, and not one sample before.
    await expect.poll(() => fired.length, { timeout: 40_000, interval: 250 }).toBe(1);
    const alert = fired[0] as Alert;
    expect(alert).toMatchObject({
      ruleId: rule.id,
      object: { kind: 'vm', id: uuid, hostId },
      threshold: THRESHOLD,
      why: { code: 'metric', metric: 'vm-cpu', op: 'above', forSeconds: FOR_SECONDS },
    });
    const series = guest();
    const breachStart = series.find((g) => (g.cpu ?? 0) > THRESHOLD)?.at ?? Number.NaN;
    const untilFire = series.filter((g) => g.at >= breachStart && g.at <= alert.firedAt);
    // An unbroken breach from its start to the firing sample (a break would restart the clock).
    expect(
      untilFire.every((g) => (g.cpu ?? 0) > THRESHOLD),
      JSON.stringify(series),
    ).toBe(true);
    expect(alert.firedAt - breachStart).toBeGreaterThanOrEqual(FOR_SECONDS * 1000);
    const beforeFire = untilFire.filter((g) => g.at < alert.firedAt).at(-1);
    expect((beforeFire?.at ?? Number.POSITIVE_INFINITY) - breachStart).toBeLessThan(
      FOR_SECONDS * 1000,
    );
    await expect.poll(() => bodies.length, { timeout: 10_000, interval: 100 }).toBe(1);
    expect(bodies[0]).toMatchObject({
      kind: 'federator.alert',
      event: 'fired',
      alert: { id: alert.id },
    });

    // The same figures reach the history the charts read.
    const history = await core.handlers['metrics:series']({
      objectId: uuid,
      metric: 'cpu',
      from: startedAt - 10_000,
      to: Date.now(),
    });
    expect(history.points.some((p) => (p.avg ?? 0) > THRESHOLD)).toBe(true);

    // The load stops: suspended, the guest's CPU time stands still (it stays in the fleet, so the
    // alert must resolve on its value, not because its VM vanished).
    await virshAsAsync(hv1, 'suspend', uuid);
    const stoppedAt = Date.now();
    await expect.poll(() => resolved.length, { timeout: 30_000, interval: 250 }).toBe(1);
    const done = resolved[0] as Alert;
    expect(done).toMatchObject({ id: alert.id, status: 'resolved' });
    const after = guest().filter((g) => g.at > alert.firedAt);
    const resolving = after.find((g) => g.at === done.resolvedAt);
    expect(resolving?.cpu, JSON.stringify(after)).toBeLessThanOrEqual(CLEAR);
    // Every sample while it was open stayed above the clear threshold: it resolved no earlier.
    const open = after.filter((g) => g.at < (done.resolvedAt ?? 0));
    expect(
      open.every((g) => (g.cpu ?? 0) > CLEAR),
      JSON.stringify(after),
    ).toBe(true);
    await expect.poll(() => bodies.length, { timeout: 10_000, interval: 100 }).toBe(2);
    expect(bodies[1]).toMatchObject({
      event: 'resolved',
      alert: { id: alert.id, status: 'resolved' },
    });

    // One more sample: nothing further fires, resolves or is posted.
    const seen = guest().length;
    await expect
      .poll(() => guest().length, { timeout: 3 * SAMPLE_SECONDS * 1000, interval: 250 })
      .toBeGreaterThan(seen);
    expect([fired.length, resolved.length, bodies.length]).toEqual([1, 1, 2]);

    console.log(
      `alerts lab: guest CPU ${firstTwo.map((g) => g.cpu?.toFixed(1) ?? '-').join(', ')} % in the first two samples; ` +
        `rise ${secs(riseAt - startedAt)} s after start, fired ${secs(alert.firedAt - startedAt)} s after start ` +
        `(${secs(alert.firedAt - breachStart)} s after the breach began, rule ${FOR_SECONDS} s; samples at ` +
        `${untilFire.map((g) => `+${secs(g.at - startedAt)}`).join(' ')} s), ` +
        `resolved ${secs((done.resolvedAt ?? 0) - stoppedAt)} s after the suspend ` +
        `(samples since the suspend: ${after
          .filter((g) => g.at > stoppedAt)
          .map((g) => g.cpu?.toFixed(1))
          .join(', ')} %); whole test ${secs(performance.now() - t0)} s`,
    );
  }, 90_000);
});
