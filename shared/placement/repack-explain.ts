/**
 * Explanations of the VMs pack mode's improvement phase moved: the greedy pass's decision named a
 * host the VM no longer runs on, so it is replaced by the final host, scored against the final
 * plan, and the host the phase emptied.
 */
import { round } from './explain-choice';
import type { Explanation } from './plan-types';
import { scoreHost, S_CAPACITY, S_COLOCATE, S_IN_USE, S_SPREAD } from './score';
import type { PlacementState } from './state';

/** `explanations` with those of moved VMs (`emptiedFrom[v] >= 0`) rewritten; `s` is unchanged. */
export function explainRepacked(
  s: PlacementState,
  explanations: Explanation[],
  emptiedFrom: Int32Array,
): Explanation[] {
  const f = s.fleet;
  const c = new Float64Array(4);
  return explanations.map((e) => {
    const v = f.vmIndex.get(e.vm) ?? -1;
    const from = v >= 0 ? emptiedFrom[v]! : -1;
    if (from < 0) return e;
    const h = s.unassign(v);
    const total = scoreHost(s, v, h, true, c);
    s.assign(v, h);
    const criteria = {
      capacity: round(c[S_CAPACITY]!),
      inUse: c[S_IN_USE]!,
      spread: c[S_SPREAD]!,
      colocate: c[S_COLOCATE]!,
      total: round(total),
    };
    const host = f.hosts[h]?.id ?? '';
    return {
      vm: e.vm,
      host,
      criteria,
      runnersUp: [],
      repacked: { emptied: f.hosts[from]?.id ?? '' },
    };
  });
}
