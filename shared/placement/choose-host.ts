/**
 * The hot loop: scan every host once for one VM, drop those that break a hard rule, keep the best
 * few by score. Flat typed arrays, no closures and no allocation: 10,000 VMs × 1,000 hosts is ten
 * million iterations, so each must cost a few nanoseconds.
 */
import * as fleet from './compiled-input';
import * as rules from './rules';
import * as score from './score';
import { EmptyRanks, type EmptyRank } from './empty-ranks';
import * as plain from './plain-scan';
import type { PlacementState } from './state';
import * as top from './top-hosts';

// Local copies of imported values: transpilers (tsx, vite-node) turn each use of an imported
// binding into a getter call, which costs more than a whole host check in the hot loop.
const { CPU, DISK, MEMORY, RESOURCES, SPREAD_HOST, SPREAD_ZONE, UP } = fleet;
const { EPS, noPath } = rules;
const { IN_USE_WEIGHT, SOFT_WEIGHT } = score;
const { PlainRun, USE_GENERAL_SCAN, choosePlain } = plain;
const { TopHosts, offer } = top;

export { TOP } from './top-hosts';

/** Reusable result buffer of {@link chooseHost}, with the memories its scans keep. */
export class Choice extends TopHosts {
  /** Pack mode's best empty hosts per VM shape (see empty-ranks.ts). */
  readonly empties = new EmptyRanks();
  /** The ranking kept for runs of rule-free VMs of one shape (see plain-scan.ts). */
  readonly run = new PlainRun();
}

/**
 * Best host for VM `v` (not on a host now), or -1 when every host breaks a hard rule.
 * `source` is the host the VM leaves (for migration paths), -1 for a new VM.
 * `accept`, when given, vetoes hosts after the hard rules (rebalance uses it).
 * The score is `scoreHost` inlined, same arithmetic in the same order, so totals agree exactly.
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
  const d0 = f.demand[d + CPU]!;
  const d1 = f.demand[d + MEMORY]!;
  const d2 = f.demand[d + DISK]!;
  const el = f.eligible[a] ?? null;
  const hard = f.spreadHard[a] === 1;
  const scope = f.spreadScope[a];
  const hostCnt = scope === SPREAD_HOST ? s.hostCount[a]! : null;
  const zoneCnt = scope === SPREAD_ZONE ? s.zoneCount[a]! : null;
  const p = f.colocateWith[a]!;
  const partner = p >= 0 ? s.hostCount[p]! : null;
  const partnerHard = f.colocateHard[a] === 1;
  const checkPath = f.blocked !== null && source >= 0;
  const pack = f.mode === 'pack';
  const { free, closed, hostVmCount } = s;
  const { hostState, hostZone, invCap } = f;
  const { byUse, usedCount } = s;
  const keep = out.keep;
  if (el === null && !hard && scope === 0 && partner === null && !checkPath && !accept) {
    const h = choosePlain(s, d0, d1, d2, out.run, out);
    if (h !== USE_GENERAL_SCAN) return h;
  }
  // An empty host's pack score depends only on its capacity when no zone or partner rule applies.
  const cacheable = pack && source < 0 && accept === null && zoneCnt === null && partner === null;
  let collect: EmptyRank | null = null;
  let emptiesSeen = 0;
  out.count = 0;
  for (let k = 0; k < H; k++) {
    if (k === usedCount && pack) {
      // An empty host scores at most 1 (no in-use bonus, no partner there), a used one that fits
      // and breaks no soft rule more than 1: once the kept ones all beat 1, skip the empties.
      if (out.count === keep && out.scores[keep - 1]! > EMPTY_MAX) break;
      if (cacheable) {
        const rank = out.empties.of(f.shapeOf[a]!);
        if (rank.valid(s) && rank.serve(s, out)) break;
        rank.reset(s);
        collect = rank;
      }
    }
    const h = byUse[k]!;
    if (hostState[h] !== UP || closed[h] === 1) continue;
    if (el !== null && el[h] === 0) continue;
    const o = h * RESOURCES;
    const f0 = free[o]! - d0;
    const f1 = free[o + 1]! - d1;
    const f2 = free[o + 2]! - d2;
    if (f0 < -EPS || f1 < -EPS || f2 < -EPS) continue;
    const sameHost = hostCnt === null ? 0 : hostCnt[h]!;
    const sameZone = zoneCnt === null ? 0 : zoneCnt[hostZone[h]!]!;
    const partners = partner === null ? 1 : partner[h]!;
    if (hard && (sameHost > 0 || sameZone > 0)) continue;
    if (partnerHard && partners === 0) continue;
    if (checkPath && noPath(s, source, h)) continue;
    const r0 = f0 * invCap[o]!;
    const r1 = f1 * invCap[o + 1]!;
    const r2 = f2 * invCap[o + 2]!;
    let score: number;
    if (pack) {
      score = 1 - (r0 * r0 + r1 * r1 + r2 * r2) / RESOURCES;
      score += hostVmCount[h]! > 0 ? IN_USE_WEIGHT : 0;
    } else {
      let c = 1;
      if (r0 < c) c = r0;
      if (r1 < c) c = r1;
      if (r2 < c && invCap[o + 2] !== 0) c = r2;
      score = c + 0;
    }
    if (!hard) score += -SOFT_WEIGHT * (sameHost + sameZone);
    if (!partnerHard && partner !== null && partners > 0) score += SOFT_WEIGHT;
    if (accept !== null && !accept(h, score)) continue;
    offer(out, h, score);
    if (collect !== null) {
      offer(collect.best, h, score);
      emptiesSeen++;
    }
  }
  if (collect !== null) collect.complete = emptiesSeen <= collect.best.keep;
  return out.count > 0 ? out.hosts[0]! : -1;
}

/** Highest score an empty host can get in pack mode. */
const EMPTY_MAX = 1;
