/**
 * One refusal as data, for what-if answers: the code, the host, and what makes the rule bite (the
 * shortfall, the VM already there, the missing labels, the source without a path). shared/words
 * says it ("memory short by 512 MiB"); the window shows it on the drop target.
 */
import type { Refusal } from '../domain/reason';
import { CPU, DISK, MEMORY, SPREAD_HOST, type CompiledInput } from './compiled-input';
import * as C from './refusal-codes';
import { shortBy } from './rules';
import type { PlacementState } from './state';

/** Refusal `code` of VM `v` (off its host, leaving `source`) on host `h`. */
export function refusalOf(
  s: PlacementState,
  v: number,
  h: number,
  code: number,
  source: number,
): Refusal {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const app = f.apps[a];
  const host = f.hosts[h]?.id ?? '';
  switch (code) {
    case C.R_DOWN:
      return { code: 'down', host };
    case C.R_MAINTENANCE:
      return { code: 'maintenance', host };
    case C.R_EVACUATING:
      return { code: 'evacuating', host };
    case C.R_HYPERVISOR: {
      const has = f.hosts[h]?.hypervisor;
      return {
        code: 'hypervisor',
        host,
        needs: app?.hypervisor ?? '?',
        ...(has === undefined ? {} : { has }),
      };
    }
    case C.R_LABEL:
      return { code: 'label', host, missing: missingLabels(f, a, h) };
    case C.R_NO_PATH:
      return { code: 'no-path', from: f.hosts[source]?.id ?? '?', to: host };
    case C.R_SPREAD_HOST:
    case C.R_SPREAD_ZONE: {
      const vm = holder(s, a, h);
      return {
        code: code === C.R_SPREAD_HOST ? 'spread-host' : 'spread-zone',
        host,
        application: app?.id ?? '?',
        ...(vm === undefined ? {} : { vm }),
      };
    }
    case C.R_COLOCATE:
      return { code: 'colocate', host, with: app?.colocate?.with ?? '?' };
    case C.R_MEMORY:
      return { code: 'memory', host, shortMiB: shortBy(s, a, h, MEMORY) };
    case C.R_CPU:
      return { code: 'cpu', host, shortVcpus: shortBy(s, a, h, CPU) };
    default:
      return { code: 'disk', host, shortGiB: shortBy(s, a, h, DISK) };
  }
}

function missingLabels(f: CompiledInput, a: number, h: number): string[] {
  const labels = f.hosts[h]?.labels;
  return Object.entries(f.apps[a]?.requiredLabels ?? {})
    .filter(([k, v]) => labels?.[k] !== v)
    .map(([k, v]) => `${k}=${v}`);
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
