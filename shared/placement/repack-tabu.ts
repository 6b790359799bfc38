/**
 * The last run of pack mode's improvement phase (after the runs of repack.ts): a tabu search in
 * the manner of Buljubašić & Vasquez's consistent neighbourhood search ("Consistent neighborhood
 * search for one-dimensional bin packing and two-dimensional vector packing", Computers &
 * Operations Research 76, 2016). The VMs of two of the least-filled hosts go to a pool; each step
 * places every pooled VM that fits somewhere, or else makes the move that grows the pool least: a
 * pooled VM takes the place of one or two VMs of another used host, which join the pool, even when
 * they are larger together (the runs before only let the pool shrink, or grow a little). A VM just
 * placed may not be displaced again for a few steps, nor a displaced VM go back for more (tabu
 * tenures), so the search does not cycle back. When what is left in the pool fits on the first of
 * the two hosts, the second is free (a pool allowed to keep up to one host's worth is reached far
 * more often than an empty one). After a bounded number of steps the attempt is undone.
 *
 * Same guarantees as repack.ts: only movable VMs move, every step keeps every hard rule and adds no
 * soft conflict (repack-fit.ts), no host that ran no VM receives one, and the work is bounded by a
 * count (of candidate swaps looked at), never by a clock: same input, same plan.
 */
import * as fleet from './compiled-input';
import { fitsWithout, softConflicts } from './repack-fit';
import { PoolSearch } from './repack-pool';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES } = fleet;

/** Steps one attempt may take before it is undone. */
const STEPS = 150;
/** Steps a VM placed by a swap may not be displaced (plus one per 4 VMs in the pool). */
const TENURE = 5;
/** Steps a displaced VM may not go back to the host it left. */
const LEFT_TENURE = 20;
/**
 * Candidate swaps looked at in all, over every attempt, per movable VM and at most: the bound on
 * the work (small fleets rarely need the search, and it should not cost them the same as large).
 */
const BUDGET_PER_VM = 10_000;
const BUDGET = 2_500_000;
/**
 * The run with refills (after the plain one, see repack.ts) gets this share of the budget: on the
 * benchmark classes a quarter finds what the whole did, and 1,000 VMs stay within a second.
 */
const REFILL_SHARE = 0.25;
/** Subsets one refill of a host may look at (see repack-refill.ts). */
const REFILL_NODES = 300;
/** Hosts tried, least filled first, before the search gives up. */
const TRIES = 8;

/**
 * Runs the search on `s`, changing it in place, until the hosts in use reach `bound` (a lower
 * bound) or an attempt on every candidate fails; returns hosts emptied and marks `emptiedFrom`.
 */
export function tabuRepack(
  s: PlacementState,
  movable: Uint8Array,
  emptiedFrom: Int32Array,
  bound: number,
  refill = true,
): number {
  return new TabuSearch(s, movable, emptiedFrom, refill).run(bound);
}

class TabuSearch extends PoolSearch {
  /** Step until which each VM may not be displaced. */
  private readonly tabuUntil: Int32Array;
  /** The host each VM was last displaced from, and the step until which it may not go back. */
  private readonly leftHost: Int32Array;
  private readonly leftUntil: Int32Array;
  private work = 0;
  private readonly budget: number;

  constructor(
    s: PlacementState,
    movable: Uint8Array,
    emptiedFrom: Int32Array,
    private readonly refills: boolean,
  ) {
    super(s, movable, emptiedFrom);
    const n = s.fleet.vmIds.length;
    this.tabuUntil = new Int32Array(n);
    this.leftHost = new Int32Array(n);
    this.leftUntil = new Int32Array(n);
    let moving = 0;
    for (let v = 0; v < n; v++) moving += movable[v]!;
    this.budget = Math.min(BUDGET, BUDGET_PER_VM * moving) * (refills ? REFILL_SHARE : 1);
  }

  run(bound: number): number {
    let emptied = 0;
    for (let gained = true; gained && this.work < this.budget && this.s.usedCount > bound;) {
      gained = false;
      const order = this.candidates();
      const pairs: [number, number][] = [];
      for (let i = 1; i < order.length && i <= TRIES; i++) pairs.push([order[0]!, order[i]!]);
      for (let i = 2; i < order.length && i <= TRIES; i++) pairs.push([order[1]!, order[i]!]);
      for (let i = 0; i < pairs.length && this.work < this.budget; i++) {
        if (this.tryEmpty(pairs[i]![0], pairs[i]![1])) {
          emptied++;
          gained = true;
          break;
        }
      }
    }
    return emptied;
  }

  // Hosts that may be emptied, least filled first (then fewest VMs, then index).
  private candidates(): number[] {
    const load = new Float64Array(this.f.hosts.length);
    const out: number[] = [];
    this.onHost.forEach((list, h) => {
      if (this.pinned[h] === 1 || list.length === 0) return;
      for (const v of list) load[h]! += this.size[this.f.vmApp[v]!]!;
      out.push(h);
    });
    const n = (h: number): number => this.onHost[h]!.length;
    return out.sort((x, y) => load[x]! - load[y]! || n(x) - n(y) || x - y);
  }

  private tryEmpty(keep: number, t: number): boolean {
    this.target = t;
    this.target2 = keep;
    this.touched.length = 0;
    this.pool = [];
    this.tabuUntil.fill(0);
    this.leftUntil.fill(0);
    for (const v of [...this.onHost[t]!]) this.take(v);
    for (const v of this.pool) this.softBefore[v] = softConflicts(this.s, v, t);
    const n0 = this.pool.length;
    for (const v of [...this.onHost[keep]!]) this.take(v);
    for (const v of this.pool.slice(n0)) this.softBefore[v] = softConflicts(this.s, v, keep);
    for (let step = 1; step <= STEPS && this.work < this.budget; step++) {
      this.placeDirect();
      if (this.pool.length > 0 && this.refills && this.refillAll()) this.placeDirect();
      if (this.pool.length === 0 || this.fitsOnKeep(keep)) {
        this.commit(t);
        return true;
      }
      if (!this.swapStep(step)) break;
    }
    this.undo();
    return false;
  }

  // Refills every used host in turn (see repack-refill.ts); true when one changed.
  private refillAll(): boolean {
    let changed = false;
    for (let h = 0; h < this.f.hosts.length && this.pool.length > 0; h++) {
      if (h === this.target || h === this.target2 || this.onHost[h]!.length === 0) continue;
      if (this.work >= this.budget) break;
      const { changed: c, visited } = this.refill(h, REFILL_NODES);
      this.work += visited + this.pool.length;
      changed ||= c;
    }
    return changed;
  }

  // Puts the whole pool on `keep` when it all fits there; false (pool unchanged) otherwise.
  private fitsOnKeep(keep: number): boolean {
    const placed: number[] = [];
    for (const v of this.pool) {
      this.work++;
      if (!fitsWithout(this.s, v, keep, -1, -1, this.softBefore[v]!)) break;
      this.put(v, keep);
      placed.push(v);
    }
    if (placed.length === this.pool.length) {
      this.pool = [];
      return true;
    }
    for (const v of placed) this.drop(v, keep);
    return false;
  }

  // Puts every pooled VM that fits somewhere there, largest first, on the tightest host.
  private placeDirect(): void {
    this.pool.sort((x, y) => this.cmp(y, x));
    const rest: number[] = [];
    this.work += this.pool.length * this.s.usedCount;
    for (const v of this.pool) {
      const h = this.bestHost(v);
      if (h >= 0) this.put(v, h);
      else rest.push(v);
    }
    this.pool = rest;
  }

  /**
   * The swap that grows the pool least (size displaced minus size placed), over every pooled VM
   * and used host; VMs under tabu stay. False when there is none.
   */
  private swapStep(step: number): boolean {
    const { s, f } = this;
    const size = this.size;
    const { demand } = f;
    let best = Infinity;
    let bv = -1;
    let bx = -1;
    let by = -1;
    for (const v of this.pool) {
      const a = f.vmApp[v]!;
      const d = a * RESOURCES;
      const za = size[a]!;
      for (let h = 0; h < f.hosts.length; h++) {
        const list = this.onHost[h]!;
        if (h === this.target || h === this.target2 || list.length === 0) continue;
        if (this.leftHost[v] === h && this.leftUntil[v]! > step) continue;
        const o = h * RESOURCES;
        const n0 = demand[d]! - s.free[o]! - 1e-9;
        const n1 = demand[d + 1]! - s.free[o + 1]! - 1e-9;
        const n2 = demand[d + 2]! - s.free[o + 2]! - 1e-9;
        for (let i = 0; i < list.length; i++) {
          const x = list[i]!;
          const ax = f.vmApp[x]!;
          const zx = size[ax]!;
          if (zx - za >= best) break;
          this.work++;
          if (this.tabuUntil[x]! > step || f.shapeOf[ax] === f.shapeOf[a]) continue;
          const ex = ax * RESOURCES;
          const x0 = demand[ex]!;
          const x1 = demand[ex + 1]!;
          const x2 = demand[ex + 2]!;
          if (x0 >= n0 && x1 >= n1 && x2 >= n2) {
            if (fitsWithout(s, v, h, x, -1, this.softBefore[v]!)) {
              [best, bv, bx, by] = [zx - za, v, x, -1];
            }
            continue;
          }
          for (let j = i + 1; j < list.length; j++) {
            const y = list[j]!;
            const ay = f.vmApp[y]!;
            if (zx + size[ay]! - za >= best) break;
            this.work++;
            if (this.tabuUntil[y]! > step) continue;
            const ey = ay * RESOURCES;
            if (x0 + demand[ey]! < n0 || x1 + demand[ey + 1]! < n1 || x2 + demand[ey + 2]! < n2) {
              continue;
            }
            if (!fitsWithout(s, v, h, x, y, this.softBefore[v]!)) continue;
            [best, bv, bx, by] = [zx + size[ay]! - za, v, x, y];
          }
        }
      }
    }
    if (bv < 0) return false;
    const host = s.vmHost[bx]!;
    this.pool.splice(this.pool.indexOf(bv), 1);
    this.take(bx);
    if (by >= 0) this.take(by);
    this.softBefore[bx] = softConflicts(s, bx, host);
    if (by >= 0) this.softBefore[by] = softConflicts(s, by, host);
    this.put(bv, host);
    this.tabuUntil[bv] = step + TENURE + (this.pool.length >> 2);
    for (const x of by >= 0 ? [bx, by] : [bx]) {
      this.leftHost[x] = host;
      this.leftUntil[x] = step + LEFT_TENURE;
    }
    return true;
  }
}
