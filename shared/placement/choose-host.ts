/**
 * The hot loop: scan every host once for one VM, drop those that break a hard rule, keep the best
 * few by score. Flat typed arrays, no closures and no allocation: 10,000 VMs × 1,000 hosts is ten
 * million iterations, so each must cost a few nanoseconds.
 */
import { CPU, DISK, MEMORY, RESOURCES, SPREAD_HOST, SPREAD_ZONE, UP } from './fleet';
import { EPS, noPath } from './rules';
import { scoreHost } from './score';
import type { PlacementState } from './state';

/** The chosen host and runners-up kept per decision. */
export const TOP = 4;

/** Reusable result buffer of {@link chooseHost}: best hosts first. */
export class Choice {
  readonly hosts = new Int32Array(TOP);
  readonly scores = new Float64Array(TOP);
  /** Entries filled in `hosts` / `scores`. */
  count = 0;
  /** Hosts that passed every hard rule. */
  feasible = 0;
}

/**
 * Best host for VM `v` (not on a host now), or -1 when every host breaks a hard rule.
 * `source` is the host the VM leaves (for migration paths), -1 for a new VM.
 * `accept`, when given, vetoes hosts after the hard rules (rebalance uses it).
 */
export function chooseHost(
  s: PlacementState,
  v: number,
  source: number,
  out: Choice,
  accept: ((h: number, score: number) => boolean) | null = null,
): number {
  const f = s.fleet;
  const H = f.hosts.length;
  const a = f.vmApp[v]!;
  const d = a * RESOURCES;
  const dCpu = f.demand[d + CPU]! - EPS;
  const dMem = f.demand[d + MEMORY]! - EPS;
  const dDisk = f.demand[d + DISK]! - EPS;
  const el = f.eligible[a] ?? null;
  const hard = f.spreadHard[a] === 1;
  const hostCnt = hard && f.spreadScope[a] === SPREAD_HOST ? s.hostCount[a]! : null;
  const zoneCnt = hard && f.spreadScope[a] === SPREAD_ZONE ? s.zoneCount[a]! : null;
  const p = f.colocateWith[a]!;
  const partner = p >= 0 && f.colocateHard[a] === 1 ? s.hostCount[p]! : null;
  const checkPath = f.blocked !== null && source >= 0;
  const pack = f.mode === 'pack';
  const free = s.free;
  const state = f.hostState;
  const closed = s.closed;
  const zone = f.hostZone;
  out.count = 0;
  out.feasible = 0;
  for (let h = 0; h < H; h++) {
    if (state[h] !== UP || closed[h] === 1) continue;
    if (el !== null && el[h] === 0) continue;
    const o = h * RESOURCES;
    if (free[o + MEMORY]! < dMem || free[o + CPU]! < dCpu || free[o + DISK]! < dDisk) continue;
    if (hostCnt !== null && hostCnt[h]! > 0) continue;
    if (zoneCnt !== null && zoneCnt[zone[h]!]! > 0) continue;
    if (partner !== null && partner[h] === 0) continue;
    if (checkPath && noPath(s, source, h)) continue;
    const score = scoreHost(s, v, h, pack, null);
    if (accept !== null && !accept(h, score)) continue;
    out.feasible++;
    insert(out, h, score);
  }
  return out.count > 0 ? out.hosts[0]! : -1;
}

// Keeps the TOP best, ties to the lower host index (hosts arrive in index order): deterministic.
function insert(out: Choice, h: number, score: number): void {
  let i = out.count < TOP ? out.count : TOP;
  if (i === TOP && !(score > out.scores[TOP - 1]!)) return;
  if (i === TOP) i = TOP - 1;
  while (i > 0 && score > out.scores[i - 1]!) {
    out.hosts[i] = out.hosts[i - 1]!;
    out.scores[i] = out.scores[i - 1]!;
    i--;
  }
  out.hosts[i] = h;
  out.scores[i] = score;
  if (out.count < TOP) out.count++;
}
