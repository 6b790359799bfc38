/**
 * The smallest changes that would let an unplaced VM fit, smallest first: free some resources on
 * one host, take a host out of maintenance, relax one rule, or add a host of a given size. Data
 * only: shared/words says them ("free 4.0 GiB of memory on small1").
 */
import { CPU, DISK, MEMORY, RESOURCES } from './compiled-input';
import type { RelaxableRule, Suggestion } from './plan-types';
import * as C from './refusal-codes';
import { refusalMask, shortBy } from './rules';
import type { PlacementState } from './state';

const RESOURCE_BITS = C.bit(C.R_CPU) | C.bit(C.R_MEMORY) | C.bit(C.R_DISK);
const RELAXABLE = [
  C.R_SPREAD_HOST,
  C.R_SPREAD_ZONE,
  C.R_COLOCATE,
  C.R_LABEL,
  C.R_HYPERVISOR,
  C.R_NO_PATH,
];

/** Suggestions for VM `v` (off its host, leaving `source`), smallest change first. */
export function suggest(s: PlacementState, v: number, source: number): Suggestion[] {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const app = f.apps[a];
  let bestHost = -1;
  let bestCost = Infinity;
  let maintenance = -1;
  const relaxCount = new Map<number, number>();
  for (let h = 0; h < f.hosts.length; h++) {
    const m = refusalMask(s, v, h, source);
    if (m !== 0 && (m & ~RESOURCE_BITS) === 0 && couldEverFit(s, a, h)) {
      let cost = 0;
      for (let r = 0; r < RESOURCES; r++)
        cost += shortBy(s, a, h, r) * f.invCap[h * RESOURCES + r]!;
      if (cost < bestCost) [bestCost, bestHost] = [cost, h];
    }
    if (m === C.bit(C.R_MAINTENANCE) && maintenance < 0) maintenance = h;
    for (const code of RELAXABLE) {
      if (m === C.bit(code)) relaxCount.set(code, (relaxCount.get(code) ?? 0) + 1);
    }
  }
  const out: Suggestion[] = [];
  if (bestHost >= 0) {
    const need = [CPU, MEMORY, DISK].map((r) => shortBy(s, a, bestHost, r));
    out.push({
      kind: 'free-resources',
      host: f.hosts[bestHost]?.id ?? '',
      resources: {
        cpu: need[CPU]!,
        memoryMiB: Math.ceil(need[MEMORY]!),
        diskGiB: Math.ceil(need[DISK]!),
      },
    });
  }
  if (maintenance >= 0) {
    out.push({ kind: 'leave-maintenance', host: f.hosts[maintenance]?.id ?? '' });
  }
  const relax = [...relaxCount.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  for (const [code, n] of relax) {
    const rule = C.refusalName(code) as RelaxableRule;
    const subject =
      code === C.R_COLOCATE
        ? (app?.colocate?.with ?? '?')
        : code === C.R_HYPERVISOR
          ? (app?.hypervisor ?? '?')
          : code === C.R_NO_PATH
            ? (f.hosts[source]?.id ?? '?')
            : undefined;
    out.push({
      kind: 'relax-rule',
      rule,
      application: app?.id ?? '',
      ...(subject === undefined ? {} : { subject }),
      hostsThatWouldFit: n,
    });
  }
  out.push(addHost(s, a));
  return out;
}

// Freeing resources helps only on a host whose whole capacity is large enough.
function couldEverFit(s: PlacementState, a: number, h: number): boolean {
  for (let r = 0; r < RESOURCES; r++) {
    if (s.fleet.demand[a * RESOURCES + r]! > s.fleet.cap[h * RESOURCES + r]!) return false;
  }
  return true;
}

// Physical size of a host that would take the VM alone, under the fleet-wide overcommit ratios.
function addHost(s: PlacementState, a: number): Suggestion {
  const policy = s.fleet.input.policy ?? {};
  const app = s.fleet.apps[a];
  const cpu = Math.ceil((app?.vcpus ?? 0) / (policy.cpuOvercommit ?? 1));
  const memoryMiB = Math.ceil((app?.memoryMiB ?? 0) / (policy.memoryOvercommit ?? 1));
  const diskGiB = Math.ceil(app?.diskGiB ?? 0);
  const labels = Object.entries(app?.requiredLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  return {
    kind: 'add-host',
    resources: { cpu, memoryMiB, diskGiB },
    ...(app?.hypervisor === undefined ? {} : { hypervisor: app.hypervisor }),
    labels,
  };
}
