/**
 * Soft preferences as one number per (VM, host), higher is better. Soft rules weigh 2, more than
 * the whole capacity criterion (0..1) and the in-use bonus (1), so that a soft rule is broken only
 * when no host honours it, never to save a host or a little headroom.
 */
import * as fleet from './compiled-input';
import type { PlacementState } from './state';

// Local copies of imported values: transpilers (tsx, vite-node) turn each use of an imported
// binding into a getter call, which costs more than a whole host check in the hot loop.
const { RESOURCES, SPREAD_HOST, SPREAD_ZONE } = fleet;

/** Weight of one soft spread conflict (negative) and of a soft co-location (positive). */
export const SOFT_WEIGHT = 2;
/** Pack mode's bonus for a host that already runs VMs. */
export const IN_USE_WEIGHT = 1;

/** Slots of the `criteria` buffer filled by {@link scoreHost}. */
export const S_CAPACITY = 0;
export const S_IN_USE = 1;
export const S_SPREAD = 2;
export const S_COLOCATE = 3;

/**
 * Score of VM `v` on host `h` (assumed feasible, VM not on a host), in the fleet's mode.
 * When `criteria` is given, the four criteria are written to it (see `CriterionScores`).
 */
export function scoreHost(
  s: PlacementState,
  v: number,
  h: number,
  pack: boolean,
  criteria: Float64Array | null,
): number {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const o = h * RESOURCES;
  const d = a * RESOURCES;
  let capacity: number;
  let inUse = 0;
  if (pack) {
    // Best fit by L2 norm of what stays free (Panigrahy et al.): beats first-fit-decreasing.
    let sq = 0;
    for (let r = 0; r < RESOURCES; r++) {
      const inv = f.invCap[o + r]!;
      if (inv === 0) continue;
      const rem = (s.free[o + r]! - f.demand[d + r]!) * inv;
      sq += rem * rem;
    }
    capacity = 1 - sq / RESOURCES;
    if (s.hostVmCount[h]! > 0) inUse = IN_USE_WEIGHT;
  } else {
    capacity = 1;
    for (let r = 0; r < RESOURCES; r++) {
      const inv = f.invCap[o + r]!;
      if (inv === 0) continue;
      const rem = (s.free[o + r]! - f.demand[d + r]!) * inv;
      if (rem < capacity) capacity = rem;
    }
  }
  let spread = 0;
  if (f.spreadHard[a] === 0) {
    const sc = f.spreadScope[a];
    if (sc === SPREAD_HOST) spread = -SOFT_WEIGHT * s.hostCount[a]![h]!;
    else if (sc === SPREAD_ZONE) spread = -SOFT_WEIGHT * s.zoneCount[a]![f.hostZone[h]!]!;
  }
  let colocate = 0;
  const p = f.colocateWith[a]!;
  if (p >= 0 && f.colocateHard[a] === 0 && s.hostCount[p]![h]! > 0) colocate = SOFT_WEIGHT;
  if (criteria !== null) {
    criteria[S_CAPACITY] = capacity;
    criteria[S_IN_USE] = inUse;
    criteria[S_SPREAD] = spread;
    criteria[S_COLOCATE] = colocate;
  }
  return capacity + inUse + spread + colocate;
}

/** Smallest free fraction over the tracked resources of host `h` (1 = empty, < 0 = overloaded). */
export function headroomOf(s: PlacementState, h: number): number {
  const f = s.fleet;
  let min = 1;
  for (let r = 0; r < RESOURCES; r++) {
    const inv = f.invCap[h * RESOURCES + r]!;
    if (inv === 0) continue;
    const frac = s.free[h * RESOURCES + r]! * inv;
    if (frac < min) min = frac;
  }
  return min;
}
