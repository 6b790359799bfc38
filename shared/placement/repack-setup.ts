/**
 * What pack mode's improvement phase (repack.ts) starts from: which VMs it may move, and a size
 * per application that orders VMs by how much of the scarce resources they take.
 */
import * as fleet from './fleet';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { RESOURCES, UNTRACKED } = fleet;

/**
 * VMs the phase may move in `s`: placed by this operation (no host in the input), and not a
 * co-location partner of any application.
 */
export function movableVms(s: PlacementState): Uint8Array {
  const f = s.fleet;
  const partner = new Uint8Array(f.apps.length);
  for (let a = 0; a < f.apps.length; a++)
    if (f.colocateWith[a]! >= 0) partner[f.colocateWith[a]!] = 1;
  const out = new Uint8Array(f.vmIds.length);
  for (let v = 0; v < out.length; v++) {
    if (s.vmHost[v]! >= 0 && f.vmInitialHost[v] === -1 && partner[f.vmApp[v]!] === 0) out[v] = 1;
  }
  return out;
}

/**
 * Each application's VM size for the phase: per resource, demand over the average capacity of the
 * up hosts, weighted by how much of that resource the placed VMs use in all (the scarce resource
 * decides which VM is "smaller").
 */
export function weightedSizes(s: PlacementState): Float64Array {
  const f = s.fleet;
  const capSum = new Float64Array(RESOURCES);
  const hosts = new Float64Array(RESOURCES);
  const use = new Float64Array(RESOURCES);
  for (let h = 0; h < f.hosts.length; h++) {
    if (s.hostVmCount[h] === 0) continue;
    for (let r = 0; r < RESOURCES; r++) {
      const c = f.cap[h * RESOURCES + r]!;
      if (c >= UNTRACKED) continue;
      capSum[r]! += c;
      hosts[r]!++;
      use[r]! += c - s.free[h * RESOURCES + r]!;
    }
  }
  const size = new Float64Array(f.apps.length);
  for (let a = 0; a < f.apps.length; a++) {
    for (let r = 0; r < RESOURCES; r++) {
      if (capSum[r] === 0) continue;
      const weight = use[r]! / capSum[r]!;
      size[a]! += (weight * f.demand[a * RESOURCES + r]! * hosts[r]!) / capSum[r]!;
    }
  }
  return size;
}
