/**
 * The mutable side of a decision: where each VM is, what each host has free, and how many VMs of
 * each tracked application sit on each host and zone. Every operation works on one of these.
 */
import * as fleet from './compiled-input';
import type { CompiledInput } from './compiled-input';

// Local copies of imported values: transpilers (tsx, vite-node) turn each use of an imported
// binding into a getter call, which costs more than a whole host check in the hot loop.
const { RESOURCES, SPREAD_ZONE } = fleet;

/** Where VMs are and what is left; `assign` / `unassign` keep every counter in step. */
export class PlacementState {
  /** Free capacity, `RESOURCES` per host (about `UNTRACKED` for an untracked resource). */
  readonly free: Float64Array;
  readonly hostVmCount: Int32Array;
  /** Host of each VM, -1 when unplaced. */
  readonly vmHost: Int32Array;
  /** VMs per host for tracked applications (spread rules, co-location partners). */
  readonly hostCount: readonly (Int32Array | null)[];
  /** VMs per zone for applications with a zone spread rule. */
  readonly zoneCount: readonly (Int32Array | null)[];
  /** Hosts that receive nothing in the current operation (being evacuated). */
  readonly closed: Uint8Array;
  /** Every host once: those running VMs in `[0, usedCount)`, the empty ones after. */
  readonly byUse: Int32Array;
  /** Number of hosts running at least one VM. */
  usedCount = 0;
  /** Times a host became empty: caches of "the best empty hosts" are stale when it changes. */
  emptiedCount = 0;
  /** Number of assign / unassign calls so far, and the host of the last call if it was an assign. */
  version = 0;
  lastAssigned = -1;
  private readonly slot: Int32Array;

  constructor(
    readonly fleet: CompiledInput,
    hosts: Int32Array = fleet.vmInitialHost,
  ) {
    const H = fleet.hosts.length;
    this.free = fleet.cap.slice();
    this.hostVmCount = new Int32Array(H);
    this.vmHost = new Int32Array(hosts.length).fill(-1);
    this.hostCount = fleet.apps.map((_, a) => (fleet.tracked[a] === 1 ? new Int32Array(H) : null));
    this.zoneCount = fleet.apps.map((_, a) =>
      fleet.spreadScope[a] === SPREAD_ZONE ? new Int32Array(fleet.zoneCount) : null,
    );
    this.closed = new Uint8Array(H);
    this.byUse = new Int32Array(H);
    this.slot = new Int32Array(H);
    for (let h = 0; h < H; h++) this.byUse[h] = this.slot[h] = h;
    for (let v = 0; v < hosts.length; v++) {
      const h = hosts[v] ?? -1;
      if (h >= 0) this.assign(v, h);
    }
  }

  /** Puts VM `v` on host `h` (which must not already hold it). */
  assign(v: number, h: number): void {
    const f = this.fleet;
    const a = f.vmApp[v]!;
    this.version++;
    this.lastAssigned = h;
    this.vmHost[v] = h;
    for (let r = 0; r < RESOURCES; r++) {
      this.free[h * RESOURCES + r]! -= f.demand[a * RESOURCES + r]!;
    }
    if (this.hostVmCount[h]!++ === 0) this.swap(h, this.usedCount++);
    this.bump(a, h, 1);
  }

  /** Takes VM `v` off its host; returns the host it was on (-1 when it was unplaced). */
  unassign(v: number): number {
    const h = this.vmHost[v] ?? -1;
    if (h < 0) return -1;
    const f = this.fleet;
    const a = f.vmApp[v]!;
    this.version++;
    this.lastAssigned = -1;
    this.vmHost[v] = -1;
    for (let r = 0; r < RESOURCES; r++) {
      this.free[h * RESOURCES + r]! += f.demand[a * RESOURCES + r]!;
    }
    if (--this.hostVmCount[h]! === 0) {
      this.swap(h, --this.usedCount);
      this.emptiedCount++;
    }
    this.bump(a, h, -1);
    return h;
  }

  /** VMs on host `h`, in VM index order (a scan: not for hot paths). */
  vmsOn(h: number): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.vmHost.length; v++) if (this.vmHost[v] === h) out.push(v);
    return out;
  }

  // Moves host `h` to position `to` of `byUse` (O(1): the order inside each part is irrelevant).
  private swap(h: number, to: number): void {
    const from = this.slot[h]!;
    const other = this.byUse[to]!;
    this.byUse[from] = other;
    this.slot[other] = from;
    this.byUse[to] = h;
    this.slot[h] = to;
  }

  private bump(a: number, h: number, by: number): void {
    const hc = this.hostCount[a];
    if (hc) hc[h]! += by;
    const zc = this.zoneCount[a];
    if (zc) {
      zc[this.fleet.hostZone[h]!]! += by;
    }
  }
}
