/**
 * The linear-programming bound (Gilmore & Gomory's set-cover relaxation) for identical hosts: the
 * fewest hosts when a host may be used fractionally, each holding any set of VMs that fits it
 * ("pattern"). It is solved by column generation: a simplex on the patterns found so far gives a
 * price y per VM; the pattern of largest total price (a knapsack in every resource at once, solved
 * exactly by branch and bound) either joins the simplex or proves the prices optimal.
 *
 * Why any price vector gives a bound (Farley, 1990): with y ≥ 0 and z ≥ the largest total price of
 * a pattern, y / z prices every pattern at most 1, so by LP duality no plan uses fewer than
 * Σy / z hosts. The bound is therefore valid after any number of steps, whatever the simplex's
 * rounding did; only z must truly be an upper bound, which the knapsack guarantees: it searches
 * every pattern, or when its node budget runs out returns its relaxation's value at the root (when
 * that happens before it found any pattern priced over 1, the pattern is sought again: by dynamic
 * programming, exactly, when the sizes lie on a small grid, lower-bound-lp-grid.ts; else with
 * RETRY times the nodes).
 * The work is bounded by counts (simplex pivots, knapsack nodes), never a clock: same input, same
 * bound.
 */

import { GridKnapsack } from './lower-bound-lp-grid';

/** Simplex pivots in all, per VM (the LP's size grows with the VMs, so does its work). */
const PIVOTS_PER_VM = 40;
/** Knapsack nodes one pricing may visit before it falls back to its relaxation's value. */
const NODES = 20_000;
/** How many times further a pricing looks when it ran out of nodes before finding anything. */
const RETRY = 25;
/** Grid cells the dynamic programme visits for the cost of one node (for the work bound). */
const GRID_CELLS_PER_NODE = 20;
/** Knapsack nodes over the whole run: the rest of the work bound. */
const NODES_TOTAL = 100_000_000;
/** Improving patterns one knapsack search hands back besides its best. */
const FOUND = 40;
/**
 * Dual stabilisation (Wentges, 1997): prices are sought at this mix of the prices that gave the
 * best bound so far and the simplex's own, which damps the simplex's swinging prices, the reason
 * column generation tails off. Any prices ≥ 0 give a valid bound, so the mix changes only how fast
 * it rises.
 */
const SMOOTHING = 0.5;
/** Relative slack: a pattern that exactly fills a host fits; prices below it count as zero. */
const EPS = 1e-9;

/**
 * The bound for `n` VMs whose sizes are `rel[i * D + k]`, VM i's need in resource k as a fraction
 * of a host (hosts identical). 0 when there are no VMs.
 */
export function lpBound(rel: Float64Array, D: number, n: number): number {
  if (n === 0 || D === 0) return 0;
  return new ColumnGeneration(rel, D, n).run();
}

class ColumnGeneration {
  /** Inverse of the basis, row-major n × n. */
  private readonly inv: Float64Array;
  /** Values of the basic variables. */
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly pricer: Knapsack;
  private readonly grid: GridKnapsack | null;
  private best = 0;
  /** The best bound so far before rounding up, and the prices that gave it (null: none yet). */
  private bestValue = 0;
  private center: Float64Array | null = null;
  private lastLeave = 0;

  constructor(
    rel: Float64Array,
    D: number,
    private readonly n: number,
  ) {
    // Start from one VM per host: the basis is the identity, every value 1.
    this.inv = new Float64Array(n * n);
    for (let i = 0; i < n; i++) this.inv[i * n + i] = 1;
    this.x = new Float64Array(n).fill(1);
    this.y = new Float64Array(n);
    this.pricer = new Knapsack(rel, D, n);
    this.grid = GridKnapsack.of(rel, D);
  }

  run(): number {
    const pivots = PIVOTS_PER_VM * this.n;
    this.y.fill(1); // c_B · B⁻¹ with the identity basis
    let pool: number[][] = []; // improving patterns the last knapsack met, tried before the next
    for (let p = 0; p < pivots && this.pricer.nodesLeft > 0; p++) {
      let entering: number[] | number | null = this.cheapest(pool);
      if (entering === null) {
        // Prices at or below EPS count as 0: y stays ≥ 0 and the knapsack sees exactly these.
        const y = this.y.map((v) => (v > EPS ? v : 0));
        // First at the stabilised prices (see SMOOTHING); when their best pattern does not
        // improve at y itself, at y.
        const at = this.center === null ? y : mix(this.center, y, SMOOTHING);
        let priced = this.price(at);
        let value = 0;
        for (const i of priced.pattern) value += y[i]!;
        if (value <= 1 + 1e-7 && at !== y) {
          priced = this.price(y);
          value = priced.value;
        }
        pool = priced.found;
        if (value > 1 + 1e-7) entering = priced.pattern;
      }
      if (entering === null) {
        const neg = this.y.findIndex((v) => v < -1e-7);
        if (neg < 0) break; // optimal: the last bound is the LP's value
        entering = -1 - neg;
      }
      if (!this.pivot(entering)) break;
      // Its reduced cost, then y moves along the new row of the entering column (revised simplex).
      let rc = typeof entering === 'number' ? this.y[-1 - entering]! : 1;
      if (typeof entering !== 'number') for (const i of entering) rc -= this.y[i]!;
      const row = this.lastLeave * this.n;
      for (let i = 0; i < this.n; i++) this.y[i]! += rc * this.inv[row + i]!;
    }
    return this.best;
  }

  /**
   * The best pattern at prices `w` (all ≥ 0), and the bound they give (Farley's, see above); the
   * prices of the best bound so far become the stabilisation centre.
   */
  private price(w: Float64Array): Priced {
    let priced = this.pricer.best(w, NODES);
    // Out of nodes before any improving pattern: solve it on the grid when the sizes lie on
    // one, else look much further once before stopping.
    if (priced.value <= 1 + 1e-7 && priced.bound > priced.value) {
      if (this.grid !== null) {
        const exact = this.grid.solve(w);
        this.pricer.nodesLeft -= this.grid.cost(this.n) / GRID_CELLS_PER_NODE;
        priced = { ...exact, bound: exact.value, found: [] };
      } else priced = this.pricer.best(w, NODES * RETRY);
    }
    const sum = w.reduce((s, v) => s + v, 0);
    if (priced.bound > 0 && sum / priced.bound > this.bestValue) {
      this.bestValue = sum / priced.bound;
      this.best = Math.max(this.best, ceilBound(this.bestValue));
      this.center = w;
    }
    return priced;
  }

  // The pattern of `pool` of largest price over 1 + 1e-7 (removed from the pool), or null.
  private cheapest(pool: number[][]): number[] | null {
    let pick = -1;
    let most = 1 + 1e-7;
    pool.forEach((pattern, j) => {
      let v = 0;
      for (const i of pattern) v += this.y[i]!;
      if (v > most) {
        most = v;
        pick = j;
      }
    });
    return pick < 0 ? null : pool.splice(pick, 1)[0]!;
  }

  // Brings `column` into the basis; false when the LP is unbounded (it never is: a safety stop).
  private pivot(column: number[] | number): boolean {
    const { n, inv, x } = this;
    const d = new Float64Array(n); // B⁻¹ · column
    for (let r = 0; r < n; r++) {
      const row = r * n;
      if (typeof column === 'number') d[r] = -inv[row - 1 - column]!;
      else for (const i of column) d[r]! += inv[row + i]!;
    }
    let leave = -1;
    let ratio = Infinity;
    for (let r = 0; r < n; r++) {
      if (d[r]! <= 1e-9) continue;
      const t = x[r]! / d[r]!;
      if (t < ratio - 1e-12) {
        ratio = t;
        leave = r;
      }
    }
    if (leave < 0) return false;
    const pivotRow = leave * n;
    const dl = d[leave]!;
    const nonzero: number[] = []; // the pivot row is sparse: update only where it is not 0
    for (let i = 0; i < n; i++) {
      if (inv[pivotRow + i] === 0) continue;
      inv[pivotRow + i]! /= dl;
      nonzero.push(i);
    }
    x[leave] = ratio;
    for (let r = 0; r < n; r++) {
      if (r === leave || d[r] === 0) continue;
      const f = d[r]!;
      const row = r * n;
      for (const i of nonzero) inv[row + i]! -= f * inv[pivotRow + i]!;
      x[r] = Math.max(0, x[r]! - f * ratio);
    }
    this.lastLeave = leave;
    return true;
  }
}

/** What a pricing returns (see Knapsack.best). */
interface Priced {
  bound: number;
  value: number;
  pattern: number[];
  found: number[][];
}

// (1 − a) · y + a · centre, element by element.
function mix(center: Float64Array, y: Float64Array, a: number): Float64Array {
  return y.map((v, i) => (1 - a) * v + a * center[i]!);
}

// ⌈b⌉ with room for rounding: 62.9999999 is 63, 63.0000001 is 63 too.
function ceilBound(b: number): number {
  return Math.ceil(b - 1e-6);
}

/**
 * The pattern of largest total price: a 0-1 knapsack in D resources at once. Depth-first, VMs in
 * order of price per unit of surrogate size (a weighted sum of the resources); a branch is cut when
 * the fractional knapsack in the surrogate size (a relaxation: any pattern that fits the host fits
 * the weighted sum of its resources) cannot beat the best pattern found. Of a few weightings, the
 * one whose relaxation is tightest at the root is used.
 */
class Knapsack {
  nodesLeft = NODES_TOTAL;
  /** Surrogate size of each VM under the weighting in use, and the host's. */
  private readonly sum: Float64Array;
  private cap = 0;
  private order: number[] = [];
  private w: Float64Array = new Float64Array(0);
  private readonly room: Float64Array;
  private readonly chosen: number[] = [];
  private bestValue = 0;
  private bestPattern: number[] = [];
  /** Patterns priced over 1 met during the search (at most FOUND), for the next pivots. */
  private found: number[][] = [];
  private nodes = 0;
  private limit = NODES;
  /** The weightings tried: even, and each resource leaning 30 % and 60 % heavier. */
  private readonly weights: Float64Array[] = [];

  constructor(
    private readonly rel: Float64Array,
    private readonly D: number,
    n: number,
  ) {
    this.sum = new Float64Array(n);
    this.room = new Float64Array(D);
    this.weights.push(new Float64Array(D).fill(1 / D));
    for (let k = 0; k < D && D > 1; k++) {
      for (const a of [0.3, 0.6])
        this.weights.push(new Float64Array(D).map((_, j) => (1 - a) / D + (j === k ? a : 0)));
    }
  }

  /**
   * The best pattern found for prices `w` (all ≥ 0) and its value, and `bound` ≥ the value of
   * every pattern (equal to it unless the node budget ran out).
   */
  best(
    w: Float64Array,
    limit: number,
  ): { bound: number; value: number; pattern: number[]; found: number[][] } {
    this.w = w;
    this.limit = limit;
    this.room.fill(1 + EPS);
    let root = Infinity;
    let pick = this.weights[0]!;
    for (const lambda of this.weights) {
      const r = this.weigh(lambda);
      if (r < root) {
        root = r;
        pick = lambda;
      }
    }
    this.weigh(pick);
    this.chosen.length = 0;
    this.bestValue = 0;
    this.bestPattern = [];
    this.found = [];
    this.nodes = 0;
    this.search(0, 0, this.cap);
    this.nodesLeft -= this.nodes;
    const exact = this.nodes < this.limit;
    const bound = exact ? this.bestValue : Math.max(root, this.bestValue);
    return { bound, value: this.bestValue, pattern: this.bestPattern, found: this.found };
  }

  // Surrogate sizes and order under `lambda`; returns the relaxation's value at the root.
  private weigh(lambda: Float64Array): number {
    const { rel, D, w, sum } = this;
    this.cap = 0;
    for (let k = 0; k < D; k++) this.cap += lambda[k]! * (1 + EPS);
    this.order = [];
    for (let i = 0; i < w.length; i++) {
      let x = 0;
      for (let k = 0; k < D; k++) x += lambda[k]! * rel[i * D + k]!;
      sum[i] = x;
      if (w[i]! > 0) this.order.push(i);
    }
    const ratio = (i: number): number => w[i]! / Math.max(sum[i]!, EPS);
    this.order.sort((a, b) => ratio(b) - ratio(a) || a - b);
    return this.relaxation(0, 0, this.cap);
  }

  private search(from: number, value: number, roomSum: number): void {
    if (value > this.bestValue) {
      this.bestValue = value;
      this.bestPattern = [...this.chosen];
    }
    if (value > 1 + 1e-7 && this.found.length < FOUND) this.found.push([...this.chosen]);
    for (let p = from; p < this.order.length; p++) {
      if (++this.nodes >= this.limit) return;
      // The relaxation from p on covers every later branch too: none can beat the best.
      if (this.relaxation(p, value, roomSum) <= this.bestValue) return;
      const i = this.order[p]!;
      if (!this.fits(i)) continue;
      for (let k = 0; k < this.D; k++) this.room[k]! -= this.rel[i * this.D + k]!;
      this.chosen.push(i);
      this.search(p + 1, value + this.w[i]!, roomSum - this.sum[i]!);
      this.chosen.pop();
      for (let k = 0; k < this.D; k++) this.room[k]! += this.rel[i * this.D + k]!;
    }
  }

  private fits(i: number): boolean {
    for (let k = 0; k < this.D; k++) if (this.rel[i * this.D + k]! > this.room[k]!) return false;
    return true;
  }

  // Value plus the fractional knapsack of VMs from position `from` on that fit alone, in summed size.
  private relaxation(from: number, value: number, roomSum: number): number {
    let v = value;
    let left = roomSum;
    for (let p = from; p < this.order.length && left > 0; p++) {
      const i = this.order[p]!;
      if (!this.fits(i)) continue;
      const s = this.sum[i]!;
      if (s <= left) {
        v += this.w[i]!;
        left -= s;
      } else {
        v += (this.w[i]! * left) / s;
        left = 0;
      }
    }
    return v;
  }
}
