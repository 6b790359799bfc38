import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import type { HostSample } from '../../../shared/domain/metrics';
import { createCore, type Core } from '../core';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import type { CounterSample } from './counters';
import { MetricsCollector } from './metrics-collector';
import type { MetricsHistory } from './metrics-history';

let core: Core | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('metrics collection through a core (the demo fleet, the same pipeline as real hosts)', () => {
  it('pushes each connected host a sample with rates, and answers its history from disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'federator-collect-'));
    core = createCore({ dataDir: dir, demo: { connectDelayMs: 5 } });
    const seen: HostSample[] = [];
    core.events.on('metrics:sampled', (sample) => seen.push(sample));
    await core.start();
    await expect
      .poll(() => seen.find((s) => s.host.cpu !== undefined), { timeout: 15_000 })
      .toBeDefined();
    const sample = seen.find((s) => s.host.cpu !== undefined) as HostSample;
    expect(sample.host.cpu).toBeGreaterThan(0);
    expect(sample.host.cpu).toBeLessThanOrEqual(100);
    expect(sample.host.memory).toBeLessThan(sample.host.memoryTotalMiB ?? 0);
    expect(sample.vms.some((vm) => vm.cpu !== undefined)).toBe(true);
    // The host with the hypervisor problem is not connected: never sampled.
    expect(seen.some((s) => s.hostId === 'demo-hv04')).toBe(false);
    const latest = await core.handlers['metrics:latest']({});
    expect(latest.map((s) => s.hostId).sort()).toEqual(['demo-hv01', 'demo-hv02', 'demo-hv03']);
    const series = await core.handlers['metrics:series']({
      objectId: sample.hostId,
      metric: 'cpu',
      from: Date.now() - 600_000,
      to: Date.now(),
    });
    expect(series.tier).toBe('10s');
    expect(series.points.some((p) => p.avg !== null)).toBe(true);
  }, 30_000);
});

describe('a round whose figures cannot be recorded', () => {
  it("says so in the log as the host's sampling problem, and the round still ends (no rejection)", async () => {
    const hostId = 'hv1' as HostId;
    const lines: { level: string; message: string }[] = [];
    const entry = {
      config: { id: hostId, name: 'hv1', address: '127.0.0.11' },
      host: { state: 'connected' },
      vms: [],
    };
    const reading: CounterSample = {
      host: {
        uptimeSeconds: 100,
        cpu: { busy: 10, iowait: 1, total: 100 },
        memoryTotalKiB: 1024,
        memoryAvailableKiB: 512,
        netRxBytes: 0,
        netTxBytes: 0,
      },
      vms: [],
    };
    const collector = new MetricsCollector({
      hosts: { all: () => [entry], get: () => entry } as unknown as HostRegistry,
      hub: { emit: () => undefined } as unknown as EventHub,
      log: {
        append: (line: { level: string; message: string }) => lines.push(line),
      } as unknown as EventLog,
      history: {
        record: () => {
          throw new Error('ENOSPC: no space left on device, write');
        },
      } as unknown as MetricsHistory,
      intervalMs: () => 10_000,
      source: { read: () => Promise.resolve(new Map([[hostId, reading]])) },
    });
    await expect(collector.round()).resolves.toBeUndefined();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: "Couldn't sample the utilisation of hv1: ENOSPC: no space left on device, write",
      }),
    ]);
    collector.stop();
  });
});
