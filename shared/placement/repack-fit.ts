/**
 * The rule checks of pack mode's improvement phase (repack.ts), reading the state without changing
 * it: may VM `v` (on no host now) go to host `h`, possibly in place of VM `q` (still there)? Every
 * hard rule the engine keeps is checked here; soft rules may not get worse than where the VM was,
 * because the engine never breaks a soft rule to save a host.
 */
import * as fleet from './compiled-input';
import * as rules from './rules';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES, SPREAD_HOST, SPREAD_ZONE, UP } = fleet;
const { EPS } = rules;

/**
 * True when VM `v` may go to host `h` once VMs `q` and `w` (on `h`, or -1 for none) have left it: host up
 * and open, labels and hypervisor, hard spread, hard co-location, capacity; and the VM's soft
 * conflicts there no more than `softBefore` allows (see {@link softConflicts}). New VMs only: no
 * migration path is involved.
 */
export function fitsWithout(
  s: PlacementState,
  v: number,
  h: number,
  q: number,
  w: number,
  softBefore: number,
): boolean {
  const f = s.fleet;
  if (f.hostState[h] !== UP || s.closed[h] === 1) return false;
  const a = f.vmApp[v]!;
  const el = f.eligible[a];
  if (el && el[h] === 0) return false;
  const aq = q >= 0 ? f.vmApp[q]! : -1;
  const aw = w >= 0 ? f.vmApp[w]! : -1;
  const o = h * RESOURCES;
  for (let r = 0; r < RESOURCES; r++) {
    let back = aq >= 0 ? f.demand[aq * RESOURCES + r]! : 0;
    if (aw >= 0) back += f.demand[aw * RESOURCES + r]!;
    if (s.free[o + r]! + back < f.demand[a * RESOURCES + r]! - EPS) return false;
  }
  const same = sameCount(s, a, h) - (aq === a ? 1 : 0) - (aw === a ? 1 : 0);
  if (f.spreadHard[a] === 1 && same > 0) return false;
  const p = f.colocateWith[a]!;
  // Partners never move (see movableVms), so none leaves with `q` or `w`.
  const partners = p >= 0 ? s.hostCount[p]![h]! : 1;
  if (f.colocateHard[a] === 1 && partners === 0) return false;
  return softOf(f, a, same, partners) <= softBefore;
}

/**
 * How badly VM `v` (on no host now) would break its soft rules on host `h`: same-application VMs
 * there under a soft spread rule, plus one when a soft co-location partner is missing. A move
 * is allowed only where this is no higher than where the VM was.
 */
export function softConflicts(s: PlacementState, v: number, h: number): number {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const p = f.colocateWith[a]!;
  const partners = p >= 0 ? s.hostCount[p]![h]! : 1;
  return softOf(f, a, sameCount(s, a, h), partners);
}

function softOf(f: fleet.CompiledInput, a: number, same: number, partners: number): number {
  let n = f.spreadHard[a] === 0 ? same : 0;
  if (f.colocateWith[a]! >= 0 && f.colocateHard[a] === 0 && partners === 0) n++;
  return n;
}

// VMs of application `a` on host `h` (or in its zone) counted by its spread rule; 0 without one.
function sameCount(s: PlacementState, a: number, h: number): number {
  const scope = s.fleet.spreadScope[a];
  if (scope === SPREAD_HOST) return s.hostCount[a]![h]!;
  if (scope === SPREAD_ZONE) return s.zoneCount[a]![s.fleet.hostZone[h]!]!;
  return 0;
}
