/**
 * A lower bound from VMs that pairwise cannot share a host (identical hosts only): two VMs
 * conflict when, in some resource, they need more than a host has. A set of VMs that all conflict
 * (a clique) needs one host each. (What the other VMs need beyond the clique's leftover room adds
 * nothing: that is the capacity bound again.) Per resource alone (the L2 bound) a VM large in CPU
 * and one large in memory may share a host, so on two-dimensional mixes (Caprara & Toth's classes
 * 2 and 3) this one is often higher. Finding the largest clique is hard, so a greedy one is built from a few
 * starts in a few orders; any clique gives a valid bound, so a smaller one only weakens it.
 */
import { RESOURCES, type CompiledInput } from './compiled-input';

/** Starts tried per order: the largest VMs in it. */
const STARTS = 8;
/** Relative slack: a pair that exactly fills a host does not conflict. */
const SLACK = 1e-9;

/** The bound for the placed VMs (`vmHost[v] >= 0`) on hosts all shaped like host `h0`. */
export function cliqueBound(f: CompiledInput, vmHost: Int32Array, h0: number): number {
  const { rel, D, n } = relativeSizes(f, vmHost, h0);
  if (n === 0) return 0;
  const conflict = (i: number, j: number): boolean => {
    for (let k = 0; k < D; k++) if (rel[i * D + k]! + rel[j * D + k]! > 1 + SLACK) return true;
    return false;
  };
  // Orders: largest resource first, sum first, then each resource alone; ties by index.
  const keys: ((i: number) => number)[] = [
    (i) => Math.max(...rel.slice(i * D, i * D + D)),
    (i) => rel.slice(i * D, i * D + D).reduce((s, x) => s + x, 0),
    ...Array.from({ length: D }, (_, k) => (i: number) => rel[i * D + k]!),
  ];
  let best = 0;
  const clique: number[] = [];
  for (const key of keys) {
    const by = Float64Array.from({ length: n }, (_, i) => key(i));
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => by[y]! - by[x]! || x - y);
    for (let s = 0; s < Math.min(STARTS, n); s++) {
      clique.length = 0;
      clique.push(order[s]!);
      for (const i of order) {
        if (i !== order[s] && clique.every((c) => conflict(c, i))) clique.push(i);
      }
      best = Math.max(best, clique.length);
    }
  }
  return best;
}

/**
 * The placed VMs' needs as fractions of host `h0`, `rel[i * D + k]` for the i-th placed VM and the
 * k-th resource the host tracks.
 */
export function relativeSizes(
  f: CompiledInput,
  vmHost: Int32Array,
  h0: number,
): { rel: Float64Array; D: number; n: number } {
  const dims: number[] = [];
  for (let r = 0; r < RESOURCES; r++) if (f.invCap[h0 * RESOURCES + r]! > 0) dims.push(r);
  const D = dims.length;
  const rel: number[] = [];
  for (let v = 0; v < vmHost.length; v++) {
    if (vmHost[v]! < 0) continue;
    for (const r of dims) {
      rel.push(f.demand[f.vmApp[v]! * RESOURCES + r]! * f.invCap[h0 * RESOURCES + r]!);
    }
  }
  return { rel: Float64Array.from(rel), D, n: D === 0 ? 0 : rel.length / D };
}
