import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { fixture } from '../hypervisor/libvirt/fixtures';
import { splitAndParse } from './libvirt-sample';
import { parseDomstatsCounters } from './parse-domstats-counters';

const SEP = '@@federator-0011223344556677@@';
const host = fixture('metrics-sample-host.txt');
const domstats = fixture('domstats-counters.txt');

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`a plain ${String(error)} instead of an AppError`);
  }
  throw new Error('no error');
}

describe('the host sections of a sample (captured /proc output)', () => {
  it('reads uptime, CPU jiffies, memory, the host NIC bytes (not lo) and the root disk', () => {
    const sample = splitAndParse(host, '', SEP, 'hv1');
    expect(sample.host).toEqual({
      uptimeSeconds: 13757.19,
      // user nice system irq softirq steal | idle iowait
      cpu: { busy: 1861946 + 9628 + 490926 + 0 + 5096 + 0, iowait: 3397, total: 2746067 },
      memoryTotalKiB: 24683748,
      memoryAvailableKiB: 22459500,
      netRxBytes: 1112448385,
      netTxBytes: 4693468,
      rootDisk: { sizeKiB: 264212084, usedKiB: 27172484 },
    });
    expect(sample.vms).toEqual([]);
  });

  it('keeps the host figures and names the problem when virsh failed', () => {
    const sample = splitAndParse(host, 'error: failed to connect to the hypervisor\n', SEP, 'hv1');
    expect(sample.problem).toMatch(/virsh domstats failed: failed to connect to the hypervisor/);
    expect(sample.host.memoryTotalKiB).toBe(24683748);
  });

  it('refuses output with the wrong number of sections, naming the host', () => {
    const error = thrown(() => splitAndParse('nothing here', '', SEP, 'hv1'));
    expect(error.code).toBe('parse-error');
    expect(error.message).toBe("Couldn't sample the utilisation of hv1: unexpected output");
  });

  it.each([
    ['a cpu field that is not a number', (s: string) => s.replace('cpu  1861946', 'cpu  x861946')],
    ['a counter past 2^64', (s: string) => s.replace('1112448385', '99999999999999999999')],
    ['no MemAvailable', (s: string) => s.replace(/^MemAvailable.*\n/m, '')],
    ['memory beyond any machine', (s: string) => s.replace('24683748', String(2 ** 50))],
    ['no uptime', (s: string) => s.replace('13757.19 3750.74', 'soon')],
  ])('refuses %s with a typed parse-error', (_, change) => {
    const error = thrown(() => splitAndParse(change(host), '', SEP, 'hv1'));
    expect(error.code).toBe('parse-error');
    expect(error.message).toMatch(/^Couldn't sample the utilisation of hv1: Unexpected output/);
  });

  it('gives a value or a typed parse-error for any mangled sample, never a plain Error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: host.length }), fc.string(), (at, junk) => {
        const mangled = host.slice(0, at) + junk + host.slice(at);
        try {
          splitAndParse(mangled, '', SEP, 'hv1');
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('virsh domstats counters', () => {
  it('reads CPU time, guest-reported memory, and sums every interface and disk', () => {
    const [web, bare, off] = parseDomstatsCounters(domstats);
    expect(web).toEqual({
      name: 'web-1',
      state: 'running',
      vcpus: 2,
      cpuTimeNs: 16250962000,
      memoryUsedKiB: 1015836 - 716532,
      netRxBytes: 1483342 + 1000,
      netTxBytes: 218871 + 129,
      blockReadBytes: 190362112,
      blockWriteBytes: 23609344,
    });
    // No balloon stats from the guest: QEMU's resident memory stands in.
    expect(bare).toMatchObject({ name: 'sp ace `uname` é', memoryUsedKiB: 44260, netRxBytes: 0 });
    expect(off).toEqual({ name: 'db-1', state: 'shutoff' });
  });

  it('reads domstats captured on a lab host: a running guest with its CPU time, a shut-off one', () => {
    const [alpha, bravo] = parseDomstatsCounters(fixture('domstats-counters-lab.txt'));
    expect(alpha).toMatchObject({
      name: 'alpha',
      state: 'running',
      vcpus: 1,
      cpuTimeNs: 1270000000,
    });
    expect(alpha?.memoryUsedKiB).toBe(44056);
    expect(alpha).toMatchObject({ netRxBytes: 0, blockReadBytes: 0 });
    // A shut-off domain still prints its last cpu.time: the tracker gives it no rate (usage.ts).
    expect(bravo).toMatchObject({ name: 'bravo', state: 'shutoff' });
  });

  it('reads the older captured domstats (no cpu-total group) without inventing counters', () => {
    const vms = parseDomstatsCounters(fixture('domstats-raw.txt'));
    expect(vms.find((vm) => vm.name === 'transient-1')).toEqual({
      name: 'transient-1',
      state: 'running',
      vcpus: 1,
      memoryUsedKiB: 44044,
    });
  });

  it.each([
    ['a device count past any machine', 'net.count=2', 'net.count=99999999'],
    ['a CPU time that is not a counter', 'cpu.time=16250962000', 'cpu.time=-5'],
    ['memory beyond any machine', 'balloon.rss=438920', `balloon.rss=${2 ** 50}`],
  ])('refuses %s, naming the field and the domain', (_, from, to) => {
    const error = thrown(() => parseDomstatsCounters(domstats.replace(from, to)));
    expect(error.code).toBe('parse-error');
    expect(error.message).toMatch(/of domain "web-1"/);
  });
});
