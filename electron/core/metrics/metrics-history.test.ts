import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRIC_TIERS } from '../../../shared/domain/metrics';
import { BLOCK_SLOTS, INDEX_SAVE_MS, MetricsHistory } from './metrics-history';

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

  describe('its index (object to slot)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const indexed = (dir: string): Record<string, { kind: string }> =>
      existsSync(join(dir, 'index.json'))
        ? (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { objects: never }).objects
        : {};

    it('takes the objects new to it together, at most every INDEX_SAVE_MS, and the rest on close', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const dir = folder();
      const c = clock();
      const history = new MetricsHistory(dir, undefined, c.now);
      // A first round at 1,000 hosts records one host at a time: one save for all of them.
      for (let i = 0; i < 50; i++) {
        history.record(c.now(), [{ id: `hv${i}`, kind: 'host', values: host(i) }]);
      }
      expect(Object.keys(indexed(dir))).toHaveLength(0);
      vi.advanceTimersByTime(INDEX_SAVE_MS);
      expect(Object.keys(indexed(dir))).toHaveLength(50);
      history.record(c.now(), [{ id: 'hv-late', kind: 'host', values: host(7) }]);
      expect(indexed(dir)['hv-late']).toBeUndefined();
      history.close();
      expect(indexed(dir)['hv-late']?.kind).toBe('host');
      vi.advanceTimersByTime(INDEX_SAVE_MS); // the timer went with the close: nothing throws
    });

    it('starts again, saying so once, from an index that is not JSON or not of its shape', () => {
      for (const text of [
        '{"version": 1, "objects": {"hv1": {"slot": 0, "kind": "host", "si',
        JSON.stringify({ version: 1, objects: { hv1: { slot: 99_999, kind: 'host', since: 0 } } }),
        JSON.stringify({ version: 2, objects: {} }),
        '\u0000'.repeat(4096),
      ]) {
        const dir = folder();
        writeFileSync(join(dir, 'index.json'), text);
        const said: string[] = [];
        const c = clock();
        const history = new MetricsHistory(dir, (message) => said.push(message), c.now);
        expect(said).toEqual(['The metrics history index is not readable: history starts again']);
        expect(history.size).toBe(0);
        history.record(c.now(), [{ id: 'hv1', kind: 'host', values: host(3) }]);
        const cpu = history.series({ objectId: 'hv1', metric: 'cpu', from: c.start, to: c.now() });
        expect(cpu.points.map((p) => p.avg)).toEqual([3]);
        history.close();
        expect(indexed(dir)['hv1']?.kind).toBe('host'); // the bad index is replaced whole
      }
    });

    it('writes a slot that changes owner before the round returns', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const dir = folder();
      const c = clock();
      const history = new MetricsHistory(dir, undefined, c.now);
      history.record(c.now(), [{ id: 'x', kind: 'host', values: host(1) }]);
      vi.advanceTimersByTime(INDEX_SAVE_MS);
      expect(indexed(dir)['x']?.kind).toBe('host');
      // The same id now a VM (its slot's figures are a VM's from here): on disk at once.
      history.record(c.now(), [{ id: 'x', kind: 'vm', values: [1, 2, 3, 4, 5, 6] }]);
      expect(indexed(dir)['x']?.kind).toBe('vm');
      history.close();
    });

    it('after a crash before the save, the new object lost its first seconds and nobody shows them', () => {
      const dir = folder();
      const c = clock();
      const crashed = new MetricsHistory(dir, undefined, c.now);
      crashed.record(c.now(), [{ id: 'hv-a', kind: 'host', values: host(99) }]);
      // Its rows are written (every tier at its first round), its index not yet: the process
      // dies. Started again 20 s later, in the same minute and half hour, another host takes the
      // slot hv-a had: hv-a's 99 % is nobody's, not even in the current buckets hv-b goes on in.
      c.set(c.start + 20_000);
      const after = new MetricsHistory(dir, undefined, c.now);
      after.record(c.now(), [{ id: 'hv-b', kind: 'host', values: host(5) }]);
      for (const tier of ['10s', '1m', '30m'] as const) {
        for (const id of ['hv-a', 'hv-b']) {
          const points = after
            .series({ objectId: id, metric: 'cpu', from: c.start, to: c.now(), tier })
            .points.filter((p) => p.avg !== null)
            .map((p) => [p.avg, p.max]);
          expect(points).toEqual(id === 'hv-a' ? [] : [[5, 5]]);
        }
      }
      after.close();
      crashed.close();
    });
  });

  describe('fillPast', () => {
    /** A sampler that says each object's cpu is the bucket's hour of the day, so rows can be told apart. */
    const hourly = () => (at: number) => [
      { id: 'demo-hv1', kind: 'host' as const, values: host((at / 3_600_000) % 24) },
      { id: 'demo-vm1', kind: 'vm' as const, values: [7, 512, 0, 0, 0, 0] },
    ];
    const objects = [
      { id: 'demo-hv1', kind: 'host' as const },
      { id: 'demo-vm1', kind: 'vm' as const },
    ];

    it('fills every tier it keeps before the current bucket, from the oldest to now', async () => {
      const c = clock();
      const history = new MetricsHistory(folder(), undefined, c.now);
      expect(await history.fillPast(objects, hourly)).toBe(2);
      for (const tier of METRIC_TIERS) {
        const series = history.series({
          objectId: 'demo-hv1',
          metric: 'cpu',
          from: c.now() - tier.stepMs * (tier.buckets - 1),
          to: c.now(),
          tier: tier.name,
        });
        // Every past bucket holds one sample; the current one waits for the live samples.
        expect(series.points).toHaveLength(tier.buckets);
        expect(series.points.slice(0, -1).every((p) => p.avg !== null)).toBe(true);
        expect(series.points.at(-1)?.avg).toBeNull();
      }
      const day = history.series({
        objectId: 'demo-hv1',
        metric: 'cpu',
        from: c.now() - 86_400_000,
        to: c.now(),
        tier: '1m',
      });
      const hours = new Set(day.points.flatMap((p) => (p.avg === null ? [] : [Math.floor(p.avg)])));
      expect(hours.size).toBe(24);
      history.close();
    });

    it('never overwrites kept samples, and leaves an object with history alone', async () => {
      const c = clock();
      const history = new MetricsHistory(folder(), undefined, c.now);
      const at = c.start - 600_000; // ten minutes ago: a real sample, kept in its 1-minute bucket
      history.record(c.start, [{ id: 'real-hv', kind: 'host', values: host(55) }]);
      expect(
        await history.fillPast([{ id: 'real-hv', kind: 'host' }], () => () => [
          { id: 'real-hv', kind: 'host', values: host(1) },
        ]),
      ).toBe(0);
      expect(
        history
          .series({ objectId: 'real-hv', metric: 'cpu', from: at, to: c.now(), tier: '1m' })
          .points.filter((p) => p.avg !== null)
          .map((p) => p.avg),
      ).toEqual([55]);
      // A new object sharing rows with one that has samples: its own slots are filled, the other's kept.
      await history.fillPast(objects, hourly);
      const vm = history.series({
        objectId: 'demo-vm1',
        metric: 'cpu',
        from: at,
        to: c.now(),
        tier: '1m',
      });
      expect(vm.points.slice(0, -1).every((p) => p.avg === 7)).toBe(true);
      history.close();
    });

    it('is kept across a restart like live history', async () => {
      const dir = folder();
      const c = clock();
      const first = new MetricsHistory(dir, undefined, c.now);
      await first.fillPast(objects, hourly);
      first.close();
      const second = new MetricsHistory(dir, undefined, c.now);
      expect(await second.fillPast(objects, hourly)).toBe(0); // they have history now
      const month = second.series({
        objectId: 'demo-hv1',
        metric: 'cpu',
        from: c.now() - 30 * 86_400_000,
        to: c.now(),
        tier: '30m',
      });
      expect(month.points.filter((p) => p.avg !== null)).toHaveLength(METRIC_TIERS[2]!.buckets - 1);
      second.close();
    });

    it('stops when the history is closed meanwhile, opening no file again', async () => {
      const c = clock();
      const dir = folder();
      const history = new MetricsHistory(dir, undefined, c.now);
      let asked = 0;
      const filled = await history.fillPast(objects, () => {
        const sample = hourly();
        return (at) => {
          if (++asked === 5) history.close(); // closed by the core's stop, mid-fill
          return sample(at);
        };
      });
      expect(filled).toBe(2);
      expect(asked).toBe(5);
      // Nothing was written after the close: the fifth sample's bucket holds nothing.
      const reopened = new MetricsHistory(dir, undefined, c.now);
      const fine = reopened.series({
        objectId: 'demo-hv1',
        metric: 'cpu',
        from: 0,
        to: c.now(),
        tier: '10s',
      });
      expect(fine.points.filter((p) => p.avg !== null)).toHaveLength(4);
      reopened.close();
    });
  });
});
