import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostId } from '../../../shared/domain/ids';
import type { CounterSample, HostCounters, VmCounters } from './counters';
import { counterDelta } from './rates';
import { UsageTracker } from './usage';

const hv1 = HostId.parse('hv1');
const hv2 = HostId.parse('hv2');

function hostAt(
  uptime: number,
  jiffies: number,
  overrides: Partial<HostCounters> = {},
): HostCounters {
  return {
    uptimeSeconds: uptime,
    cpu: { busy: jiffies / 4, iowait: jiffies / 100, total: jiffies },
    memoryTotalKiB: 8 * 1024 * 1024,
    memoryAvailableKiB: 6 * 1024 * 1024,
    netRxBytes: uptime * 1000,
    netTxBytes: uptime * 500,
    ...overrides,
  };
}

function vm(cpuTimeNs: number, overrides: Partial<VmCounters> = {}): VmCounters {
  return {
    name: 'web',
    state: 'running',
    vcpus: 2,
    cpuTimeNs,
    memoryUsedKiB: 1024 * 1024,
    ...overrides,
  };
}

const ids = (name: string) => (name === 'web' ? 'uuid-web' : undefined);
const sample = (host: HostCounters, vms: VmCounters[]): CounterSample => ({ host, vms });

describe('counterDelta', () => {
  it('never gives a negative delta or one past what the counter could grow', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 ** 64, noNaN: true }),
        fc.double({ min: 0, max: 2 ** 64, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        (before, after, max) => {
          const delta = counterDelta(before, after, max);
          if (delta !== undefined) {
            expect(delta).toBeGreaterThanOrEqual(0);
            expect(delta).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it('reads a 32-bit counter that wrapped as the bytes that really passed', () => {
    expect(counterDelta(2 ** 32 - 100, 50, 1e6)).toBe(150);
  });

  it('reads a drop of a 64-bit-sized counter as a reset: no figure', () => {
    expect(counterDelta(2 ** 40, 10, 1e15)).toBeUndefined();
  });

  it('refuses a jump larger than the interval allows (a spike)', () => {
    expect(counterDelta(0, 1e9, 1e6)).toBeUndefined();
  });
});

describe('UsageTracker', () => {
  it('gives host CPU, iowait, memory and network rates from two samples, by the host clock', () => {
    const tracker = new UsageTracker();
    const first = tracker.next(hv1, sample(hostAt(100, 40_000), []), ids);
    expect(first.host.cpu).toBeUndefined(); // one sample: no rate yet
    expect(first.host.memory).toBe(2048);
    const second = tracker.next(hv1, sample(hostAt(110, 44_000), []), ids);
    expect(second.host.cpu).toBeCloseTo(25);
    expect(second.host.iowait).toBeCloseTo(1);
    expect(second.host.netIn).toBeCloseTo(1000);
  });

  it('gives VM CPU as a share of its vCPUs and no point across a restart', () => {
    const tracker = new UsageTracker();
    tracker.next(hv1, sample(hostAt(100, 1000), [vm(50e9)]), ids);
    // 10 s, 2 vCPUs: 5 s of CPU is 25 %.
    const busy = tracker.next(hv1, sample(hostAt(110, 2000), [vm(55e9)]), ids);
    expect(busy.vms[0]?.cpu).toBeCloseTo(25);
    // Restarted: cpu.time starts again from almost nothing. No negative rate, no spike.
    const restarted = tracker.next(hv1, sample(hostAt(120, 3000), [vm(1e9)]), ids);
    expect(restarted.vms[0]?.cpu).toBeUndefined();
    expect(restarted.vms[0]?.memory).toBe(1024);
    const after = tracker.next(hv1, sample(hostAt(130, 4000), [vm(3e9)]), ids);
    expect(after.vms[0]?.cpu).toBeCloseTo(10);
  });

  it('gives no point for a VM that migrated in, whatever its counters say', () => {
    const tracker = new UsageTracker();
    tracker.next(hv1, sample(hostAt(100, 1000), [vm(50e9)]), ids);
    tracker.next(hv2, sample(hostAt(5000, 1000), []), ids);
    const arrived = tracker.next(hv2, sample(hostAt(5010, 2000), [vm(51e9)]), ids);
    expect(arrived.vms[0]?.cpu).toBeUndefined();
    const settled = tracker.next(hv2, sample(hostAt(5020, 3000), [vm(53e9)]), ids);
    expect(settled.vms[0]?.cpu).toBeCloseTo(10);
  });

  it('gives no rates across a host reboot (its uptime went back)', () => {
    const tracker = new UsageTracker();
    tracker.next(hv1, sample(hostAt(100_000, 1e9), [vm(50e9)]), ids);
    const rebooted = tracker.next(hv1, sample(hostAt(30, 3000), [vm(1e9)]), ids);
    expect(rebooted.host.cpu).toBeUndefined();
    expect(rebooted.host.netIn).toBeUndefined();
    expect(rebooted.vms[0]?.cpu).toBeUndefined();
  });

  it('never gives a negative or above-100 % CPU, whatever the counters do', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dt: fc.double({ min: -5, max: 60, noNaN: true }),
            hostJiffies: fc.double({ min: 0, max: 1e12, noNaN: true }),
            vmNs: fc.double({ min: 0, max: 1e15, noNaN: true }),
            wrap: fc.boolean(),
            host: fc.constantFrom(hv1, hv2),
          }),
          { minLength: 2, maxLength: 30 },
        ),
        (steps) => {
          const tracker = new UsageTracker();
          let uptime = 1000;
          for (const step of steps) {
            uptime += step.dt;
            const net = step.wrap ? 10 : 2 ** 32 - 10;
            const out = tracker.next(
              step.host,
              sample(hostAt(uptime, step.hostJiffies, { netRxBytes: net }), [vm(step.vmNs)]),
              ids,
            );
            for (const figure of [out.host.cpu, out.host.iowait, out.vms[0]?.cpu]) {
              if (figure === undefined) continue;
              expect(figure).toBeGreaterThanOrEqual(0);
              expect(figure).toBeLessThanOrEqual(100);
            }
            if (out.host.netIn !== undefined) expect(out.host.netIn).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
