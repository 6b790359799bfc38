/**
 * Why a VM fits nowhere, grouped by reason (shared/words says them: "412 hosts: memory short by
 * ≥ 512 MiB; 3 hosts: anti-affinity with web-1; 1 host: in maintenance"). Each host counts once,
 * under the first rule it breaks in check order (see `refusal-codes`).
 */
import { MEMORY, CPU, DISK, SPREAD_HOST } from './compiled-input';
import type { RefusalGroup } from './plan-types';
import * as C from './refusal-codes';
import { firstRefusal, shortBy } from './rules';
import type { PlacementState } from './state';

const SAMPLE = 5;

/** The refusal groups of VM `v` (off its host, leaving `source`), most hosts first. */
export function groupRefusals(s: PlacementState, v: number, source: number): RefusalGroup[] {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const holders = f.spreadHard[a] === 1 ? spreadHolders(s, a) : null;
  const groups = new Map<string, RefusalGroup & { order: number }>();
  for (let h = 0; h < f.hosts.length; h++) {
    const code = firstRefusal(s, v, h, source);
    if (code === C.OK) continue;
    const subject = subjectOf(s, a, h, code, source, holders);
    const key = `${code}\0${subject ?? ''}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { code: C.refusalName(code), hosts: 0, sample: [], order: code };
      if (subject !== undefined) g.subject = subject;
      groups.set(key, g);
    }
    g.hosts++;
    if (g.sample.length < SAMPLE) g.sample.push(f.hosts[h]?.id ?? '');
    const r = RESOURCE_OF[code];
    if (r !== undefined) {
      const short = shortBy(s, a, h, r);
      g.shortBy = g.shortBy === undefined ? short : Math.min(g.shortBy, short);
    }
  }
  return [...groups.values()]
    .sort((x, y) => y.hosts - x.hosts || x.order - y.order || cmp(x.subject, y.subject))
    .map(({ order: _order, ...g }) => g);
}

const RESOURCE_OF: Partial<Record<number, number>> = {
  [C.R_MEMORY]: MEMORY,
  [C.R_CPU]: CPU,
  [C.R_DISK]: DISK,
};

function subjectOf(
  s: PlacementState,
  a: number,
  h: number,
  code: number,
  source: number,
  holders: Map<number, string> | null,
): string | undefined {
  const f = s.fleet;
  const app = f.apps[a];
  switch (code) {
    case C.R_SPREAD_HOST:
      return holders?.get(h);
    case C.R_SPREAD_ZONE:
      return holders?.get(-1 - f.hostZone[h]!);
    case C.R_LABEL: {
      const labels = f.hosts[h]?.labels;
      const missing = Object.entries(app?.requiredLabels ?? {}).find(([k, v]) => labels?.[k] !== v);
      return missing ? `${missing[0]}=${missing[1]}` : undefined;
    }
    case C.R_HYPERVISOR:
      return app?.hypervisor;
    case C.R_COLOCATE:
      return app?.colocate?.with;
    case C.R_NO_PATH:
      return f.hosts[source]?.id;
    default:
      return undefined;
  }
}

// First VM (by index) of application `a` on each host (key h) and in each zone (key -1 - zone).
function spreadHolders(s: PlacementState, a: number): Map<number, string> {
  const f = s.fleet;
  const out = new Map<number, string>();
  for (let w = 0; w < f.vmIds.length; w++) {
    const h = s.vmHost[w]!;
    if (h < 0 || f.vmApp[w] !== a) continue;
    const key = f.spreadScope[a] === SPREAD_HOST ? h : -1 - f.hostZone[h]!;
    if (!out.has(key)) out.set(key, f.vmIds[w] ?? '');
  }
  return out;
}

const cmp = (x: string | undefined, y: string | undefined): number =>
  (x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0;
