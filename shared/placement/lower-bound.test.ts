import { describe, expect, it } from 'vitest';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { martelloTothL2 } from './lower-bound';
import { place } from './place';
import { VECTOR_CLASSES, vectorClassFleet } from './vector-classes';

const hosts = (n: number, cpu: number, memoryMiB: number) =>
  Array.from({ length: n }, (_, i) => host(`h${i}`, cpu, memoryMiB));

describe('lower bound', () => {
  it('counts VMs larger than half a host once each (Martello–Toth L2)', () => {
    // Three VMs of 6 cores on 10-core hosts: 18 cores would fit on 2 hosts by capacity alone.
    const input: PlacementInput = {
      hosts: hosts(4, 10, 100_000),
      applications: [app('x', 6, 1024, { replicas: 3 })],
      policy: { mode: 'pack' },
    };
    expect(place(input).stats).toMatchObject({ hostsUsed: 3, lowerBound: 3 });
    expect(martelloTothL2([6, 6, 6], 10)).toBe(3);
    expect(martelloTothL2([6, 6, 4, 4], 10)).toBe(2);
    // No 4 fits beside a 7, and three 4s need two hosts: 2 + 2, where the sum says 3.
    expect(martelloTothL2([7, 7, 4, 4, 4], 10)).toBe(4);
  });

  it('counts how many VMs one host can hold at most', () => {
    // Each VM takes over two thirds of a host summed over CPU and memory: no host holds three.
    const input: PlacementInput = {
      hosts: hosts(6, 10, 10_000),
      applications: [app('a', 8, 1000, { replicas: 3 }), app('b', 1, 8000, { replicas: 3 })],
      policy: { mode: 'pack' },
    };
    expect(place(input).stats).toMatchObject({ hostsUsed: 3, lowerBound: 3 });
  });

  it('counts VMs that pairwise cannot share a host, in whichever resource', () => {
    // 9+2 cores and 9+2 GiB overflow a 10-core, 10-GiB host: no two of the three share one. Per
    // resource alone, and by count, two hosts would do.
    const input: PlacementInput = {
      hosts: hosts(4, 10, 10_000),
      applications: [app('a', 9, 1000), app('b', 2, 9000), app('c', 2, 2000)],
      policy: { mode: 'pack' },
    };
    expect(place(input).stats).toMatchObject({ hostsUsed: 3, lowerBound: 3 });
  });

  it('stays the capacity sum with hosts of different sizes', () => {
    const input: PlacementInput = {
      hosts: [host('big', 16, 100_000), host('small', 8, 100_000), host('tiny', 4, 100_000)],
      applications: [app('x', 6, 1024, { replicas: 3 })],
      policy: { mode: 'pack' },
    };
    expect(place(input).stats.lowerBound).toBe(2);
  });
});

describe('Caprara & Toth classes', () => {
  it('are seeded and deterministic, with items inside their ranges', () => {
    for (const cls of VECTOR_CLASSES) {
      const a = vectorClassFleet(cls, 99, 7);
      expect(vectorClassFleet(cls, 99, 7)).toEqual(a);
      expect(vectorClassFleet(cls, 99, 8)).not.toEqual(a);
      expect(a.applications).toHaveLength(99);
      const cap = a.hosts[0]!.capacity;
      for (const x of a.applications) {
        expect(x.vcpus).toBeGreaterThan(0);
        expect(x.vcpus).toBeLessThanOrEqual(cap.cpu);
        expect(x.memoryMiB).toBeLessThanOrEqual(cap.memoryMiB);
      }
    }
    const six = vectorClassFleet(6, 200, 1).applications;
    expect(Math.min(...six.map((x) => x.vcpus))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...six.map((x) => x.vcpus))).toBeLessThanOrEqual(100);
  });

  it('class 10 fills its hosts exactly, so the bound is the optimum', () => {
    const input = vectorClassFleet(10, 99, 3);
    const cpu = input.applications.reduce((s, x) => s + x.vcpus, 0);
    const mem = input.applications.reduce((s, x) => s + x.memoryMiB, 0);
    expect(cpu).toBe(33 * 100);
    expect(mem).toBe(33 * input.hosts[0]!.capacity.memoryMiB);
    expect(place(input, { explain: false }).stats.lowerBound).toBe(33);
    expect(() => vectorClassFleet(10, 100, 1)).toThrow(/multiple of 3/);
    expect(() => vectorClassFleet(11, 99, 1)).toThrow(/1 to 10/);
  });
});
