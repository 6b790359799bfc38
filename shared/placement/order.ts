/**
 * The order VMs are placed in: services as all-or-nothing groups, highest priority first,
 * co-location partners before the VMs that follow them, then largest first (the "decreasing" of
 * first-fit-decreasing, which packing quality depends on). Ties go to input order: deterministic.
 */
import { RESOURCES, UP, type CompiledInput } from './compiled-input';

/**
 * Groups of VM indexes to place, in order; a service's VMs form one group. With a `shuffle` seed,
 * sizes are replaced by a seeded random key (pack mode also tries such an order: mixing VM shapes
 * on a host often fills it better than putting large VMs first).
 */
export function placementOrder(
  f: CompiledInput,
  vms: readonly number[],
  shuffle?: number,
): number[][] {
  const prio = effectivePriority(f);
  const depth = colocationDepths(f);
  const size = appSizes(f);
  const key =
    shuffle === undefined
      ? (v: number): number => size[f.vmApp[v]!]!
      : (v: number): number => mix(v, shuffle);
  const byVm = (x: number, y: number): number => {
    const a = f.vmApp[x]!;
    const b = f.vmApp[y]!;
    return prio[b]! - prio[a]! || depth[a]! - depth[b]! || key(y) - key(x) || x - y;
  };
  const services = new Map<number, number[]>();
  const groups: number[][] = [];
  for (const v of vms) {
    const s = f.appService[f.vmApp[v]!]!;
    if (s < 0) {
      groups.push([v]);
      continue;
    }
    let g = services.get(s);
    if (g === undefined) {
      services.set(s, (g = []));
      groups.push(g);
    }
    g.push(v);
  }
  for (const g of groups) g.sort(byVm);
  // A group sorts by its first member after sorting, which is its most urgent VM.
  return groups.sort((g, h) => byVm(g[0]!, h[0]!));
}

// A co-location partner inherits the priority of the applications that follow it.
function effectivePriority(f: CompiledInput): Float64Array {
  const prio = f.priority.slice();
  for (let changed = true, rounds = 0; changed && rounds < f.apps.length; rounds++) {
    changed = false;
    for (let a = 0; a < f.apps.length; a++) {
      const p = f.colocateWith[a]!;
      if (p >= 0 && prio[p]! < prio[a]!) {
        prio[p] = prio[a]!;
        changed = true;
      }
    }
  }
  return prio;
}

/** Length of the co-location chain above each application (0: follows nobody). */
export function colocationDepths(f: CompiledInput): Int32Array {
  const depth = new Int32Array(f.apps.length);
  for (let a = 0; a < f.apps.length; a++) depth[a] = depthOf(f, a);
  return depth;
}

// Length of the co-location chain above `a`; a cycle stops the count.
function depthOf(f: CompiledInput, a: number): number {
  let d = 0;
  for (let p = f.colocateWith[a]!; p >= 0 && p !== a && d < f.apps.length; p = f.colocateWith[p]!)
    d++;
  return d;
}

/** Size of one VM of each application: its demand as a fraction of an average up host, summed. */
export function appSizes(f: CompiledInput): Float64Array {
  const avg = new Float64Array(RESOURCES);
  const count = new Float64Array(RESOURCES);
  for (let h = 0; h < f.hosts.length; h++) {
    if (f.hostState[h] !== UP) continue;
    for (let r = 0; r < RESOURCES; r++) {
      if (f.invCap[h * RESOURCES + r] === 0) continue;
      avg[r]! += f.cap[h * RESOURCES + r]!;
      count[r]!++;
    }
  }
  const size = new Float64Array(f.apps.length);
  for (let a = 0; a < f.apps.length; a++) {
    for (let r = 0; r < RESOURCES; r++) {
      if (count[r] === 0) continue;
      size[a]! += (f.demand[a * RESOURCES + r]! * count[r]!) / avg[r]!;
    }
  }
  return size;
}

// A 32-bit hash of (v, seed) in [0, 1): a deterministic shuffle key (murmur3's finaliser).
function mix(v: number, seed: number): number {
  let h = Math.imul(v ^ Math.imul(seed, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
