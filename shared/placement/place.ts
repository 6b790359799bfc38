/**
 * Places the VMs that have no host yet (new ones and missing replicas). A service is all or
 * nothing: if one of its VMs fits nowhere, the ones already placed are taken back and every VM of
 * the service is reported with the application that blocked it.
 */
import { buildPlan } from './build-plan';
import { Choice, TOP, chooseHost } from './choose-host';
import { now as clock } from './clock';
import { explainChoice } from './explain-choice';
import { compileFleet, type Fleet } from './fleet';
import type { PlacementInput } from './input-types';
import { placementOrder } from './order';
import type { Explanation, PlacementPlan, UnplacedVm } from './plan-types';
import { PlacementState } from './state';
import { blockedUnplaced, explainUnplaced } from './unplaced';

/** Options shared by the operations. */
export interface PlanOptions {
  /** Explain every decision (default true); off saves time on very large plans. */
  explain?: boolean;
  /** Clock for `stats.elapsedMs` (default: `performance.now`). */
  now?: () => number;
}

/**
 * Places every VM of the input that has no host (new VMs, missing replicas), leaving placed VMs
 * where they are.
 * @throws PlacementInputError when the input's references are broken.
 */
export function place(input: PlacementInput, options: PlanOptions = {}): PlacementPlan {
  const now = options.now ?? clock;
  const startedAt = now();
  const fleet = compileFleet(input);
  const state = new PlacementState(fleet);
  const { unplaced, explanations } = placeAll(state, options.explain ?? true);
  return buildPlan(state, { operation: 'place', unplaced, explanations, startedAt, now });
}

/**
 * Places every VM of `s` without a host, group by group. Groups that fail get a second try at the
 * end (a co-location partner may have been placed since); only that try explains failures, so an
 * unplaced VM is explained against the plan's final state.
 */
export function placeAll(
  s: PlacementState,
  explain: boolean,
): { unplaced: UnplacedVm[]; explanations: Explanation[] } {
  const f: Fleet = s.fleet;
  const todo: number[] = [];
  for (let v = 0; v < f.vmIds.length; v++) if (s.vmHost[v] === -1) todo.push(v);
  const out = { unplaced: [] as UnplacedVm[], explanations: [] as Explanation[] };
  const failed = runGroups(s, placementOrder(f, todo), explain, null, out.explanations);
  runGroups(s, failed, explain, out.unplaced, out.explanations);
  out.unplaced.sort((x, y) => (f.vmIndex.get(x.vm) ?? 0) - (f.vmIndex.get(y.vm) ?? 0));
  return out;
}

// Places each group all or nothing; returns the groups that failed. With `unplaced`, failures are
// explained right there, before the rollback, so that the refusals show what actually blocked.
function runGroups(
  s: PlacementState,
  groups: number[][],
  explain: boolean,
  unplaced: UnplacedVm[] | null,
  explanations: Explanation[],
): number[][] {
  const f = s.fleet;
  const choice = new Choice(explain ? TOP : 1);
  const failedGroups: number[][] = [];
  for (const group of groups) {
    const mark = explanations.length;
    let failed = -1;
    let placed = 0;
    for (; placed < group.length; placed++) {
      const v = group[placed]!;
      const h = chooseHost(s, v, -1, choice);
      if (h < 0) {
        failed = v;
        break;
      }
      if (explain) explanations.push(explainChoice(s, v, choice));
      s.assign(v, h);
    }
    if (failed < 0) continue;
    failedGroups.push(group);
    if (unplaced !== null) unplaced.push(explainUnplaced(s, failed, -1));
    // All or nothing: only a service forms a group larger than one VM.
    for (let i = 0; i < placed; i++) s.unassign(group[i]!);
    explanations.length = mark;
    if (unplaced === null) continue;
    const blocker = f.vmApp[failed]!;
    for (const v of group) if (v !== failed) unplaced.push(blockedUnplaced(s, v, blocker));
  }
  return failedGroups;
}
