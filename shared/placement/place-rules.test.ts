import { describe, expect, it } from 'vitest';
import { checkPlan } from './checker';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { place } from './place';
import type { UnplacedVm } from './plan-types';
import { ID_NAMER } from '../words/namer';
import { unplacedWords } from '../words/plan-words';

const words = (u: UnplacedVm | undefined) => (u ? unplacedWords(u, ID_NAMER) : undefined);

const hostsOf = (input: PlacementInput): Record<string, string> => {
  const plan = place(input);
  expect(checkPlan(input, plan).violations).toEqual([]);
  return Object.fromEntries(plan.assignments.map((a) => [a.vm, a.host]));
};

describe('place: capacities', () => {
  it('checks vCPUs against cores × the global overcommit ratio', () => {
    const input: PlacementInput = {
      hosts: [host('a', 4, 10_000)],
      applications: [app('x', 3, 100, { replicas: 3 })],
      policy: { cpuOvercommit: 2 },
    };
    const plan = place(input);
    expect(plan.assignments).toHaveLength(2);
    expect(words(plan.unplaced[0])).toEqual(['1 host: CPU short by ≥ 1 vCPU']);
  });

  it('lets a host override the overcommit ratio', () => {
    const input: PlacementInput = {
      hosts: [host('a', 4, 10_000, { cpuOvercommit: 3 })],
      applications: [app('x', 3, 100, { replicas: 4 })],
      policy: { cpuOvercommit: 2 },
    };
    expect(place(input).assignments).toHaveLength(4);
  });

  it('does not overcommit memory unless asked', () => {
    const input: PlacementInput = {
      hosts: [host('a', 64, 4096)],
      applications: [app('x', 1, 1024, { replicas: 5 })],
    };
    expect(place(input).assignments).toHaveLength(4);
    expect(place({ ...input, policy: { memoryOvercommit: 1.25 } }).assignments).toHaveLength(5);
  });

  it('checks disk only on hosts that declare it', () => {
    const small = { capacity: { cpu: 8, memoryMiB: 8192, diskGiB: 50 } };
    const input: PlacementInput = {
      hosts: [host('small', 8, 8192, small), host('nodisk', 8, 8192)],
      applications: [
        app('x', 1, 1024, {
          diskGiB: 60,
          replicas: 2,
          spread: { across: 'host', strength: 'hard' },
        }),
      ],
    };
    const plan = place(input);
    expect(plan.assignments.map((a) => a.host)).toEqual(['nodisk']);
    expect(words(plan.unplaced[0])).toEqual([
      '1 host: anti-affinity with x-1',
      '1 host: disk short by ≥ 10 GiB',
    ]);
  });

  it('counts VMs already placed and never moves them', () => {
    const input: PlacementInput = {
      hosts: [host('a', 4, 4096), host('b', 4, 4096)],
      applications: [app('x', 2, 2048, { replicas: 3 })],
      vms: [
        { id: 'x-1', application: 'x', host: 'a' },
        { id: 'x-2', application: 'x', host: 'a' },
      ],
    };
    expect(hostsOf(input)).toEqual({ 'x-1': 'a', 'x-2': 'a', 'x-3': 'b' });
  });
});

describe('place: hosts and labels', () => {
  it('sends VMs only to up hosts', () => {
    const input: PlacementInput = {
      hosts: [
        host('m', 8, 8192, { state: 'maintenance' }),
        host('d', 8, 8192, { state: 'down' }),
        host('u', 8, 8192),
      ],
      applications: [app('x', 1, 1024, { replicas: 2 })],
    };
    expect(Object.values(hostsOf(input))).toEqual(['u', 'u']);
  });

  it('honours required labels and the hypervisor kind', () => {
    const input: PlacementInput = {
      hosts: [
        host('plain', 8, 8192, { hypervisor: 'kvm' }),
        host('ssd-qemu', 8, 8192, { labels: { ssd: 'true' }, hypervisor: 'qemu' }),
        host('ssd-kvm', 8, 8192, { labels: { ssd: 'true' }, hypervisor: 'kvm' }),
      ],
      applications: [app('db', 1, 1024, { requiredLabels: { ssd: 'true' }, hypervisor: 'kvm' })],
    };
    expect(hostsOf(input)).toEqual({ 'db-1': 'ssd-kvm' });
  });

  it('names new VMs <app>-<n>, skipping names already taken', () => {
    const input: PlacementInput = {
      hosts: [host('a', 8, 8192)],
      applications: [app('web', 1, 512, { replicas: 3 })],
      vms: [{ id: 'web-1', application: 'web' }],
    };
    expect(Object.keys(hostsOf(input))).toEqual(['web-1', 'web-2', 'web-3']);
  });
});

describe('place: spread and co-location', () => {
  const four = [
    host('a1', 8, 8192, { labels: { zone: 'a' } }),
    host('a2', 8, 8192, { labels: { zone: 'a' } }),
    host('b1', 8, 8192, { labels: { zone: 'b' } }),
    host('b2', 8, 8192, { labels: { zone: 'b' } }),
  ];

  it('hard host spread puts replicas on different hosts, even in pack mode', () => {
    const input: PlacementInput = {
      hosts: four,
      applications: [
        app('web', 1, 512, { replicas: 3, spread: { across: 'host', strength: 'hard' } }),
      ],
      policy: { mode: 'pack' },
    };
    expect(new Set(Object.values(hostsOf(input))).size).toBe(3);
  });

  it('hard zone spread puts replicas in different zones, and refuses a third in two zones', () => {
    const input: PlacementInput = {
      hosts: four,
      applications: [
        app('db', 1, 512, { replicas: 3, spread: { across: 'zone', strength: 'hard' } }),
      ],
    };
    const plan = place(input);
    expect(plan.assignments.map((a) => a.host[0]).sort()).toEqual(['a', 'b']);
    expect(plan.unplaced[0]?.refusals.map((g) => g.code)).toEqual(['spread-zone', 'spread-zone']);
  });

  it('a host without a zone label is a zone of its own', () => {
    const input: PlacementInput = {
      hosts: [host('x', 8, 8192), host('y', 8, 8192)],
      applications: [
        app('db', 1, 512, { replicas: 2, spread: { across: 'zone', strength: 'hard' } }),
      ],
    };
    expect(new Set(Object.values(hostsOf(input))).size).toBe(2);
  });

  it('soft spread prefers other hosts but stacks when it must', () => {
    const soft = { across: 'host', strength: 'soft' } as const;
    const input: PlacementInput = {
      hosts: four.slice(0, 2),
      applications: [app('web', 1, 512, { replicas: 3, spread: soft })],
      policy: { mode: 'pack' },
    };
    const where = Object.values(hostsOf(input));
    expect(where).toHaveLength(3);
    expect(new Set(where).size).toBe(2);
  });

  it('hard co-location follows the partner; soft co-location prefers it', () => {
    const input: PlacementInput = {
      hosts: four,
      applications: [
        app('cache', 1, 512, { colocate: { with: 'web', strength: 'hard' } }),
        app('side', 1, 512, { colocate: { with: 'web', strength: 'soft' } }),
        app('web', 1, 512),
      ],
      vms: [{ id: 'web-1', application: 'web', host: 'b2' }],
    };
    expect(hostsOf(input)).toMatchObject({ 'cache-1': 'b2', 'side-1': 'b2' });
  });

  it('places a co-location partner first, whatever the input order', () => {
    const input: PlacementInput = {
      hosts: four,
      applications: [
        app('cache', 1, 512, { colocate: { with: 'web', strength: 'hard' } }),
        app('web', 4, 512),
      ],
    };
    const where = hostsOf(input);
    expect(where['cache-1']).toBe(where['web-1']);
  });
});

describe('place: services, priority, modes', () => {
  it('places a service all or nothing and names the blocking application', () => {
    const input: PlacementInput = {
      hosts: [host('a', 8, 8192), host('b', 8, 8192)],
      applications: [
        app('web', 1, 512, { service: 'shop', replicas: 2 }),
        app('db', 1, 512, {
          service: 'shop',
          replicas: 3,
          spread: { across: 'host', strength: 'hard' },
        }),
        app('lone', 1, 512),
      ],
    };
    const plan = place(input);
    expect(plan.assignments.map((a) => a.vm)).toEqual(['lone-1']);
    expect(plan.unplaced.map((u) => [u.vm, u.blockedBy?.application ?? 'itself'])).toEqual([
      ['web-1', 'db'],
      ['web-2', 'db'],
      ['db-1', 'db'],
      ['db-2', 'db'],
      ['db-3', 'itself'],
    ]);
    expect(words(plan.unplaced[0])?.[0]).toBe(
      'service shop is placed all or nothing and application db cannot be placed',
    );
    expect(words(plan.unplaced.find((u) => u.vm === 'db-3'))).toEqual([
      '1 host: anti-affinity with db-1',
      '1 host: anti-affinity with db-2',
    ]);
  });

  it('gives the last room to the higher priority', () => {
    const input: PlacementInput = {
      hosts: [host('a', 2, 2048)],
      applications: [app('low', 2, 2048), app('high', 2, 2048, { priority: 5 })],
    };
    expect(hostsOf(input)).toEqual({ 'high-1': 'a' });
  });

  it('pack fills used hosts first; spread keeps the most headroom', () => {
    const hosts = [host('a', 8, 8192), host('b', 8, 8192), host('c', 8, 8192)];
    const applications = [app('x', 1, 1024, { replicas: 3 })];
    expect(
      new Set(Object.values(hostsOf({ hosts, applications, policy: { mode: 'pack' } }))).size,
    ).toBe(1);
    expect(
      new Set(Object.values(hostsOf({ hosts, applications, policy: { mode: 'spread' } }))).size,
    ).toBe(3);
  });

  it('reports hosts used and the lower bound', () => {
    const input: PlacementInput = {
      hosts: [host('a', 4, 4096), host('b', 4, 4096), host('c', 4, 4096)],
      applications: [app('x', 1, 3000, { replicas: 2 })],
      policy: { mode: 'pack' },
    };
    expect(place(input).stats).toMatchObject({
      hostsUsed: 2,
      lowerBound: 2,
      placed: 2,
      unplaced: 0,
      moves: 0,
    });
  });
});
