/**
 * Pack mode's improvement phase, run after the greedy pass: tries to empty the least-filled hosts.
 * The VMs of the host to empty go to a pool; the largest pooled VM goes to the fullest-fitting host
 * in use, or, when none has room, takes the place of a smaller VM there, which joins the pool (the
 * pool only ever shrinks in size, so this ends). When the pool is empty, one host fewer is used;
 * when a pooled VM can go nowhere, every step of the attempt is undone. No host that ran no VM
 * receives one, so the phase never uses more hosts than the greedy pass did.
 *
 * Only VMs this operation places move (a place plan never moves a VM the input placed), and never
 * a co-location partner (a VM that follows it could be left alone). Each step keeps every hard
 * rule and adds no soft conflict (see repack-fit.ts). Deterministic: ties go to the lower index,
 * and the work is bounded by a count of steps, not by a clock. It runs twice (see STAGES in repack-setup.ts).
 */
import * as fleet from './compiled-input';
import { fitsWithout, softConflicts } from './repack-fit';
import { PoolSearch } from './repack-pool';
import { STAGES, type Stage } from './repack-setup';
import { tabuRepack } from './repack-tabu';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES } = fleet;

/** Passes over the least-filled hosts, at most. */
const MAX_PASSES = 400;

/** What the phase did: hosts emptied, and the host each moved VM left behind. */
export interface RepackResult {
  emptied: number;
  /** For each VM index: the host it was emptied from, -1 when it did not move. */
  emptiedFrom: Int32Array;
}

/**
 * Runs the phase on `s` (the result of a greedy pass), changing it in place. `bound` is a lower
 * bound on the hosts needed: once the plan reaches it, no search can save more, so the costly last
 * run (repack-tabu.ts) is skipped.
 */
export function repack(
  s: PlacementState,
  movable: Uint8Array,
  bound = 0,
  refill = true,
): RepackResult {
  let emptied = 0;
  const emptiedFrom = new Int32Array(s.fleet.vmIds.length).fill(-1);
  for (const stage of STAGES) {
    // A VM moved in several runs: the later host it left is the one the plan explains.
    emptied += new Repacker(s, movable, emptiedFrom, stage).run();
  }
  if (s.usedCount > bound) emptied += tabuRepack(s, movable, emptiedFrom, bound, false);
  // The refill's run comes after, from where the plain one stopped: it only empties hosts, so the
  // plan never uses more hosts than without it (which the benchmark measures beside it).
  if (refill && s.usedCount > bound) emptied += tabuRepack(s, movable, emptiedFrom, bound, true);
  return { emptied, emptiedFrom };
}

class Repacker extends PoolSearch {
  /** The VMs {@link bestSwap} found (second -1 for one). */
  private readonly swapOut = new Int32Array(2);

  constructor(
    s: PlacementState,
    movable: Uint8Array,
    emptiedFrom: Int32Array,
    private readonly stage: Stage,
  ) {
    super(s, movable, emptiedFrom);
  }

  run(): number {
    let emptied = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      // Fewest VMs first; when that frees nothing, least filled first gets a turn.
      let gained = this.pass(true);
      if (gained === 0) gained = this.pass(false);
      emptied += gained;
      if (gained === 0) break;
    }
    return emptied;
  }

  // Tries the first hosts of one order; returns how many it emptied.
  private pass(byCount: boolean): number {
    const order = this.candidates(byCount);
    let gained = 0;
    for (let i = 0; i < order.length && i < this.stage.tries; i++) {
      if (this.tryEmpty(order[i]!)) gained++;
    }
    return gained;
  }

  // Hosts that may be emptied: fewest VMs or least filled first, then the other, then by index.
  private candidates(byCount: boolean): number[] {
    const H = this.f.hosts.length;
    const load = new Float64Array(H);
    const count = new Int32Array(H);
    const out: number[] = [];
    for (let h = 0; h < H; h++) {
      if (this.pinned[h] === 1 || this.onHost[h]!.length === 0) continue;
      for (const v of this.onHost[h]!) load[h]! += this.size[this.f.vmApp[v]!]!;
      count[h] = this.onHost[h]!.length;
      out.push(h);
    }
    const byLoad = (x: number, y: number): number => load[x]! - load[y]!;
    const byVms = (x: number, y: number): number => count[x]! - count[y]!;
    const [first, then] = byCount ? [byVms, byLoad] : [byLoad, byVms];
    return out.sort((x, y) => first(x, y) || then(x, y) || x - y);
  }

  private tryEmpty(t: number): boolean {
    this.target = t;
    this.touched.length = 0;
    this.pool = [];
    for (const v of [...this.onHost[t]!]) this.take(v);
    for (const v of this.pool) this.softBefore[v] = softConflicts(this.s, v, t);
    for (let step = 0; this.pool.length > 0; step++) {
      if (step === this.stage.steps || !this.stepOnce()) {
        this.undo();
        return false;
      }
    }
    this.commit(t);
    return true;
  }

  // Places the largest pooled VM, directly or by a swap; false when it can go nowhere.
  private stepOnce(): boolean {
    const pool = this.pool;
    let k = 0;
    for (let i = 1; i < pool.length; i++) if (this.bigger(pool[i]!, pool[k]!)) k = i;
    const v = pool[k]!;
    pool[k] = pool[pool.length - 1]!;
    pool.pop();
    const h = this.bestHost(v);
    if (h >= 0) {
      this.put(v, h);
      return true;
    }
    if (!this.bestSwap(v)) return false;
    const [q, w] = this.swapOut;
    const host = this.s.vmHost[q!]!;
    this.take(q!);
    if (w! >= 0) this.take(w!);
    this.softBefore[q!] = softConflicts(this.s, q!, host);
    if (w! >= 0) this.softBefore[w!] = softConflicts(this.s, w!, host);
    this.put(v, host);
    return true;
  }

  /**
   * The place `v` can take on a used host: one or two movable VMs there, smaller together than
   * `v`, whose leaving makes room; the pair smallest together wins (it fills the host the most).
   * Sets `swapOut` (second -1 for one VM); false when there is none.
   */
  private bestSwap(v: number): boolean {
    const { s, f } = this;
    const H = f.hosts.length;
    const { demand } = f;
    const size = this.size;
    const a = f.vmApp[v]!;
    const d = a * RESOURCES;
    let best = this.size[a]! * this.stage.growth;
    let q1 = -1;
    let q2 = -1;
    for (let h = 0; h < H; h++) {
      if (h === this.target) continue;
      const list = this.onHost[h]!;
      const n = list.length;
      if (n === 0) continue;
      const o = h * RESOURCES;
      const n0 = demand[d]! - s.free[o]! - 1e-9;
      const n1 = demand[d + 1]! - s.free[o + 1]! - 1e-9;
      const n2 = demand[d + 2]! - s.free[o + 2]! - 1e-9;
      for (let i = 0; i < n; i++) {
        const x = list[i]!;
        if (this.before[x] !== -1) continue;
        const bx = f.vmApp[x]!;
        const zx = size[bx]!;
        if (zx >= best) break;
        if (f.shapeOf[bx] === f.shapeOf[a]) continue;
        const ex = bx * RESOURCES;
        const x0 = demand[ex]!;
        const x1 = demand[ex + 1]!;
        const x2 = demand[ex + 2]!;
        if (x0 >= n0 && x1 >= n1 && x2 >= n2) {
          if (fitsWithout(s, v, h, x, -1, this.softBefore[v]!)) {
            [best, q1, q2] = [zx, x, -1];
          }
          continue;
        }
        for (let j = i + 1; j < n; j++) {
          const y = list[j]!;
          if (this.before[y] !== -1) continue;
          const by = f.vmApp[y]!;
          if (zx + size[by]! >= best) break;
          const ey = by * RESOURCES;
          if (x0 + demand[ey]! < n0 || x1 + demand[ey + 1]! < n1 || x2 + demand[ey + 2]! < n2) {
            continue;
          }
          if (!fitsWithout(s, v, h, x, y, this.softBefore[v]!)) continue;
          [best, q1, q2] = [zx + size[by]!, x, y];
        }
      }
    }
    this.swapOut[0] = q1;
    this.swapOut[1] = q2;
    return q1 >= 0;
  }

  private bigger(x: number, y: number): boolean {
    return this.cmp(x, y) > 0;
  }
}
