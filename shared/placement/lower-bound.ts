/**
 * A bound no plan can beat, the larger of two per resource, then the largest over resources:
 * - the fewest hosts whose capacities, largest first, add up to the total demand (with identical
 *   hosts, ⌈total demand / host capacity⌉);
 * - when every counted host has the same capacity in that resource, Martello & Toth's L2 bound
 *   of one-dimensional bin packing (VMs larger than half a host cannot share one; see
 *   {@link martelloTothL2}). Any plan is a packing of each resource alone, so both hold.
 * And, with identical hosts, a count: VMs per host are at most as many as the smallest VMs whose
 * sizes (each resource as a fraction of the host, summed) fit in the host's sum (one per resource);
 * and the VMs that pairwise cannot share a host (see lower-bound-clique.ts).
 */
import { RESOURCES, UNTRACKED, UP, type CompiledInput } from './compiled-input';
import { cliqueBound, relativeSizes } from './lower-bound-clique';
import { lpBound } from './lower-bound-lp';

/** Lower bound on hosts needed for the VMs with `vmHost[v] >= 0`, on up or already used hosts. */
export function lowerBound(f: CompiledInput, vmHost: Int32Array): number {
  const H = f.hosts.length;
  const used = new Uint8Array(H);
  for (let v = 0; v < vmHost.length; v++) if (vmHost[v]! >= 0) used[vmHost[v]!] = 1;
  const h0 = identicalHost(f, used);
  let bound = h0 < 0 ? 0 : Math.max(countBound(f, vmHost, h0), cliqueBound(f, vmHost, h0));
  for (let r = 0; r < RESOURCES; r++) {
    const caps: number[] = [];
    for (let h = 0; h < H; h++) {
      if (f.hostState[h] === UP || used[h] === 1) caps.push(f.cap[h * RESOURCES + r]!);
    }
    const sizes: number[] = [];
    for (let v = 0; v < vmHost.length; v++) {
      if (vmHost[v]! >= 0) sizes.push(f.demand[f.vmApp[v]! * RESOURCES + r]!);
    }
    bound = Math.max(bound, capacityBound(caps, sizes));
    const c = caps[0];
    if (c !== undefined && c < UNTRACKED && caps.every((x) => x === c)) {
      bound = Math.max(bound, martelloTothL2(sizes, c));
    }
  }
  return bound;
}

/**
 * The larger of {@link lowerBound} and, with identical hosts, the LP bound (lower-bound-lp.ts):
 * often stronger on two-dimensional mixes, but it costs up to seconds at a few hundred VMs, so
 * plans do not compute it; the pack-quality benchmark does.
 */
export function lowerBoundWithLp(f: CompiledInput, vmHost: Int32Array): number {
  const bound = lowerBound(f, vmHost);
  const used = new Uint8Array(f.hosts.length);
  for (let v = 0; v < vmHost.length; v++) if (vmHost[v]! >= 0) used[vmHost[v]!] = 1;
  const h0 = identicalHost(f, used);
  if (h0 < 0) return bound;
  const { rel, D, n } = relativeSizes(f, vmHost, h0);
  return Math.max(bound, lpBound(rel, D, n));
}

// The fewest hosts of `caps`, largest first, whose capacities add up to the sizes' total.
function capacityBound(caps: number[], sizes: number[]): number {
  caps.sort((x, y) => y - x);
  // 1e-9 relative slack: a demand that equals the capacity must not count one host extra.
  let left = sizes.reduce((s, x) => s + x, 0) * (1 - 1e-12) - 1e-9;
  let n = 0;
  while (left > 0 && n < caps.length) left -= caps[n++]!;
  return n;
}

/**
 * Martello & Toth's L2 bound for bins of capacity `c`: for each threshold k ≤ c/2, the items above
 * c − k each need a bin of their own, those in (c/2, c − k] too, and the items in [k, c/2] need
 * whatever their total exceeds the room left beside the second group. The best k wins.
 */
export function martelloTothL2(sizes: readonly number[], c: number): number {
  const eps = c * 1e-12;
  const half = c / 2;
  const ks = [0, ...new Set(sizes.filter((x) => x <= half + eps))].sort((x, y) => x - y);
  let best = 0;
  for (const k of ks) {
    let big = 0; // > c − k
    let mid = 0; // (c/2, c − k]
    let midSum = 0;
    let smallSum = 0; // [k, c/2]
    for (const x of sizes) {
      if (x > c - k + eps) big++;
      else if (x > half + eps) {
        mid++;
        midSum += x;
      } else if (x >= k - eps) smallSum += x;
    }
    const spill = smallSum - (mid * c - midSum);
    const extra = spill > eps ? Math.ceil(spill / c - 1e-9) : 0;
    best = Math.max(best, big + mid + extra);
  }
  return best;
}

// A counted host (up, or used) when every counted host has the same capacities; -1 otherwise.
function identicalHost(f: CompiledInput, used: Uint8Array): number {
  let first = -1;
  for (let h = 0; h < f.hosts.length; h++) {
    if (f.hostState[h] !== UP && used[h] === 0) continue;
    if (first < 0) first = h;
    for (let r = 0; r < RESOURCES; r++) {
      if (f.cap[h * RESOURCES + r] !== f.cap[first * RESOURCES + r]) return -1;
    }
  }
  return first;
}

// ⌈VMs / most VMs one host can hold⌉ on hosts all shaped like host `first`.
function countBound(f: CompiledInput, vmHost: Int32Array, first: number): number {
  let room = 0;
  for (let r = 0; r < RESOURCES; r++) if (f.invCap[first * RESOURCES + r]! > 0) room++;
  const sizes: number[] = [];
  for (let v = 0; v < vmHost.length; v++) {
    if (vmHost[v]! < 0) continue;
    let x = 0;
    for (let r = 0; r < RESOURCES; r++) {
      x += f.demand[f.vmApp[v]! * RESOURCES + r]! * f.invCap[first * RESOURCES + r]!;
    }
    sizes.push(x);
  }
  sizes.sort((x, y) => x - y);
  let most = 0;
  for (let sum = 0; most < sizes.length && (sum += sizes[most]!) <= room + 1e-9;) most++;
  return most === 0 ? 0 : Math.ceil(sizes.length / most);
}
