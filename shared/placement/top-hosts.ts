/**
 * A small sorted buffer of the best hosts of a scan, best first. Equal scores go to the lower host
 * index whatever the scan order, which keeps every decision deterministic.
 */

/** The chosen host and runners-up kept per decision. */
export const TOP = 4;

/** The `keep` best hosts seen so far, best first. */
export class TopHosts {
  readonly hosts: Int32Array;
  readonly scores: Float64Array;
  /** Entries filled in `hosts` / `scores`. */
  count = 0;

  constructor(
    /** How many hosts to keep: 1 to decide, `TOP` to explain (runners-up). */
    readonly keep: number = TOP,
  ) {
    this.hosts = new Int32Array(keep);
    this.scores = new Float64Array(keep);
  }
}

/** True when (score, h) ranks after (s, x): lower score, or same score and higher index. */
export function after(score: number, h: number, s: number, x: number): boolean {
  return score < s || (score === s && h > x);
}

/** Keeps (h, score) if it is among the `keep` best so far. */
export function offer(out: TopHosts, h: number, score: number): void {
  const k = out.keep;
  if (out.count === k && after(score, h, out.scores[k - 1]!, out.hosts[k - 1]!)) return;
  insert(out, h, score);
}

/** Inserts (h, score) in order, dropping the last entry when full. */
export function insert(out: TopHosts, h: number, score: number): void {
  let i = out.count < out.keep ? out.count++ : out.keep - 1;
  while (i > 0 && !after(score, h, out.scores[i - 1]!, out.hosts[i - 1]!)) {
    out.hosts[i] = out.hosts[i - 1]!;
    out.scores[i] = out.scores[i - 1]!;
    i--;
  }
  out.hosts[i] = h;
  out.scores[i] = score;
}

/** Removes the best entry. */
export function shift(out: TopHosts): void {
  out.hosts.copyWithin(0, 1, out.count);
  out.scores.copyWithin(0, 1, out.count);
  out.count--;
}
