import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostId } from '../../../../shared/domain/ids';
import type { HostSample } from '../../../../shared/domain/metrics';
import { createCore, type Core } from '../../core';
import { createLibvirtHostLink } from '../../hosts/libvirt-host-link';
import {
  hostConfig,
  labHost,
  memoryKeys,
  outOfBandList,
  readLab,
  recorder,
  removeGuest,
} from '../../../testing/lab-hosts';
import {
  spinningGuestXml,
  startPrometheusLab,
  type PrometheusLab,
} from '../../../testing/prometheus-lab';
import type { CounterSample } from '../counters';
import { UsageTracker } from '../usage';

// Debian's real Prometheus and exporters scraping the lab, read through the whole core: hv1 and
// hv2 have exporters, hv3 has none and stays on SSH. Every lab host is this one machine, so hv1's
// host CPU from Prometheus and hv3's over SSH in the same round measure the same /proc/stat.
const lab = readLab();
const [hv1, hv2, hv3] = [labHost(lab, 1), labHost(lab, 2), labHost(lab, 3)];
const NAME = 't-prom-spin';

let prometheus: PrometheusLab | undefined;
let core: Core | undefined;
let dataDir: string | undefined;
let cleanupGuest: (() => void) | undefined;
afterAll(async () => {
  await core?.stop();
  await prometheus?.stop();
  for (const [uuid, name] of outOfBandList(hv1)) if (name === NAME) removeGuest(hv1, uuid);
  cleanupGuest?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('utilisation read from a real Prometheus', () => {
  it("gives a spinning guest's CPU and its host's as the SSH sample does; a host it lacks stays on SSH", async () => {
    const t0 = performance.now();
    prometheus = await startPrometheusLab([hv1, hv2]);

    // The guest, and the test's own SSH link to hv1: the reference the Prometheus figures must meet.
    const spin = spinningGuestXml(NAME, hv1);
    cleanupGuest = spin.cleanup;
    const rec = recorder();
    const link = createLibvirtHostLink(hostConfig(hv1, lab.clientKey, 'ref-hv1'), {
      trustedKeys: memoryKeys({ 'ref-hv1': hv1.originalHostKeyFingerprint }),
      listener: rec.listener,
    });
    link.open();
    await rec.host((h) => h.state === 'connected');
    const ops = await link.hypervisor();
    const uuid = await ops.define(spin.xml);
    await ops.act(uuid, 'start');
    const sampleOverSsh = async (): Promise<CounterSample> => {
      if (ops.sampleCounters === undefined) throw new Error('no sampler');
      return ops.sampleCounters();
    };

    dataDir = mkdtempSync(join(tmpdir(), 'federator-prom-lab-'));
    core = createCore({ dataDir, demoByDefault: false });
    const samples: HostSample[] = [];
    core.events.on('metrics:sampled', (s) => samples.push(s));
    await core.start();
    await core.handlers['settings:update']({
      prometheus: { enabled: true, url: prometheus.url, intervalSeconds: 5 },
    });
    const ids = new Map<string, string>();
    for (const host of [hv1, hv2, hv3]) {
      const added = await core.handlers['hosts:add']({
        name: host.name,
        address: host.address,
        port: host.port,
        user: host.user,
        uri: host.uri,
        labels: {},
        keyPath: lab.clientKey,
      });
      const trusted = await core.handlers['hosts:trust-key']({
        hostId: added.config.id,
        fingerprint: host.originalHostKeyFingerprint,
      });
      expect(trusted.state).toBe('connected');
      ids.set(host.name, added.config.id);
    }
    const test = await core.handlers['metrics:prometheus-test']({ url: prometheus.url });
    expect(test.problem).toBeUndefined();
    expect(test).toMatchObject({ ok: true, nodeTargets: 2, libvirtTargets: 2 });
    expect(test.matched.sort()).toEqual([ids.get('hv1'), ids.get('hv2')].sort());

    const before = await sampleOverSsh();
    const from = samples.length;
    // Three rounds with rates from Prometheus (the first after the switch is only a baseline).
    const hv1Id = ids.get('hv1') as string;
    const hv3Id = ids.get('hv3') as string;
    const guestCpu = () =>
      samples
        .slice(from)
        .flatMap((s) =>
          s.hostId === hv1Id ? s.vms.filter((v) => v.vmId === uuid && v.cpu !== undefined) : [],
        );
    await expect
      .poll(() => guestCpu().length, { timeout: 40_000, interval: 250 })
      .toBeGreaterThanOrEqual(3);
    const after = await sampleOverSsh();

    const status = await core.handlers['metrics:source']({});
    expect(status).toMatchObject({ source: 'prometheus', state: 'ok', url: prometheus.url });
    expect(status.fromPrometheus.sort()).toEqual([ids.get('hv1'), ids.get('hv2')].sort());
    expect(status.overSsh).toEqual([
      { hostId: hv3Id, reason: { code: 'no-node-exporter', at: { address: hv3.address } } },
    ]);

    // The reference: the guest's CPU over the same window from two SSH samples of hv1.
    const tracker = new UsageTracker();
    const ref = HostId.parse('ref-hv1');
    tracker.next(ref, before, (n) => (n === NAME ? uuid : undefined));
    const overSsh = tracker.next(ref, after, (n) => (n === NAME ? uuid : undefined));
    const sshGuest = overSsh.vms.find((v) => v.vmId === uuid)?.cpu ?? Number.NaN;
    const promGuest = mean(guestCpu().map((v) => v.cpu as number));

    // Host CPU in the rounds where both hv1 (Prometheus) and hv3 (SSH) have a figure.
    const rounds = samples.slice(from).filter((s) => s.host.cpu !== undefined);
    const hostCpu = (id: string) =>
      mean(rounds.filter((s) => s.hostId === id).map((s) => s.host.cpu as number));
    const promHost = hostCpu(hv1Id);
    const sshHost = hostCpu(hv3Id);
    console.log(
      `Prometheus source: guest CPU ${promGuest.toFixed(1)} % (SSH over the same window ${sshGuest.toFixed(1)} %), ` +
        `host CPU ${promHost.toFixed(1)} % (hv3 over SSH, same rounds: ${sshHost.toFixed(1)} %); ` +
        `round ${status.lastRoundMs} ms; whole test ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    // It spins (an idle disk-less guest shows ~0 %); on two busy cores it gets what is left.
    expect(promGuest).toBeGreaterThan(5);
    expect(Math.abs(promGuest - sshGuest)).toBeLessThan(15);
    expect(Math.abs(promHost - sshHost)).toBeLessThan(15);
    // The same figures reach the history the charts read.
    const series = await core.handlers['metrics:series']({
      objectId: uuid,
      metric: 'cpu',
      from: Date.now() - 120_000,
      to: Date.now(),
    });
    expect(series.points.some((p) => (p.avg ?? 0) > 5)).toBe(true);
    await link.close();
  }, 90_000);
});
