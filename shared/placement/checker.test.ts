import { describe, expect, it } from 'vitest';
import { checkPlan, type CheckablePlan } from './checker';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';

const input: PlacementInput = {
  hosts: [
    host('a', 4, 4096, { labels: { zone: 'z1', ssd: 'true' }, hypervisor: 'kvm' }),
    host('b', 4, 4096, { labels: { zone: 'z1' } }),
    host('c', 4, 4096, { labels: { zone: 'z2' }, state: 'maintenance' }),
  ],
  applications: [
    app('web', 1, 1024, {
      replicas: 2,
      spread: { across: 'host', strength: 'hard' },
      service: 'shop',
    }),
    app('db', 1, 1024, { requiredLabels: { ssd: 'true' }, hypervisor: 'kvm', service: 'shop' }),
    app('cache', 1, 1024, { colocate: { with: 'db', strength: 'hard' } }),
    app('zoned', 1, 1024, { replicas: 2, spread: { across: 'zone', strength: 'hard' } }),
  ],
  vms: [{ id: 'old', application: 'zoned', host: 'b' }],
  unreachable: [{ from: 'b', to: 'a' }],
};

const plan = (
  assignments: [string, string, string][],
  unplaced: [string, string][] = [],
): CheckablePlan => ({
  operation: 'place',
  assignments: assignments.map(([vm, application, h]) => ({ vm, application, host: h })),
  unplaced: unplaced.map(([vm, application]) => ({
    vm,
    application,
    reasons: [],
    refusals: [],
    suggestions: [],
  })),
});

const good: [string, string, string][] = [
  ['old', 'zoned', 'b'],
  ['web-1', 'web', 'a'],
  ['web-2', 'web', 'b'],
  ['db-1', 'db', 'a'],
  ['cache-1', 'cache', 'a'],
];
const rules = (p: CheckablePlan): string[] => checkPlan(input, p).violations.map((v) => v.rule);

describe('checker', () => {
  it('accepts a good plan', () => {
    expect(checkPlan(input, plan(good, [['zoned-1', 'zoned']]))).toMatchObject({
      ok: true,
      violations: [],
    });
  });

  it('finds each broken hard rule', () => {
    const swap = (vm: string, to: string): [string, string, string][] =>
      good.map(([v, a, h]) => [v, a, v === vm ? to : h]);
    const rest: [string, string][] = [['zoned-1', 'zoned']];
    expect(rules(plan(swap('web-2', 'a'), rest))).toEqual(['spread-host']);
    expect(rules(plan(swap('db-1', 'b'), rest))).toEqual(['label', 'hypervisor', 'colocate']);
    expect(rules(plan(swap('cache-1', 'b'), rest))).toEqual(['colocate']);
    expect(rules(plan(swap('web-2', 'c'), rest))).toEqual(['host-not-up']);
    expect(rules(plan([...good, ['zoned-1', 'zoned', 'a']]))).toEqual(['spread-zone']);
  });

  it('finds over-committed hosts', () => {
    const input2: PlacementInput = {
      hosts: [host('a', 2, 2048)],
      applications: [app('x', 1, 1024, { replicas: 3 })],
    };
    const p = plan([
      ['x-1', 'x', 'a'],
      ['x-2', 'x', 'a'],
      ['x-3', 'x', 'a'],
    ]);
    expect(checkPlan(input2, p).violations.map((v) => v.rule)).toEqual(['cpu', 'memory']);
  });

  it('finds broken all-or-nothing, missing, duplicate and invented VMs', () => {
    expect(
      rules(
        plan(
          good.filter(([v]) => v !== 'db-1'),
          [
            ['zoned-1', 'zoned'],
            ['db-1', 'db'],
          ],
        ),
      ),
    ).toContain('all-or-nothing');
    expect(rules(plan(good))).toEqual(['replicas']);
    expect(rules(plan([...good, ['web-2', 'web', 'a']], [['zoned-1', 'zoned']]))).toContain(
      'duplicate-vm',
    );
    expect(rules(plan([...good, ['web-9', 'web', 'c']], [['zoned-1', 'zoned']]))).toContain(
      'replicas',
    );
    expect(
      rules(
        plan(
          good.filter(([v]) => v !== 'old'),
          [['zoned-1', 'zoned']],
        ),
      ),
    ).toEqual(['lost-vm', 'missing-vm']);
  });

  it('finds a place plan that moves a VM, and a move without a migration path', () => {
    const moved = good.map(([v, a, h]): [string, string, string] => [v, a, v === 'old' ? 'a' : h]);
    expect(rules(plan(moved, [['zoned-1', 'zoned']]))).toEqual(['moved-by-place', 'no-path']);
    const rebalance = { ...plan([['old', 'zoned', 'a']]), operation: 'rebalance' as const };
    expect(rules(rebalance)).toEqual(['no-path']);
    expect(rules({ ...rebalance, assignments: [] })).toEqual(['lost-vm']);
  });

  it('reports rules already broken in the input as pre-existing, not as the plan’s fault', () => {
    const input2: PlacementInput = {
      hosts: [host('a', 1, 1024), host('b', 4, 4096)],
      applications: [app('x', 1, 1024, { replicas: 3 })],
      vms: [
        { id: 'x-1', application: 'x', host: 'a' },
        { id: 'x-2', application: 'x', host: 'a' },
      ],
    };
    const report = checkPlan(
      input2,
      plan([
        ['x-1', 'x', 'a'],
        ['x-2', 'x', 'a'],
        ['x-3', 'x', 'b'],
      ]),
    );
    expect(report.ok).toBe(true);
    expect(report.preexisting.map((v) => v.rule)).toEqual(['cpu', 'memory']);
  });
});
