/**
 * The LP bound's knapsack by dynamic programming, for VMs whose sizes in two resources are whole
 * multiples of a small share of the host (1/G, G ≤ 200: Caprara & Toth's classes 6–8 have G = 150
 * and 10 has G = 100, where branch and bound struggles with many small VMs of similar price). Exact:
 * on that grid "fits" is the same question as in real sizes.
 */

/** Largest grid tried: (G + 1)² cells per VM. */
const MAX_GRID = 200;
/** How close to the grid a size must be (a fraction of one cell). */
const ON_GRID = 1e-6;

export class GridKnapsack {
  private readonly size: Int32Array;
  private readonly best: Float64Array;
  private take = new Uint8Array(0);

  private constructor(
    private readonly G: number,
    rel: Float64Array,
  ) {
    this.size = Int32Array.from(rel, (x) => Math.round(x * G));
    this.best = new Float64Array((G + 1) * (G + 1));
  }

  /** A knapsack for `n` VMs of two resources (`rel[2i]`, `rel[2i + 1]`), or null: no grid fits. */
  static of(rel: Float64Array, D: number): GridKnapsack | null {
    if (D !== 2) return null;
    for (let G = 1; G <= MAX_GRID; G++) {
      let on = true;
      for (let j = 0; j < rel.length && on; j++) {
        on = Math.abs(rel[j]! * G - Math.round(rel[j]! * G)) <= ON_GRID;
      }
      if (on) return new GridKnapsack(G, rel);
    }
    return null;
  }

  /** Cells one solve visits: what it costs, for the caller's work bound. */
  cost(vms: number): number {
    return vms * (this.G + 1) * (this.G + 1);
  }

  /** The pattern of largest total price `w` (prices ≤ 0 are left out) and its value. */
  solve(w: Float64Array): { value: number; pattern: number[] } {
    const { G, size, best } = this;
    const side = G + 1;
    const items: number[] = [];
    for (let i = 0; i < w.length; i++) if (w[i]! > 0) items.push(i);
    if (this.take.length < items.length * side * side) {
      this.take = new Uint8Array(items.length * side * side);
    }
    this.take.fill(0, 0, items.length * side * side);
    best.fill(0);
    items.forEach((i, t) => {
      const a = size[2 * i]!;
      const b = size[2 * i + 1]!;
      const base = t * side * side;
      for (let c1 = G; c1 >= a; c1--) {
        for (let c2 = G; c2 >= b; c2--) {
          const v = best[(c1 - a) * side + (c2 - b)]! + w[i]!;
          if (v > best[c1 * side + c2]!) {
            best[c1 * side + c2] = v;
            this.take[base + c1 * side + c2] = 1;
          }
        }
      }
    });
    const pattern: number[] = [];
    let c1 = G;
    let c2 = G;
    for (let t = items.length - 1; t >= 0; t--) {
      if (this.take[t * side * side + c1 * side + c2] === 0) continue;
      const i = items[t]!;
      pattern.push(i);
      c1 -= size[2 * i]!;
      c2 -= size[2 * i + 1]!;
    }
    return { value: best[G * side + G]!, pattern };
  }
}
