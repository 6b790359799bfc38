import { describe, expect, it } from 'vitest';
import { applyPlan } from './apply-plan';
import { checkPlan } from './checker';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { rebalance } from './rebalance';

const three = [host('a', 8, 8192), host('b', 8, 8192), host('c', 8, 8192)];

describe('rebalance in pack mode', () => {
  const input: PlacementInput = {
    hosts: three,
    applications: [app('x', 2, 2048, { replicas: 4 })],
    vms: [
      { id: 'x-1', application: 'x', host: 'a' },
      { id: 'x-2', application: 'x', host: 'a' },
      { id: 'x-3', application: 'x', host: 'b' },
      { id: 'x-4', application: 'x', host: 'c' },
    ],
    policy: { mode: 'pack' },
  };

  it('empties the least loaded hosts into the others', () => {
    const plan = rebalance(input);
    expect(checkPlan(input, plan).violations).toEqual([]);
    expect(plan.stats.hostsUsed).toBe(1);
    expect(plan.moves.map((m) => m.to)).toEqual(['a', 'a']);
    expect(rebalance(applyPlan(input, plan)).moves).toEqual([]);
  });

  it('stays within the move budget and says it stopped there', () => {
    const plan = rebalance(input, { maxMoves: 1 });
    expect(plan.moves).toHaveLength(1);
    expect(plan.truncated).toBe(true);
  });

  it('never adds a soft-rule conflict to save a host', () => {
    const soft: PlacementInput = {
      ...input,
      applications: [
        app('x', 2, 2048, { replicas: 4, spread: { across: 'host', strength: 'soft' } }),
      ],
      vms: ['a', 'b', 'c', 'c'].map((h, i) => ({ id: `x-${i + 1}`, application: 'x', host: h })),
    };
    expect(rebalance(soft).moves).toEqual([]);
  });
});

describe('rebalance in spread mode', () => {
  it('moves VMs off the fullest host until the headroom evens out', () => {
    const input: PlacementInput = {
      hosts: three,
      applications: [app('x', 2, 2048, { replicas: 3 })],
      vms: [
        { id: 'x-1', application: 'x', host: 'a' },
        { id: 'x-2', application: 'x', host: 'a' },
        { id: 'x-3', application: 'x', host: 'a' },
      ],
      policy: { mode: 'spread' },
    };
    const plan = rebalance(input);
    expect(checkPlan(input, plan).violations).toEqual([]);
    expect(new Set(plan.assignments.map((a) => a.host)).size).toBe(3);
    expect(rebalance(applyPlan(input, plan)).moves).toEqual([]);
  });

  it('never moves a lone VM back and forth', () => {
    const input: PlacementInput = {
      hosts: three,
      applications: [app('x', 4, 4096)],
      vms: [{ id: 'x-1', application: 'x', host: 'b' }],
      policy: { mode: 'spread' },
    };
    expect(rebalance(input).moves).toEqual([]);
    const packed = { ...input, policy: { mode: 'pack' as const } };
    expect(rebalance(packed).moves).toEqual([]);
  });

  it('ignores gains below the hysteresis', () => {
    const input: PlacementInput = {
      hosts: [host('a', 100, 100_000), host('b', 100, 100_000)],
      applications: [app('x', 1, 1000, { replicas: 3 })],
      vms: [
        { id: 'x-1', application: 'x', host: 'a' },
        { id: 'x-2', application: 'x', host: 'a' },
        { id: 'x-3', application: 'x', host: 'a' },
      ],
      policy: { mode: 'spread', hysteresis: 0.05 },
    };
    expect(rebalance(input).moves).toEqual([]);
    expect(rebalance({ ...input, policy: { mode: 'spread', hysteresis: 0 } }).moves).toHaveLength(
      1,
    );
  });
});
