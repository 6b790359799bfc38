import { describe, expect, it } from 'vitest';
import { checkPlan } from './checker';
import { evacuate } from './evacuate';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { ID_NAMER } from '../words/namer';
import { unplacedWords } from '../words/plan-words';

describe('evacuate', () => {
  const base: PlacementInput = {
    hosts: [host('a', 8, 8192), host('b', 8, 8192), host('c', 8, 8192)],
    applications: [app('x', 2, 2048, { replicas: 3 }), app('y', 1, 1024)],
    vms: [
      { id: 'x-1', application: 'x', host: 'a' },
      { id: 'x-2', application: 'x', host: 'a' },
      { id: 'x-3', application: 'x', host: 'b' },
      { id: 'y-1', application: 'y', host: 'c' },
    ],
    policy: { mode: 'spread' },
  };

  it('moves only the VMs of the host, as live migrations', () => {
    const plan = evacuate(base, { hosts: ['a'] });
    expect(checkPlan(base, plan).violations).toEqual([]);
    expect(plan.moves.map((m) => [m.vm, m.from, m.kind])).toEqual([
      ['x-1', 'a', 'migrate'],
      ['x-2', 'a', 'migrate'],
    ]);
    expect(plan.assignments.filter((x) => x.host === 'a')).toEqual([]);
    expect(plan.evacuated).toEqual(['a']);
  });

  it('restarts the VMs of a down host, without needing a migration path', () => {
    const input: PlacementInput = {
      ...base,
      hosts: [host('a', 8, 8192, { state: 'down' }), host('b', 8, 8192), host('c', 8, 8192)],
      unreachable: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
      ],
    };
    const plan = evacuate(input, { hosts: ['a'] });
    expect(plan.moves.map((m) => m.kind)).toEqual(['restart', 'restart']);
  });

  it('respects migration paths for live migrations', () => {
    const input = { ...base, unreachable: [{ from: 'a', to: 'b' }] };
    const plan = evacuate(input, { hosts: ['a'] });
    expect(plan.moves.map((m) => m.to)).toEqual(['c', 'c']);
  });

  it('makes room by moving one other VM aside when nothing fits', () => {
    const input: PlacementInput = {
      hosts: [host('a', 8, 8192), host('b', 8, 8192), host('c', 8, 8192)],
      applications: [app('big', 4, 6144), app('small', 1, 3072, { replicas: 2 })],
      vms: [
        { id: 'big-1', application: 'big', host: 'a' },
        { id: 'small-1', application: 'small', host: 'b' },
        { id: 'small-2', application: 'small', host: 'c' },
      ],
    };
    const plan = evacuate(input, { hosts: ['a'] });
    expect(checkPlan(input, plan).violations).toEqual([]);
    expect(plan.unplaced).toEqual([]);
    expect(plan.moves.map((m) => `${m.vm}:${m.from}>${m.to}`)).toEqual([
      'big-1:a>b',
      'small-1:b>c',
    ]);
  });

  it('explains what cannot be re-placed', () => {
    const input: PlacementInput = {
      ...base,
      hosts: [host('a', 8, 8192), host('b', 2, 2048)],
      vms: base.vms?.filter((v) => v.host !== 'c') ?? [],
    };
    const plan = evacuate(input, { hosts: ['a'] });
    expect(plan.unplaced.map((u) => unplacedWords(u, ID_NAMER))).toEqual([
      ['1 host: being evacuated', '1 host: memory short by ≥ 2.0 GiB'],
      ['1 host: being evacuated', '1 host: memory short by ≥ 2.0 GiB'],
    ]);
    expect(checkPlan(input, plan).ok).toBe(true);
  });

  it('names an unknown host', () => {
    expect(() => evacuate(base, { hosts: ['zz'] })).toThrow("hosts[0]: unknown host 'zz'");
  });
});

describe('evacuate: hosts a VM must avoid', () => {
  const input: PlacementInput = {
    hosts: [host('a', 8, 8192), host('b', 8, 8192), host('c', 8, 4096)],
    applications: [app('x', 1, 1024), app('y', 1, 1024)],
    vms: [
      { id: 'x-1', application: 'x', host: 'a' },
      { id: 'y-1', application: 'y', host: 'a' },
    ],
    policy: { mode: 'spread' },
  };

  it('passes the avoided host over for that VM alone', () => {
    const free = evacuate(input, { hosts: ['a'] });
    expect(free.moves.map((m) => [m.vm, m.to])).toEqual([
      ['x-1', 'b'],
      ['y-1', 'b'],
    ]);
    const plan = evacuate(input, { hosts: ['a'], avoid: new Map([['x-1', new Set(['b'])]]) });
    expect(plan.moves.map((m) => [m.vm, m.to])).toEqual([
      ['x-1', 'c'],
      ['y-1', 'b'],
    ]);
    expect(plan.explanations.find((e) => e.vm === 'x-1')?.runnersUp.map((r) => r.host)).toEqual([]);
  });

  it('leaves a VM unplaced when it avoids every host that could take it', () => {
    const plan = evacuate(input, {
      hosts: ['a'],
      avoid: new Map([['x-1', new Set(['b', 'c', 'nowhere'])]]),
    });
    expect(plan.unplaced.map((u) => u.vm)).toEqual(['x-1']);
    expect(plan.moves.map((m) => [m.vm, m.to])).toEqual([['y-1', 'b']]);
  });

  it('does not make room for it by sending another VM onto a host that one avoids', () => {
    // x-1 fits on c only if y-2 steps aside, and y-2 could go only to b, which it avoids.
    const tight: PlacementInput = {
      hosts: [host('a', 8, 8192), host('b', 8, 1024), host('c', 8, 1024)],
      applications: [app('x', 1, 1024), app('y', 1, 1024)],
      vms: [
        { id: 'x-1', application: 'x', host: 'a' },
        { id: 'y-2', application: 'y', host: 'c' },
      ],
      policy: { mode: 'spread' },
    };
    const aside = evacuate(tight, { hosts: ['a'], avoid: new Map([['x-1', new Set(['b'])]]) });
    expect(aside.moves.map((m) => [m.vm, m.to])).toEqual([
      ['x-1', 'c'],
      ['y-2', 'b'],
    ]);
    const none = evacuate(tight, {
      hosts: ['a'],
      avoid: new Map([
        ['x-1', new Set(['b'])],
        ['y-2', new Set(['b'])],
      ]),
    });
    expect(none.unplaced.map((u) => u.vm)).toEqual(['x-1']);
  });
});
