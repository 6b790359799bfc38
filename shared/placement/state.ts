/**
 * The mutable side of a decision: where each VM is, what each host has free, and how many VMs of
 * each tracked application sit on each host and zone. Every operation works on one of these.
 */
import { RESOURCES, SPREAD_ZONE, type Fleet } from './fleet';

/** Where VMs are and what is left; `assign` / `unassign` keep every counter in step. */
export class PlacementState {
  /** Free capacity, `RESOURCES` per host (Infinity for an untracked resource). */
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

  constructor(
    readonly fleet: Fleet,
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
    for (let v = 0; v < hosts.length; v++) {
      const h = hosts[v] ?? -1;
      if (h >= 0) this.assign(v, h);
    }
  }

  /** Puts VM `v` on host `h` (which must not already hold it). */
  assign(v: number, h: number): void {
    const f = this.fleet;
    const a = f.vmApp[v]!;
    this.vmHost[v] = h;
    for (let r = 0; r < RESOURCES; r++) {
      this.free[h * RESOURCES + r]! -= f.demand[a * RESOURCES + r]!;
    }
    this.hostVmCount[h]!++;
    this.bump(a, h, 1);
  }

  /** Takes VM `v` off its host; returns the host it was on (-1 when it was unplaced). */
  unassign(v: number): number {
    const h = this.vmHost[v] ?? -1;
    if (h < 0) return -1;
    const f = this.fleet;
    const a = f.vmApp[v]!;
    this.vmHost[v] = -1;
    for (let r = 0; r < RESOURCES; r++) {
      this.free[h * RESOURCES + r]! += f.demand[a * RESOURCES + r]!;
    }
    this.hostVmCount[h]!--;
    this.bump(a, h, -1);
    return h;
  }

  /** VMs on host `h`, in VM index order (a scan: not for hot paths). */
  vmsOn(h: number): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.vmHost.length; v++) if (this.vmHost[v] === h) out.push(v);
    return out;
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
