/**
 * The smallest changes that would let an unplaced VM fit, smallest first: free some resources on
 * one host, take a host out of maintenance, relax one rule, or add a host of a given size.
 */
import { CPU, DISK, MEMORY, RESOURCES } from './fleet';
import { fmt } from './explain-refusals';
import type { Suggestion } from './plan-types';
import * as C from './refusal-codes';
import { refusalMask, shortBy } from './rules';
import type { PlacementState } from './state';
import { formatMemory } from '../words';

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
    const parts = [
      need[MEMORY]! > 0 ? `${formatMemory(Math.ceil(need[MEMORY]!))} of memory` : '',
      need[CPU]! > 0 ? `${fmt(need[CPU]!)} vCPU${need[CPU] === 1 ? '' : 's'}` : '',
      need[DISK]! > 0 ? `${fmt(Math.ceil(need[DISK]!))} GiB of disk` : '',
    ].filter((p) => p !== '');
    const host = f.hosts[bestHost]?.id ?? '';
    out.push({
      kind: 'free-resources',
      message: `free ${parts.join(' and ')} on ${host}`,
      host,
      resources: {
        cpu: need[CPU]!,
        memoryMiB: Math.ceil(need[MEMORY]!),
        diskGiB: Math.ceil(need[DISK]!),
      },
    });
  }
  if (maintenance >= 0) {
    const host = f.hosts[maintenance]?.id ?? '';
    out.push({ kind: 'leave-maintenance', message: `take ${host} out of maintenance`, host });
  }
  const relax = [...relaxCount.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  for (const [code, n] of relax) {
    const what = ruleText(code, app?.id ?? '', s, a, source);
    out.push({
      kind: 'relax-rule',
      message: `${what}: ${n} ${n === 1 ? 'host' : 'hosts'} would fit`,
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

function ruleText(code: number, app: string, s: PlacementState, a: number, source: number): string {
  const def = s.fleet.apps[a];
  switch (code) {
    case C.R_SPREAD_HOST:
      return `make the host spread rule of ${app} soft`;
    case C.R_SPREAD_ZONE:
      return `make the zone spread rule of ${app} soft`;
    case C.R_COLOCATE:
      return `make the co-location of ${app} with ${def?.colocate?.with ?? '?'} soft`;
    case C.R_LABEL:
      return `drop the label requirements of ${app}`;
    case C.R_HYPERVISOR:
      return `drop the hypervisor requirement (${def?.hypervisor ?? '?'}) of ${app}`;
    default:
      return `open a migration path from ${s.fleet.hosts[source]?.id ?? '?'}`;
  }
}

// Physical size of a host that would take the VM alone, under the fleet-wide overcommit ratios.
function addHost(s: PlacementState, a: number): Suggestion {
  const policy = s.fleet.input.policy ?? {};
  const app = s.fleet.apps[a];
  const cpu = Math.ceil((app?.vcpus ?? 0) / (policy.cpuOvercommit ?? 1));
  const memoryMiB = Math.ceil((app?.memoryMiB ?? 0) / (policy.memoryOvercommit ?? 1));
  const diskGiB = Math.ceil(app?.diskGiB ?? 0);
  const labels = Object.entries(app?.requiredLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const extra = [
    ...(app?.hypervisor === undefined ? [] : [`hypervisor ${app.hypervisor}`]),
    ...(labels.length > 0 ? [`labels ${labels.join(', ')}`] : []),
  ];
  const size = `${cpu} core${cpu === 1 ? '' : 's'}, ${formatMemory(memoryMiB)} of memory${diskGiB > 0 ? `, ${diskGiB} GiB of disk` : ''}`;
  return {
    kind: 'add-host',
    message: `add a host with at least ${size}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`,
    resources: { cpu, memoryMiB, diskGiB },
  };
}
