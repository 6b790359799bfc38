/**
 * Baselines the engine is measured against, written plainly and apart from the engine: first-fit
 * (VMs in input order, first host that fits) and first-fit-decreasing (largest VMs first). Both
 * honour capacity, required labels, hypervisor and hard host/zone spread, so the comparison is
 * fair on the benchmark fleets (which use no other rule).
 */
import type { PlacementInput } from '../shared/placement/input-types';

/** Outcome of a baseline: hosts used and VMs left over. */
export interface BaselineResult {
  hostsUsed: number;
  unplaced: number;
}

interface Item {
  app: number;
  size: number;
}

/** Plain first-fit in input order. */
export function firstFit(input: PlacementInput): BaselineResult {
  return run(input, false);
}

/** First-fit-decreasing: VMs by decreasing size (sum of demand over average capacity). */
export function firstFitDecreasing(input: PlacementInput): BaselineResult {
  return run(input, true);
}

function run(input: PlacementInput, decreasing: boolean): BaselineResult {
  const policy = input.policy ?? {};
  const hosts = input.hosts.filter((h) => (h.state ?? 'up') === 'up');
  const H = hosts.length;
  const free = new Float64Array(H * 3);
  hosts.forEach((h, i) => {
    free[i * 3] = h.capacity.cpu * (h.cpuOvercommit ?? policy.cpuOvercommit ?? 1);
    free[i * 3 + 1] = h.capacity.memoryMiB * (h.memoryOvercommit ?? policy.memoryOvercommit ?? 1);
    free[i * 3 + 2] = h.capacity.diskGiB ?? Infinity;
  });
  const zoneLabel = policy.zoneLabel ?? 'zone';
  const zones = hosts.map((h) => h.labels?.[zoneLabel] ?? h.id);
  const avg = [0, 1, 2].map(
    (r) => free.reduce((s, x, i) => (i % 3 === r && x < Infinity ? s + x : s), 0) / H,
  );
  const apps = input.applications;
  const items: Item[] = [];
  apps.forEach((a, i) => {
    const size = a.vcpus / avg[0]! + a.memoryMiB / avg[1]! + (a.diskGiB ?? 0) / (avg[2]! || 1);
    for (let n = 0; n < (a.replicas ?? 1); n++) items.push({ app: i, size });
  });
  if (decreasing) items.sort((x, y) => y.size - x.size);
  const used = new Uint8Array(H);
  const taken = new Set<string>(); // "app host" and "app zone" pairs under hard spread
  let unplaced = 0;
  for (const { app } of items) {
    const a = apps[app]!;
    const d = [a.vcpus, a.memoryMiB, a.diskGiB ?? 0];
    let placed = false;
    for (let h = 0; h < H && !placed; h++) {
      const o = h * 3;
      if (free[o]! < d[0]! || free[o + 1]! < d[1]! || free[o + 2]! < d[2]!) continue;
      const host = hosts[h]!;
      if (Object.entries(a.requiredLabels ?? {}).some(([k, v]) => host.labels?.[k] !== v)) continue;
      if (a.hypervisor !== undefined && host.hypervisor !== a.hypervisor) continue;
      const key = a.spread?.across === 'zone' ? `${app} z ${zones[h]}` : `${app} h ${h}`;
      if (a.spread?.strength === 'hard' && taken.has(key)) continue;
      for (let r = 0; r < 3; r++) free[o + r]! -= d[r]!;
      if (a.spread?.strength === 'hard') taken.add(key);
      used[h] = 1;
      placed = true;
    }
    if (!placed) unplaced++;
  }
  return { hostsUsed: used.reduce((s, x) => s + x, 0), unplaced };
}
