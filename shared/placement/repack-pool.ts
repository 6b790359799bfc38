/**
 * What the runs of pack mode's improvement phase share (repack.ts, repack-tabu.ts): the movable
 * VMs of each host kept by size, a pool of VMs taken off their hosts, the tightest host for a
 * pooled VM, and the undo of a failed attempt. No host that ran no VM, and no host being emptied,
 * receives a VM.
 */
import * as fleet from './compiled-input';
import { fitsWithout, softConflicts } from './repack-fit';
import { bestRefill } from './repack-refill';
import { weightedSizes } from './repack-setup';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES } = fleet;

export abstract class PoolSearch {
  protected readonly f: fleet.CompiledInput;
  /** Size of one VM of each application: demand over average capacity, weighted by scarcity. */
  protected readonly size: Float64Array;
  /** Movable VMs per host, by size then index; hosts with an unmovable VM can receive but not be emptied. */
  protected readonly onHost: number[][];
  protected readonly pinned: Uint8Array;
  /** VMs in the pool. */
  protected pool: number[] = [];
  /** The soft conflicts each pooled VM had where it was (see repack-fit.ts). */
  protected readonly softBefore: Int32Array;
  /** VM → host before the current attempt (-1 when untouched), for the undo. */
  protected readonly before: Int32Array;
  protected readonly touched: number[] = [];
  /** The hosts being emptied: they receive nothing (-1 for none). */
  protected target = -1;
  protected target2 = -1;

  constructor(
    protected readonly s: PlacementState,
    movable: Uint8Array,
    /** For each VM, the host it was emptied from (-1 when it did not move). */
    readonly emptiedFrom: Int32Array,
  ) {
    const f = (this.f = s.fleet);
    const n = f.vmIds.length;
    this.size = weightedSizes(s);
    this.onHost = Array.from({ length: f.hosts.length }, () => []);
    this.pinned = new Uint8Array(f.hosts.length);
    for (let v = 0; v < n; v++) {
      const h = s.vmHost[v]!;
      if (h < 0) continue;
      if (movable[v] === 1) this.onHost[h]!.push(v);
      else this.pinned[h] = 1;
    }
    for (const list of this.onHost) list.sort((x, y) => this.cmp(x, y));
    this.softBefore = new Int32Array(n);
    this.before = new Int32Array(n).fill(-1);
  }

  /** By size, then index. */
  protected cmp(x: number, y: number): number {
    return this.size[this.f.vmApp[x]!]! - this.size[this.f.vmApp[y]!]! || x - y;
  }

  // The used host (not a target) where `v` fits most tightly: least squared room left.
  protected bestHost(v: number): number {
    const { s, f } = this;
    const d = f.vmApp[v]! * RESOURCES;
    let best = -1;
    let bestRoom = Infinity;
    for (let h = 0; h < f.hosts.length; h++) {
      if (h === this.target || h === this.target2 || s.hostVmCount[h] === 0) continue;
      const o = h * RESOURCES;
      let room = 0;
      for (let r = 0; r < RESOURCES && room < bestRoom; r++) {
        const left = (s.free[o + r]! - f.demand[d + r]!) * f.invCap[o + r]!;
        room = left < -1e-9 ? Infinity : room + left * left;
      }
      if (room >= bestRoom || !fitsWithout(s, v, h, -1, -1, this.softBefore[v]!)) continue;
      best = h;
      bestRoom = room;
    }
    return best;
  }

  /**
   * Refills used host `h` from the pool (see repack-refill.ts), looking at `nodes` subsets at most;
   * returns the subsets looked at (the caller's work count) and whether the host changed. Every VM
   * that goes there passes the rule checks; when one does not, the host keeps what it held.
   */
  protected refill(h: number, nodes: number): { changed: boolean; visited: number } {
    const { s, f } = this;
    const list = this.onHost[h]!;
    const room = s.free.slice(h * RESOURCES, h * RESOURCES + RESOURCES);
    let beat = 0;
    for (const v of list) {
      const a = f.vmApp[v]!;
      beat += this.size[a]!;
      for (let r = 0; r < RESOURCES; r++) room[r]! += f.demand[a * RESOURCES + r]!;
    }
    const vms = [...list, ...this.pool];
    const apps = vms.map((v) => f.vmApp[v]!);
    const { set, visited } = bestRefill({
      vms,
      apps,
      demand: f.demand,
      size: this.size,
      room,
      beat,
      nodes,
    });
    if (set === null) return { changed: false, visited };
    const stays = new Set(set);
    const leaving = list.filter((v) => !stays.has(v));
    const entering = set.filter((v) => s.vmHost[v] !== h);
    for (const v of leaving) this.take(v);
    let placed = 0;
    for (; placed < entering.length; placed++) {
      const v = entering[placed]!;
      if (!fitsWithout(s, v, h, -1, -1, this.softBefore[v]!)) break;
      this.pool.splice(this.pool.indexOf(v), 1);
      this.put(v, h);
    }
    if (placed === entering.length) {
      for (const v of leaving) this.softBefore[v] = softConflicts(s, v, h);
      return { changed: true, visited };
    }
    // A rule refused one: the host goes back to what it held.
    for (const v of entering.slice(0, placed)) {
      this.drop(v, h);
      this.pool.push(v);
    }
    for (const v of leaving) {
      this.pool.splice(this.pool.indexOf(v), 1);
      this.put(v, h);
    }
    return { changed: false, visited };
  }

  // Takes VM `v` off its host into the pool (the caller notes its soft conflicts there).
  protected take(v: number): void {
    const h = this.s.vmHost[v]!;
    if (this.before[v] === -1) {
      this.before[v] = h;
      this.touched.push(v);
    }
    this.drop(v, h);
    this.pool.push(v);
  }

  protected put(v: number, h: number): void {
    this.s.assign(v, h);
    const list = this.onHost[h]!;
    let i = list.length;
    while (i > 0 && this.cmp(list[i - 1]!, v) > 0) i--;
    list.splice(i, 0, v);
  }

  // Takes VM `v` off host `h` (its host), not into the pool.
  protected drop(v: number, h: number): void {
    const list = this.onHost[h]!;
    list.splice(list.indexOf(v), 1);
    this.s.unassign(v);
  }

  // The attempt on host `t` succeeded: the VMs it moved note `t`, and it cannot be undone.
  protected commit(t: number): void {
    for (const v of this.touched) {
      if (this.s.vmHost[v] !== this.before[v]) this.emptiedFrom[v] = t;
      this.before[v] = -1;
    }
    this.touched.length = 0;
  }

  // Puts every VM touched by the failed attempt back where it was.
  protected undo(): void {
    const s = this.s;
    for (const v of this.touched) {
      const h = s.vmHost[v]!;
      if (h >= 0) this.drop(v, h);
    }
    for (const v of this.touched) {
      this.put(v, this.before[v]!);
      this.before[v] = -1;
    }
    this.touched.length = 0;
    this.pool = [];
  }
}
