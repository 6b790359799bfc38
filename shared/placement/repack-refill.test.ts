/**
 * The refill move of pack mode's tabu search (repack-refill.ts): the largest set of the host's and
 * the pool's VMs that fits the host, only when it beats what the host holds.
 */
import { describe, expect, it } from 'vitest';
import { RESOURCES } from './compiled-input';
import { bestRefill, type RefillQuery } from './repack-refill';

// One application per VM, two resources used (the third untracked: zero demand), size = sum.
function query(sizes: [number, number][], room: [number, number], beat: number, nodes = 1000) {
  const demand = new Float64Array(sizes.length * RESOURCES);
  sizes.forEach(([a, b], i) => {
    demand[i * RESOURCES] = a;
    demand[i * RESOURCES + 1] = b;
  });
  const r = new Float64Array(RESOURCES);
  r[0] = room[0];
  r[1] = room[1];
  const q: RefillQuery = {
    vms: sizes.map((_, i) => 10 + i),
    apps: sizes.map((_, i) => i),
    demand,
    size: Float64Array.from(sizes, ([a, b]) => a + b),
    room: r,
    beat,
    nodes,
  };
  return q;
}

// The best set by exhaustive search over every subset: the reference.
function exhaustive(q: RefillQuery): number {
  let best = 0;
  const n = q.vms.length;
  for (let m = 0; m < 1 << n; m++) {
    let total = 0;
    const used = new Float64Array(RESOURCES);
    for (let i = 0; i < n; i++) {
      if ((m & (1 << i)) === 0) continue;
      total += q.size[q.apps[i]!]!;
      for (let r = 0; r < RESOURCES; r++) used[r]! += q.demand[q.apps[i]! * RESOURCES + r]!;
    }
    if (used.every((u, r) => u <= q.room[r]! + 1e-9)) best = Math.max(best, total);
  }
  return best;
}

const sizeOf = (q: RefillQuery, set: number[]): number =>
  set.reduce((s, v) => s + q.size[q.apps[q.vms.indexOf(v)]!]!, 0);

describe('pack: the refill of one host', () => {
  it('trades two VMs of the host for three pooled ones that fill it exactly in both resources', () => {
    // Host of 10 × 10 holding 6×3 and 3×6 (size 18); the pool has 4×4, 3×3, 3×3 (size 20: full).
    const q = query(
      [
        [6, 3],
        [3, 6],
        [4, 4],
        [3, 3],
        [3, 3],
      ],
      [10, 10],
      18,
    );
    const { set } = bestRefill(q);
    expect(set?.sort()).toEqual([12, 13, 14]);
  });

  it('keeps the host as it is when no set beats it', () => {
    const q = query(
      [
        [5, 5],
        [5, 5],
        [6, 1],
      ],
      [10, 10],
      20,
    );
    expect(bestRefill(q).set).toBeNull();
  });

  it('finds the best set of exhaustive search on 200 random small cases, the same every run', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 200; t++) {
      const n = 2 + Math.floor(rnd() * 9);
      const sizes = Array.from(
        { length: n },
        () => [1 + Math.floor(rnd() * 8), 1 + Math.floor(rnd() * 8)] as [number, number],
      );
      const q = query(sizes, [10, 10], 0, 1e6);
      const { set } = bestRefill(q);
      expect(set, `case ${t}`).not.toBeNull();
      expect(sizeOf(q, set!), `case ${t}`).toBe(exhaustive(q));
      expect(bestRefill(q).set).toEqual(set);
    }
  });

  it('looks at no more subsets than it is given', () => {
    const sizes = Array.from(
      { length: 14 },
      (_, i) => [1 + (i % 4), 1 + ((i * 3) % 5)] as [number, number],
    );
    const { visited } = bestRefill(query(sizes, [10, 10], 0, 50));
    expect(visited).toBeLessThanOrEqual(50);
  });
});
