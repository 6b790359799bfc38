import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostId } from '../../../../shared/domain/ids';
import type { HostSample } from '../../../../shared/domain/metrics';
import { DEFAULT_PROMETHEUS, type PrometheusSettings } from '../../../../shared/domain/prometheus';
import type { LogEntry } from '../../../../shared/domain/log';
import {
  exporterSeries,
  startFakePrometheus,
  type FakePrometheus,
} from '../../../testing/fake-prometheus';
import { createCore, type Core } from '../../core';
import type { EventLog, LogLine } from '../../events/event-log';
import { PrometheusSource } from './prometheus-source';

let server: FakePrometheus | undefined;
let core: Core | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.stop();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = core = dir = undefined;
});

function logSink(): { log: EventLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = {
    append: (line: LogLine) => {
      lines.push(line);
      return { id: lines.length, at: 0, ...line } as unknown as LogEntry;
    },
  };
  return { lines, log: log as unknown as EventLog };
}

const hv1 = { id: HostId.parse('hv1'), address: '10.0.0.1' };
const hv2 = { id: HostId.parse('hv2'), address: '10.0.0.2' };
let scrapedAt = 1_000_000;
const exporters = (query: string) =>
  exporterSeries(query, [
    {
      address: '10.0.0.1',
      scrapedAt,
      boot: 990_000,
      cpu: { user: scrapedAt / 100, idle: scrapedAt / 50 },
      domains: [{ name: 'web-1', cpuSeconds: scrapedAt / 1000, vcpus: 1 }],
    },
  ]);

describe('the Prometheus source of a round', () => {
  it('asks nothing while off; on, serves the hosts it knows, `unchanged` until a new scrape', async () => {
    server = await startFakePrometheus(exporters);
    const settings: PrometheusSettings = { ...DEFAULT_PROMETHEUS };
    const { log, lines } = logSink();
    const source = new PrometheusSource({ settings: () => settings, log });
    expect((await source.read([hv1, hv2])).size).toBe(0);
    expect(server.asked).toHaveLength(0);
    expect(source.status().state).toBe('off');

    // A token for a proxy in the query string: asked with it, never logged.
    Object.assign(settings, { enabled: true, url: `${server.url}/?token=s3cret` });
    const first = await source.read([hv1, hv2]);
    expect([...first.keys()]).toEqual(['hv1']);
    expect(first.get(hv1.id)).toMatchObject({ host: { uptimeSeconds: 10_000 } });
    // Every query of one round is evaluated at the same instant: the same scrapes for all.
    expect(new Set(server.asked.map((a) => a.time)).size).toBe(1);
    expect(source.status()).toMatchObject({
      state: 'ok',
      fromPrometheus: ['hv1'],
      overSsh: [
        { hostId: 'hv2', reason: { code: 'no-node-exporter', at: { address: '10.0.0.2' } } },
      ],
    });
    expect((await source.read([hv1, hv2])).get(hv1.id)).toBe('unchanged');
    scrapedAt += 15;
    expect((await source.read([hv1, hv2])).get(hv1.id)).toMatchObject({
      host: { uptimeSeconds: 10_015 },
    });
    // hv1 removed, then added again before a new scrape: a fresh baseline, not `unchanged`.
    await source.read([hv2]);
    expect((await source.read([hv1, hv2])).get(hv1.id)).toMatchObject({
      host: { uptimeSeconds: 10_015 },
    });
    // Three rounds, the same split: one line; then a line per change of the split.
    const line = (served: string) =>
      `Utilisation from Prometheus at ${server?.url}/: ${served} read from it, 1 sampled over SSH (hv2: Prometheus has no node_exporter at 10.0.0.2 (any port))`;
    expect(lines.map((l) => l.message)).toEqual([line('1 host'), line('0 hosts'), line('1 host')]);
  });

  it('down: every host to SSH, one warning per problem, an answer in bounded time, back on the next round', async () => {
    let broken: 'hang' | 'garbage' | undefined = 'hang';
    server = await startFakePrometheus((query) =>
      broken === 'hang'
        ? () => undefined // never answers
        : broken === 'garbage'
          ? (_req, res) =>
              res
                .writeHead(200)
                .end('{"status":"success","data":{"resultType":"vector","result":"no"}}')
          : exporters(query),
    );
    const { log, lines } = logSink();
    const settings = { ...DEFAULT_PROMETHEUS, enabled: true, url: server.url };
    const source = new PrometheusSource({
      settings: () => settings,
      log,
      limits: { timeoutMs: 300, maxBytes: 1 << 20, maxSeries: 1000 },
    });
    const start = performance.now();
    expect((await source.read([hv1])).size).toBe(0);
    expect(performance.now() - start).toBeLessThan(1500);
    await source.read([hv1]);
    expect(source.status()).toMatchObject({
      state: 'down',
      overSsh: [{ hostId: 'hv1', reason: { code: 'down' } }],
    });
    broken = 'garbage';
    await source.read([hv1]);
    broken = undefined;
    expect((await source.read([hv1])).has(hv1.id)).toBe(true);
    expect(lines.map((l) => `${l.level}: ${l.message}`)).toEqual([
      expect.stringMatching(
        /^warning: Couldn't read .* no answer within \d+ ms; utilisation is sampled over SSH until it answers$/,
      ),
      expect.stringMatching(
        /^warning: Couldn't read .* not an instant vector \(HTTP 200\); utilisation is sampled over SSH/,
      ),
      `info: Utilisation from Prometheus at ${server.url}: 1 host read from it`,
    ]);
  });
});

describe('the collector with Prometheus on (a core over the demo fleet)', () => {
  it("reads the hosts Prometheus knows from it and samples the others over SSH, all in one round's samples", async () => {
    dir = mkdtempSync(join(tmpdir(), 'federator-prom-'));
    core = createCore({ dataDir: dir, demo: { connectDelayMs: 5 } });
    await core.start();
    const running = async () => {
      const { hosts, vms } = await (core as Core).handlers['fleet:snapshot']({});
      const host = hosts.find((h) => h.config.id === 'demo-hv01' && h.state === 'connected');
      const vm = vms.find((v) => v.hostId === host?.config.id && v.state === 'running');
      return host && vm ? { first: host, guest: vm } : undefined;
    };
    await expect.poll(running, { timeout: 10_000 }).toBeDefined();
    const { first, guest } = (await running()) as NonNullable<Awaited<ReturnType<typeof running>>>;
    // The demo's hv01 is "scraped" by a fake Prometheus with a guest spinning at 50 % of 2 vCPUs.
    let at = 2_000_000;
    server = await startFakePrometheus((query) =>
      exporterSeries(query, [
        {
          address: first.config.address,
          scrapedAt: at,
          boot: 1_000_000,
          cpu: { user: at / 10, idle: at / 10 },
          domains: [{ name: guest.name, cpuSeconds: at, vcpus: 2 }],
        },
      ]),
    );
    const seen: HostSample[] = [];
    core.events.on('metrics:sampled', (s) => seen.push(s));
    await core.handlers['settings:update']({
      prometheus: { enabled: true, url: server.url, intervalSeconds: 5 },
    });
    const tick = setInterval(() => (at += 5), 1000);
    try {
      await expect
        .poll(() => seen.find((s) => s.hostId === first.config.id && s.host.cpu !== undefined), {
          timeout: 20_000,
        })
        .toBeDefined();
    } finally {
      clearInterval(tick);
    }
    const fromProm = seen.find((s) => s.hostId === first.config.id && s.host.cpu !== undefined);
    expect(fromProm?.host.cpu).toBeCloseTo(50, 0);
    expect(fromProm?.vms.find((v) => v.vmId === guest.id)?.cpu).toBeCloseTo(50, 0);
    expect(fromProm?.host.memoryTotalMiB).toBe(8192);
    const status = await core.handlers['metrics:source']({});
    expect(status.fromPrometheus).toEqual([first.config.id]);
    expect(status.overSsh.map((o) => o.hostId).sort()).toEqual(['demo-hv02', 'demo-hv03']);
    // The others kept their SSH (demo driver) samples.
    expect(seen.some((s) => s.hostId === 'demo-hv02')).toBe(true);
  }, 40_000);
});
