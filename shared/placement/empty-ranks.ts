/**
 * Pack mode's memory of the best empty hosts per VM shape (demand and label requirements). An
 * empty host's score depends on nothing but its capacity (no VM there, so no rule bites), so a
 * ranking stays true while no host empties; hosts that got used since are dropped as they are met.
 * Everything outside the ranking ranks after its last entry, so its first still-empty entries are
 * the best empty hosts, without scanning the hundreds of empty hosts of a large fleet again.
 */
import type { PlacementState } from './state';
import * as top from './top-hosts';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { TopHosts, offer } = top;

/** Empty hosts remembered per shape. */
export const RANK_SIZE = 64;

/** The ranking of empty hosts for one VM shape. */
export class EmptyRank {
  readonly best = new TopHosts(RANK_SIZE);
  /** The ranking held every empty host that fitted when it was made. */
  complete = false;
  private state: PlacementState | null = null;
  private stamp = -1;

  /** True while no host has become empty in `s` since the ranking was made. */
  valid(s: PlacementState): boolean {
    return this.state === s && this.stamp === s.emptiedCount;
  }

  /** Empties the ranking, to be refilled by a scan of the empty hosts of `s`. */
  reset(s: PlacementState): void {
    this.state = s;
    this.stamp = s.emptiedCount;
    this.best.count = 0;
  }

  /**
   * Drops the ranked hosts that are in use now; then, if the ranking still names enough empty
   * hosts for `out` (or names them all), offers them to `out` and returns true.
   */
  serve(s: PlacementState, out: top.TopHosts): boolean {
    const b = this.best;
    let kept = 0;
    for (let i = 0; i < b.count; i++) {
      const h = b.hosts[i]!;
      if (s.hostVmCount[h] !== 0) continue;
      b.hosts[kept] = h;
      b.scores[kept++] = b.scores[i]!;
    }
    b.count = kept;
    if (kept < out.keep && !this.complete) return false;
    for (let i = 0; i < kept && i < out.keep; i++) offer(out, b.hosts[i]!, b.scores[i]!);
    return true;
  }
}

/** One ranking per VM shape, made on first use. */
export class EmptyRanks {
  private readonly ranks: EmptyRank[] = [];

  /** The ranking of shape `shape`. */
  of(shape: number): EmptyRank {
    let r = this.ranks[shape];
    if (r === undefined) this.ranks[shape] = r = new EmptyRank();
    return r;
  }
}
