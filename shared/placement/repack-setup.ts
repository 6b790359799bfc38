/**
 * What pack mode's improvement phase (repack.ts) starts from: which VMs it may move, a size per
 * application that orders VMs by how much of the scarce resources they take, and how widely it
 * searches.
 */
import * as fleet from './compiled-input';
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

/** How widely one run of the phase searches. */
export interface Stage {
  /** Hosts tried per pass in each order; a pass that empties none ends the run. */
  tries: number;
  /** Pool steps (placements and swaps) one attempt may take before it gives up. */
  steps: number;
  /**
   * How much larger than the VM placed the VMs it displaces may be together. Above 1 a swap may
   * grow the pool a little, which moves free room to where a pooled VM can use it; a VM is
   * displaced at most once per attempt, so attempts still end.
   */
  growth: number;
}

/**
 * The runs, in turn, each from where the one before left off: the first is the quick search, the
 * second a wider one (longer attempts, bigger swaps) that finds what the first cannot, on
 * two-dimensional mixes mostly (Caprara & Toth's classes 1, 4 and 10 at 500 VMs). A run only
 * empties hosts, so the second never undoes what the first saved.
 */
export const STAGES: readonly Stage[] = [
  { tries: 24, steps: 200, growth: 1.5 },
  { tries: 24, steps: 400, growth: 2 },
];
