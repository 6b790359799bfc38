import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_TIERS } from '../../../shared/domain/metrics';
import { BLOCK_SLOTS, MetricsHistory } from './metrics-history';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'federator-metrics-'));
  dirs.push(dir);
  return dir;
}

/** A clock the test moves; starts on a 30-minute boundary so buckets line up. */
function clock(start = 1_800_000 * 1_000_000) {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t), start };
}

// host channels: cpu, iowait, memory, netIn, netOut, rootDisk
const host = (cpu: number) => [cpu, 0, 1000, 10, 20, 50];

describe('MetricsHistory', () => {
  it('keeps average and max per bucket in every tier', () => {
    const c = clock();
    const history = new MetricsHistory(folder(), undefined, c.now);
    // Six samples 10 s apart: one 10 s bucket each, one 1-minute bucket for all.
    const cpus = [10, 20, 30, 40, 50, 90];
    cpus.forEach((cpu, i) => {
      c.set(c.start + i * 10_000);
      history.record(c.now(), [{ id: 'hv1', kind: 'host', values: host(cpu) }]);
    });
    const range = { objectId: 'hv1', metric: 'cpu' as const, from: c.start, to: c.now() };
    const fine = history.series({ ...range, tier: '10s' });
    expect(fine.points.map((p) => p.avg)).toEqual(cpus);
    const minute = history.series({ ...range, tier: '1m' });
    expect(minute.points).toHaveLength(1);
    expect(minute.points[0]?.avg).toBeCloseTo(40);
    expect(minute.points[0]?.max).toBe(90);
    expect(history.series({ ...range, tier: '30m' }).points[0]?.max).toBe(90);
    history.close();
  });

  it('answers a range from the tier that fits it, with nulls where there was no sample', () => {
    const c = clock();
    const history = new MetricsHistory(folder(), undefined, c.now);
    history.record(c.now(), [{ id: 'hv1', kind: 'host', values: host(5) }]);
    c.set(c.start + 30_000);
    history.record(c.now(), [{ id: 'hv1', kind: 'host', values: host(7) }]);
    const hour = history.series({
      objectId: 'hv1',
      metric: 'cpu',
      from: c.now() - 3_600_000,
      to: c.now(),
    });
    expect(hour.tier).toBe('10s');
    expect(hour.points.filter((p) => p.avg !== null).map((p) => p.avg)).toEqual([5, 7]);
    expect(hour.points.find((p) => p.t === c.start + 10_000)?.avg).toBeNull();
    const day = history.series({
      objectId: 'hv1',
      metric: 'cpu',
      from: c.now() - 86_400_000,
      to: c.now(),
    });
    expect(day.tier).toBe('1m');
    const month = history.series({
      objectId: 'hv1',
      metric: 'cpu',
      from: c.now() - 30 * 86_400_000,
      to: c.now(),
    });
    expect(month.tier).toBe('30m');
    expect(month.points.length).toBeLessThanOrEqual(1440);
    history.close();
  });

  it('keeps history across a restart, and goes on averaging into the same bucket', () => {
    const dir = folder();
    const c = clock();
    const first = new MetricsHistory(dir, undefined, c.now);
    first.record(c.now(), [{ id: 'vm-1', kind: 'vm', values: [40, 512, 0, 0, 0, 0] }]);
    first.close();
    c.set(c.start + 20_000);
    const second = new MetricsHistory(dir, undefined, c.now);
    second.record(c.now(), [{ id: 'vm-1', kind: 'vm', values: [80, 512, 0, 0, 0, 0] }]);
    const minute = second.series({
      objectId: 'vm-1',
      metric: 'cpu',
      from: c.start,
      to: c.now(),
      tier: '1m',
    });
    expect(minute.points[0]?.avg).toBeCloseTo(60);
    expect(minute.points[0]?.max).toBe(80);
    const fine = second.series({
      objectId: 'vm-1',
      metric: 'cpu',
      from: c.start,
      to: c.now(),
      tier: '10s',
    });
    expect(fine.points.map((p) => p.avg)).toEqual([40, null, 80]);
    second.close();
  });

  it('never shows numbers older than a tier keeps after the ring wrapped', () => {
    const c = clock();
    const history = new MetricsHistory(folder(), undefined, c.now);
    history.record(c.now(), [{ id: 'hv1', kind: 'host', values: host(99) }]);
    const tier = METRIC_TIERS[0]!;
    // Exactly one ring later: the same row, another bucket.
    c.set(c.start + tier.stepMs * tier.buckets);
    history.record(c.now(), [{ id: 'hv1', kind: 'host', values: host(1) }]);
    const old = history.series({
      objectId: 'hv1',
      metric: 'cpu',
      from: c.start,
      to: c.start,
      tier: '10s',
    });
    expect(old.points.every((p) => p.avg === null)).toBe(true);
    history.close();
  });

  it('holds a fixed size on disk whatever the number of samples, growing by blocks of objects', () => {
    const dir = folder();
    const c = clock();
    const history = new MetricsHistory(dir, undefined, c.now);
    const size = () => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    const round = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `vm-${i}`,
        kind: 'vm' as const,
        values: [1, 2, 3, 4, 5, 6],
      }));
    history.record(c.now(), round(10));
    const one = size();
    for (let i = 1; i < 200; i++) {
      c.set(c.start + i * 60_000);
      history.record(c.now(), round(10));
    }
    expect(size()).toBe(one);
    history.record(c.now(), round(BLOCK_SLOTS + 1)); // a second block
    expect(readdirSync(dir).filter((f) => f.endsWith('.ring'))).toHaveLength(
      2 * METRIC_TIERS.length,
    );
    history.close();
  });

  it('refuses a metric the object does not have, in words', () => {
    const c = clock();
    const history = new MetricsHistory(folder(), undefined, c.now);
    history.record(c.now(), [{ id: 'vm-1', kind: 'vm', values: [1, 2, 3, 4, 5, 6] }]);
    expect(() =>
      history.series({ objectId: 'vm-1', metric: 'rootDisk', from: 0, to: c.now() }),
    ).toThrow('A VM has no rootDisk metric');
    expect(
      history.series({ objectId: 'nobody', metric: 'cpu', from: 0, to: c.now() }).points,
    ).toEqual([]);
    history.close();
  });
});
