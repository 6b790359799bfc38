/**
 * The scan for a VM with no rule (no labels, spread, co-location or migration path to check), most
 * VMs of a fleet. VMs come sorted by size, so the same VM shape arrives many times in a row, and
 * between two of them only the host that took the first one has changed. The scan therefore keeps
 * the RUN best hosts in order: every host outside that buffer ranks after its last entry, and a
 * placement only lowers a host's score, so after a placement on the best host only that host needs
 * scoring again. One full scan then serves a run of VMs. The choices are exactly those of a full
 * scan every time (same arithmetic as `scoreHost`, same tie-break to the lower index).
 */
import * as fleet from './compiled-input';
import * as rules from './rules';
import * as score from './score';
import type { PlacementState } from './state';
import * as top from './top-hosts';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES, UP } = fleet;
const { EPS } = rules;
const { IN_USE_WEIGHT } = score;
const { TopHosts, after, insert, offer, shift } = top;

/** What `choosePlain` returns when the caller should scan with its general loop. */
export const USE_GENERAL_SCAN = -2;

/** VMs of one shape in a row before pack mode starts a run (shuffled orders rarely repeat). */
const STREAK = 3;

/** Hosts remembered between two VMs of the same shape. */
export const RUN = 64;

/** The remembered ranking of one VM shape in one state. */
export class PlainRun {
  readonly best = new TopHosts(RUN);
  /** The buffer holds every host that fitted at the last full scan. */
  complete = false;
  private d0 = NaN;
  private d1 = NaN;
  private d2 = NaN;
  private state: PlacementState | null = null;
  private version = -1;
  private streak = 0;

  /** True when the last VM asked about in state `s` had this shape. */
  sameShape(s: PlacementState, d0: number, d1: number, d2: number): boolean {
    return this.state === s && this.d0 === d0 && this.d1 === d1 && this.d2 === d2;
  }

  /** True when the only change since the last answer is this shape's VM put on the best host. */
  continues(s: PlacementState, d0: number, d1: number, d2: number): boolean {
    return (
      this.sameShape(s, d0, d1, d2) &&
      s.version === this.version + 1 &&
      this.best.count > 0 &&
      s.lastAssigned === this.best.hosts[0]
    );
  }

  /** Records the state the buffer now describes. */
  seal(s: PlacementState, d0: number, d1: number, d2: number): void {
    [this.state, this.d0, this.d1, this.d2, this.version] = [s, d0, d1, d2, s.version];
  }

  /**
   * Records the shape only (a scan elsewhere answered); returns how many VMs of this shape came
   * in a row, this one included.
   */
  note(s: PlacementState, d0: number, d1: number, d2: number): number {
    this.streak = this.sameShape(s, d0, d1, d2) ? this.streak + 1 : 1;
    [this.state, this.d0, this.d1, this.d2, this.version] = [s, d0, d1, d2, -2];
    this.best.count = 0;
    return this.streak;
  }
}

/**
 * Best hosts for a rule-free VM of demand (d0, d1, d2), into `out`; returns the best or -1.
 * Returns `USE_GENERAL_SCAN` instead in pack mode until `STREAK` VMs of this shape came in a row:
 * pack's general scan stops after the used hosts, cheaper than a full scan serving one VM.
 */
export function choosePlain(
  s: PlacementState,
  d0: number,
  d1: number,
  d2: number,
  run: PlainRun,
  out: top.TopHosts,
): number {
  const pack = s.fleet.mode === 'pack';
  const best = run.best;
  if (run.continues(s, d0, d1, d2)) {
    const h = best.hosts[0]!;
    shift(best);
    const sc = plainScore(s, h, d0, d1, d2, pack);
    const last = best.count - 1;
    // Outside the buffer everything ranks after its last entry: h may re-enter only above it.
    if (
      sc === sc &&
      (run.complete || (last >= 0 && !after(sc, h, best.scores[last]!, best.hosts[last]!)))
    ) {
      insert(best, h, sc);
    }
    if (best.count < out.keep && !run.complete) fullScan(s, d0, d1, d2, pack, run);
  } else if (pack && run.note(s, d0, d1, d2) < STREAK) {
    return USE_GENERAL_SCAN;
  } else {
    fullScan(s, d0, d1, d2, pack, run);
  }
  run.seal(s, d0, d1, d2);
  out.count = Math.min(out.keep, best.count);
  for (let i = 0; i < out.count; i++) {
    out.hosts[i] = best.hosts[i]!;
    out.scores[i] = best.scores[i]!;
  }
  return out.count > 0 ? out.hosts[0]! : -1;
}

function fullScan(
  s: PlacementState,
  d0: number,
  d1: number,
  d2: number,
  pack: boolean,
  run: PlainRun,
) {
  const best = run.best;
  const H = s.fleet.hosts.length;
  let feasible = 0;
  best.count = 0;
  for (let h = 0; h < H; h++) {
    const sc = plainScore(s, h, d0, d1, d2, pack);
    if (sc !== sc) continue;
    feasible++;
    offer(best, h, sc);
  }
  run.complete = feasible <= RUN;
}

/** `scoreHost` for a rule-free VM, or NaN when host `h` is not up, closed or too small. */
function plainScore(
  s: PlacementState,
  h: number,
  d0: number,
  d1: number,
  d2: number,
  pack: boolean,
): number {
  const f = s.fleet;
  if (f.hostState[h] !== UP || s.closed[h] === 1) return NaN;
  const o = h * RESOURCES;
  const free = s.free;
  const inv = f.invCap;
  const f0 = free[o]! - d0;
  const f1 = free[o + 1]! - d1;
  const f2 = free[o + 2]! - d2;
  if (f0 < -EPS || f1 < -EPS || f2 < -EPS) return NaN;
  const r0 = f0 * inv[o]!;
  const r1 = f1 * inv[o + 1]!;
  const r2 = f2 * inv[o + 2]!;
  if (pack) {
    const sc = 1 - (r0 * r0 + r1 * r1 + r2 * r2) / RESOURCES;
    return sc + (s.hostVmCount[h]! > 0 ? IN_USE_WEIGHT : 0);
  }
  let c = 1;
  if (r0 < c) c = r0;
  if (r1 < c) c = r1;
  if (r2 < c && inv[o + 2] !== 0) c = r2;
  return c;
}
