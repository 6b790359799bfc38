/**
 * A bound no plan can beat: for each resource, the fewest hosts whose capacities, largest first,
 * add up to the total demand; the answer is the largest over resources. With identical hosts this
 * is max over resources of ⌈total demand / host capacity⌉.
 */
import { RESOURCES, UP, type Fleet } from './fleet';

/** Lower bound on hosts needed for the VMs with `vmHost[v] >= 0`, on up or already used hosts. */
export function lowerBound(f: Fleet, vmHost: Int32Array): number {
  const H = f.hosts.length;
  const used = new Uint8Array(H);
  const total = new Float64Array(RESOURCES);
  for (let v = 0; v < vmHost.length; v++) {
    const h = vmHost[v]!;
    if (h < 0) continue;
    used[h] = 1;
    const a = f.vmApp[v]!;
    for (let r = 0; r < RESOURCES; r++) total[r]! += f.demand[a * RESOURCES + r]!;
  }
  let bound = 0;
  for (let r = 0; r < RESOURCES; r++) {
    const caps: number[] = [];
    for (let h = 0; h < H; h++) {
      if (f.hostState[h] === UP || used[h] === 1) caps.push(f.cap[h * RESOURCES + r]!);
    }
    caps.sort((x, y) => y - x);
    // 1e-9 relative slack: a demand that equals the capacity must not count one host extra.
    let left = total[r]! * (1 - 1e-12) - 1e-9;
    let n = 0;
    while (left > 0 && n < caps.length) left -= caps[n++]!;
    bound = Math.max(bound, n);
  }
  return bound;
}
