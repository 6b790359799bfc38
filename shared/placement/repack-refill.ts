/**
 * The refill of one host, a move of pack mode's tabu search (repack-tabu.ts; the "descent" of
 * Buljubašić & Vasquez's consistent neighbourhood search): of the host's movable VMs and the pooled
 * ones, the set that fits the host and is largest in all (by the phase's weighted size) stays there,
 * the rest goes to the pool. It is kept only when it is larger than what the host held, so the pool
 * shrinks with each refill and refills alone never cycle. Swaps of one VM for one or two (the
 * search's other move) cannot put two pooled VMs on a host at once, nor trade three small VMs for
 * two larger ones: on classes where every host must be almost exactly full in both resources
 * (Caprara & Toth's class 9), that is the move that fills them.
 *
 * This module finds the set by depth-first search over subsets, bounded by a count of nodes; the
 * caller applies it (and checks every rule as it does).
 */
import * as fleet from './compiled-input';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES } = fleet;

/** Relative slack, as in the rule checks: a set that exactly fills the host fits. */
const EPS = 1e-9;

export interface RefillQuery {
  /** Candidate VMs: the host's movable ones first, then pooled ones, each with its application. */
  vms: readonly number[];
  apps: readonly number[];
  /** Demand per application, RESOURCES each (CompiledInput.demand). */
  demand: Float64Array;
  /** The phase's size per application. */
  size: Float64Array;
  /** Room for the candidates: the host's free capacity plus its movable VMs' demand. */
  room: Float64Array;
  /** The size the set must beat: the host's movable VMs together. */
  beat: number;
  /** Nodes the search may visit. */
  nodes: number;
}

/** The best set found (VM indices), or null when none beats `beat`; and the nodes visited. */
export function bestRefill(q: RefillQuery): { set: number[] | null; visited: number } {
  const n = q.vms.length;
  // Largest first, so a full set is found early and the size bound cuts the rest.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => q.size[q.apps[y]!]! - q.size[q.apps[x]!]! || q.vms[x]! - q.vms[y]!,
  );
  const suffix = new Float64Array(n + 1);
  for (let p = n - 1; p >= 0; p--) suffix[p] = suffix[p + 1]! + q.size[q.apps[order[p]!]!]!;
  const room = q.room.slice();
  const chosen: number[] = [];
  let best = q.beat + 1e-9;
  let set: number[] | null = null;
  let visited = 0;
  const search = (from: number, total: number): void => {
    if (total > best) {
      best = total;
      set = chosen.map((i) => q.vms[i]!);
    }
    for (let p = from; p < n; p++) {
      if (visited >= q.nodes || total + suffix[p]! <= best) return;
      visited++;
      const i = order[p]!;
      const d = q.apps[i]! * RESOURCES;
      let fits = true;
      for (let r = 0; r < RESOURCES && fits; r++) fits = q.demand[d + r]! <= room[r]! + EPS;
      if (!fits) continue;
      for (let r = 0; r < RESOURCES; r++) room[r]! -= q.demand[d + r]!;
      chosen.push(i);
      search(p + 1, total + q.size[q.apps[i]!]!);
      chosen.pop();
      for (let r = 0; r < RESOURCES; r++) room[r]! += q.demand[d + r]!;
    }
  };
  search(0, 0);
  return { set, visited };
}
