/**
 * The hard rules, one host at a time. `firstRefusal` is the what-if fast path (no allocation);
 * `refusalMask` lists every broken rule, for explanations and suggestions. Both assume the VM is
 * not on a host at the moment of the check (callers take it off first).
 */
import * as fleet from './compiled-input';
import * as codes from './refusal-codes';
import type { PlacementState } from './state';

// Local copies of imported values: transpilers (tsx, vite-node) turn each use of an imported
// binding into a getter call, which costs more than a whole host check in the hot loop.
const { CPU, DISK, DOWN, MAINTENANCE, MEMORY, RESOURCES, SPREAD_HOST, SPREAD_ZONE } = fleet;
const { OK, R_DOWN, R_MAINTENANCE, R_EVACUATING, R_HYPERVISOR, R_LABEL, R_NO_PATH } = codes;
const { R_SPREAD_HOST, R_SPREAD_ZONE, R_COLOCATE, R_MEMORY, R_CPU, R_DISK, bit } = codes;

/** Tolerance for float sums of capacities (overcommit ratios make fractions). */
export const EPS = 1e-9;

/**
 * First hard rule VM `v` breaks on host `h`, or `OK`. `source` is the host it would leave
 * (-1 for a new VM): a live migration needs a path from it, unless it is down (a restart).
 */
export function firstRefusal(s: PlacementState, v: number, h: number, source: number): number {
  const f = s.fleet;
  const st = f.hostState[h]!;
  if (st === DOWN) return R_DOWN;
  if (st === MAINTENANCE) return R_MAINTENANCE;
  if (s.closed[h] === 1) return R_EVACUATING;
  const a = f.vmApp[v]!;
  const el = f.eligible[a];
  if (el && el[h] === 0) return hypervisorFits(s, a, h) ? R_LABEL : R_HYPERVISOR;
  if (noPath(s, source, h)) return R_NO_PATH;
  const rule = ruleRefusal(s, a, h);
  if (rule !== OK) return rule;
  const o = h * RESOURCES;
  const d = a * RESOURCES;
  if (s.free[o + MEMORY]! < f.demand[d + MEMORY]! - EPS) return R_MEMORY;
  if (s.free[o + CPU]! < f.demand[d + CPU]! - EPS) return R_CPU;
  if (s.free[o + DISK]! < f.demand[d + DISK]! - EPS) return R_DISK;
  return OK;
}

/** Every hard rule VM `v` breaks on host `h`, as a mask of `bit(code)`. */
export function refusalMask(s: PlacementState, v: number, h: number, source: number): number {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  let m = 0;
  const st = f.hostState[h]!;
  if (st === DOWN) m |= bit(R_DOWN);
  if (st === MAINTENANCE) m |= bit(R_MAINTENANCE);
  if (s.closed[h] === 1) m |= bit(R_EVACUATING);
  if (!hypervisorFits(s, a, h)) m |= bit(R_HYPERVISOR);
  if (!labelsFit(s, a, h)) m |= bit(R_LABEL);
  if (noPath(s, source, h)) m |= bit(R_NO_PATH);
  const sc = f.spreadScope[a]!;
  if (f.spreadHard[a] === 1 && sc === SPREAD_HOST && s.hostCount[a]![h]! > 0) {
    m |= bit(R_SPREAD_HOST);
  }
  if (f.spreadHard[a] === 1 && sc === SPREAD_ZONE && s.zoneCount[a]![f.hostZone[h]!]! > 0) {
    m |= bit(R_SPREAD_ZONE);
  }
  const p = f.colocateWith[a]!;
  if (p >= 0 && f.colocateHard[a] === 1 && s.hostCount[p]![h] === 0) m |= bit(R_COLOCATE);
  for (let r = 0; r < RESOURCES; r++) {
    if (shortBy(s, a, h, r) > 0) m |= bit(RESOURCE_CODE[r]!);
  }
  return m;
}

/** Resource index → refusal code. */
export const RESOURCE_CODE: readonly number[] = [R_CPU, R_MEMORY, R_DISK];

/** How much of resource `r` host `h` lacks for one VM of application `a` (0 when it fits). */
export function shortBy(s: PlacementState, a: number, h: number, r: number): number {
  const short = s.fleet.demand[a * RESOURCES + r]! - s.free[h * RESOURCES + r]!;
  return short > EPS ? short : 0;
}

function ruleRefusal(s: PlacementState, a: number, h: number): number {
  const f = s.fleet;
  if (f.spreadHard[a] === 1) {
    const sc = f.spreadScope[a];
    if (sc === SPREAD_HOST && s.hostCount[a]![h]! > 0) return R_SPREAD_HOST;
    if (sc === SPREAD_ZONE && s.zoneCount[a]![f.hostZone[h]!]! > 0) return R_SPREAD_ZONE;
  }
  const p = f.colocateWith[a]!;
  if (p >= 0 && f.colocateHard[a] === 1 && s.hostCount[p]![h] === 0) return R_COLOCATE;
  return OK;
}

/** True when a move from `source` to `h` needs a live migration and the pair has no path. */
export function noPath(s: PlacementState, source: number, h: number): boolean {
  const f = s.fleet;
  if (f.blocked === null || source < 0 || source === h || f.hostState[source] === DOWN)
    return false;
  return f.blocked.has(source * f.hosts.length + h);
}

function hypervisorFits(s: PlacementState, a: number, h: number): boolean {
  const want = s.fleet.apps[a]?.hypervisor;
  return want === undefined || s.fleet.hosts[h]?.hypervisor === want;
}

function labelsFit(s: PlacementState, a: number, h: number): boolean {
  const labels = s.fleet.hosts[h]?.labels;
  const req = s.fleet.apps[a]?.requiredLabels ?? {};
  return Object.entries(req).every(([k, v]) => labels?.[k] === v);
}

/**
 * A VM on host `from` that must be co-located with VM `v`'s application and would have no partner
 * left there once `v` (already taken off) is gone; -1 when there is none.
 */
export function strandedBy(s: PlacementState, v: number, from: number): number {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  if (from < 0 || f.hardPartner[a] === 0 || s.hostCount[a]![from]! > 0) return -1;
  for (let w = 0; w < f.vmIds.length; w++) {
    if (s.vmHost[w] !== from) continue;
    const b = f.vmApp[w]!;
    if (f.colocateWith[b] === a && f.colocateHard[b] === 1) return w;
  }
  return -1;
}
