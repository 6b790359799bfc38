import { describe, expect, it } from 'vitest';
import { GridKnapsack } from './lower-bound-lp-grid';
import { prng } from './random-input';

// The largest total price of a set of items that fits (two resources, host size 1): every subset.
function bestSubset(rel: Float64Array, w: Float64Array): number {
  const n = w.length;
  let best = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let a = 0;
    let b = 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      if ((mask & (1 << i)) === 0) continue;
      a += rel[2 * i]!;
      b += rel[2 * i + 1]!;
      v += w[i]!;
    }
    if (a <= 1 + 1e-9 && b <= 1 + 1e-9) best = Math.max(best, v);
  }
  return best;
}

describe('grid knapsack of the LP bound', () => {
  it('finds the best pattern that fits, as every subset does (200 random instances on a grid of 150)', () => {
    const rnd = prng(150);
    for (let t = 0; t < 200; t++) {
      const n = 2 + Math.floor(rnd() * 9);
      const rel = Float64Array.from({ length: 2 * n }, () => (20 + Math.floor(rnd() * 81)) / 150);
      const w = Float64Array.from({ length: n }, () => (rnd() < 0.1 ? 0 : rnd()));
      const grid = GridKnapsack.of(rel, 2)!;
      const { value, pattern } = grid.solve(w);
      expect(value).toBeCloseTo(bestSubset(rel, w), 9);
      // The pattern it returns fits and is worth what it says.
      const sum = (k: number) => pattern.reduce((s, i) => s + rel[2 * i + k]!, 0);
      expect(sum(0)).toBeLessThanOrEqual(1 + 1e-9);
      expect(sum(1)).toBeLessThanOrEqual(1 + 1e-9);
      expect(pattern.reduce((s, i) => s + w[i]!, 0)).toBeCloseTo(value, 9);
    }
  });

  it('is not offered when the sizes lie on no grid of at most 200 cells', () => {
    expect(GridKnapsack.of(Float64Array.from([0.5, 0.25, 0.3, 0.1]), 2)).not.toBeNull();
    expect(GridKnapsack.of(Float64Array.from([1 / 997, 0.5]), 2)).toBeNull();
    expect(GridKnapsack.of(Float64Array.from([0.5, 0.5, 0.5]), 3)).toBeNull();
  });
});
