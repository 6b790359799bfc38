import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import type { HostSample } from '../../../shared/domain/metrics';
import { createCore, type Core } from '../core';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import type { CounterSample } from './counters';
import { HOST_GAP_MS, MetricsCollector, SPREAD_SHARE } from './metrics-collector';
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

/** One host's counters, as a host or a source answers them. */
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

describe('a round whose figures cannot be recorded', () => {
  it("says so in the log as the host's sampling problem, and the round still ends (no rejection)", async () => {
    const hostId = 'hv1' as HostId;
    const lines: { level: string; message: string }[] = [];
    const entry = {
      config: { id: hostId, name: 'hv1', address: '127.0.0.11' },
      host: { state: 'connected' },
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

describe('a round spread over its hosts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** `count` connected hosts answering at once over their link; each sample's time is kept. */
  function fleetOf(count: number, intervalMs: number, answerMs = 0) {
    const answer = () =>
      answerMs === 0
        ? Promise.resolve(reading)
        : new Promise<CounterSample>((done) => setTimeout(() => done(reading), answerMs));
    const entries = Array.from({ length: count }, (_, i) => ({
      config: { id: `hv${i}` as HostId, name: `hv${i}`, address: '127.0.0.11' },
      host: { state: 'connected' },
      vms: [],
      link: { hypervisor: () => Promise.resolve({ sampleCounters: answer }) },
    }));
    const samples: { hostId: string; at: number }[] = [];
    const collector = new MetricsCollector({
      hosts: {
        all: () => entries,
        get: (id: string) => entries.find((e) => e.config.id === id),
      } as unknown as HostRegistry,
      hub: {
        emit: (_: string, sample: HostSample) =>
          samples.push({ hostId: sample.hostId, at: Date.now() }),
      } as unknown as EventHub,
      log: { append: () => undefined } as unknown as EventLog,
      history: { record: () => undefined } as unknown as MetricsHistory,
      intervalMs: () => intervalMs,
    });
    /** A round and each host's quick second sample (its first rates) before the one a test watches. */
    const primed = async () => {
      await collector.round();
      await vi.advanceTimersByTimeAsync(2_000);
      samples.length = 0;
    };
    return { collector, samples, primed };
  }

  it('asks 1,000 hosts HOST_GAP_MS apart, each once, within SPREAD_SHARE of the interval', async () => {
    vi.useFakeTimers();
    const { collector, samples, primed } = fleetOf(1000, 10_000);
    await primed();
    const start = Date.now();
    let done = false;
    void collector.round({ spread: true }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(samples).toHaveLength(1); // the first host at once, the others in their turn
    await vi.advanceTimersByTimeAsync(100);
    expect(samples.length).toBeGreaterThan(15);
    expect(samples.length).toBeLessThanOrEqual(100 / HOST_GAP_MS + 1);
    await vi.advanceTimersByTimeAsync(SPREAD_SHARE * 10_000);
    expect(done).toBe(true);
    expect(new Set(samples.map((s) => s.hostId)).size).toBe(1000);
    expect(samples).toHaveLength(1000);
    expect(Math.max(...samples.map((s) => s.at - start))).toBeLessThanOrEqual(
      SPREAD_SHARE * 10_000,
    );
    // No 50 ms of the round holds more than its share: no burst left.
    const perSlice = new Map<number, number>();
    for (const s of samples) {
      const slice = Math.floor((s.at - start) / 50);
      perSlice.set(slice, (perSlice.get(slice) ?? 0) + 1);
    }
    expect(Math.max(...perSlice.values())).toBeLessThanOrEqual(50 / HOST_GAP_MS + 1);
    collector.stop();
  });

  it('fits a big fleet into SPREAD_SHARE of a short interval, and asks a few hosts almost at once', async () => {
    vi.useFakeTimers();
    const big = fleetOf(2000, 5_000); // 1.25 ms apart: 2,000 hosts in 2.5 s
    await big.primed();
    const start = Date.now();
    void big.collector.round({ spread: true });
    await vi.advanceTimersByTimeAsync(SPREAD_SHARE * 5_000);
    expect(big.samples).toHaveLength(2000);
    expect(Math.max(...big.samples.map((s) => s.at - start))).toBeLessThan(SPREAD_SHARE * 5_000);
    big.collector.stop();

    const few = fleetOf(5, 10_000);
    await few.primed();
    void few.collector.round({ spread: true });
    await vi.advanceTimersByTimeAsync(4 * HOST_GAP_MS);
    expect(few.samples).toHaveLength(5);
    few.collector.stop();
  }, 30_000);

  it('lets the hosts still waiting go when stopped: the round ends, nothing more is sampled', async () => {
    vi.useFakeTimers();
    const { collector, samples, primed } = fleetOf(1000, 10_000);
    await primed();
    let done = false;
    void collector.round({ spread: true }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(200);
    const before = samples.length;
    collector.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(samples).toHaveLength(before);
  });

  it('starts rounds an interval apart, each host sampled once a round', async () => {
    vi.useFakeTimers();
    const { collector, samples } = fleetOf(200, 10_000);
    collector.start();
    // First round at 2 s, each host's second sample (its first rates) 2 s after its first,
    // then a round at 12 s and 22 s: four samples a host by 23 s.
    await vi.advanceTimersByTimeAsync(23_000);
    const perHost = new Map<string, number[]>();
    for (const s of samples) perHost.set(s.hostId, [...(perHost.get(s.hostId) ?? []), s.at]);
    expect(perHost.size).toBe(200);
    for (const times of perHost.values()) {
      expect(times).toHaveLength(4);
      // The rounds' samples of a host are exactly an interval apart (its place in the round).
      expect(times[3]! - times[2]!).toBe(10_000);
    }
    collector.stop();
  });

  it('keeps its rhythm when a host takes seconds to answer: the next round is not pushed back', async () => {
    vi.useFakeTimers();
    const { collector, samples } = fleetOf(1, 10_000, 3_000);
    collector.start();
    // Asked at 2 s (answers at 5 s), its quick second sample at 7 s (10 s), rounds at 12 s and
    // 22 s (answers at 15 s and 25 s): an interval apart, not an interval after each answer.
    await vi.advanceTimersByTimeAsync(26_000);
    const times = samples.map((s) => s.at);
    expect(times).toHaveLength(4);
    expect(times[3]! - times[2]!).toBe(10_000);
    collector.stop();
  });
});
