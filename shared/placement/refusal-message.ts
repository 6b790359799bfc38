/**
 * One refusal in words, for what-if answers: "memory short by 512 MiB", "anti-affinity with web-1",
 * "no migration path from hv-a1". The UI shows it on the drop target.
 */
import { CPU, DISK, MEMORY, SPREAD_HOST, type Fleet } from './fleet';
import { fmt } from './explain-refusals';
import * as C from './refusal-codes';
import { shortBy } from './rules';
import type { PlacementState } from './state';
import { formatMemory } from '../words';

/** Words for refusal `code` of VM `v` (off its host, leaving `source`) on host `h`. */
export function describeRefusal(
  s: PlacementState,
  v: number,
  h: number,
  code: number,
  source: number,
): string {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const app = f.apps[a];
  switch (code) {
    case C.R_DOWN:
      return 'host is not available';
    case C.R_MAINTENANCE:
      return 'host is in maintenance';
    case C.R_EVACUATING:
      return 'host is being evacuated';
    case C.R_HYPERVISOR:
      return `needs hypervisor ${app?.hypervisor ?? '?'}, host has ${f.hosts[h]?.hypervisor ?? 'none'}`;
    case C.R_LABEL:
      return `host lacks ${missingLabels(f, a, h)}`;
    case C.R_NO_PATH:
      return `no migration path from ${f.hosts[source]?.id ?? '?'}`;
    case C.R_SPREAD_HOST:
      return `anti-affinity with ${holder(s, a, h) ?? app?.id ?? '?'}`;
    case C.R_SPREAD_ZONE:
      return `zone already runs ${holder(s, a, h) ?? app?.id ?? '?'} (zone spread)`;
    case C.R_COLOCATE:
      return `no VM of ${app?.colocate?.with ?? '?'} to co-locate with`;
    case C.R_MEMORY:
      return `memory short by ${formatMemory(shortBy(s, a, h, MEMORY))}`;
    case C.R_CPU:
      return `CPU short by ${fmt(shortBy(s, a, h, CPU))} vCPU${shortBy(s, a, h, CPU) === 1 ? '' : 's'}`;
    default:
      return `disk short by ${fmt(shortBy(s, a, h, DISK))} GiB`;
  }
}

function missingLabels(f: Fleet, a: number, h: number): string {
  const labels = f.hosts[h]?.labels;
  const missing = Object.entries(f.apps[a]?.requiredLabels ?? {}).filter(
    ([k, v]) => labels?.[k] !== v,
  );
  return missing.map(([k, v]) => `label ${k}=${v}`).join(', ') || 'a required label';
}

// The VM of application `a` that occupies host `h` (host spread) or its zone (zone spread).
function holder(s: PlacementState, a: number, h: number): string | undefined {
  const f = s.fleet;
  const byHost = f.spreadScope[a] === SPREAD_HOST;
  for (let w = 0; w < f.vmIds.length; w++) {
    const x = s.vmHost[w]!;
    if (x < 0 || f.vmApp[w] !== a) continue;
    if (byHost ? x === h : f.hostZone[x] === f.hostZone[h]) return f.vmIds[w];
  }
  return undefined;
}
