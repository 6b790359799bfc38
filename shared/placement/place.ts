/**
 * Places the VMs that have no host yet (new ones and missing replicas). A service is all or
 * nothing: if one of its VMs fits nowhere, the ones already placed are taken back and every VM of
 * the service is reported with the application that blocked it.
 */
import { buildPlan } from './build-plan';
import { Choice, TOP, chooseHost } from './choose-host';
import { now as clock } from './clock';
import { DecisionLog } from './explain-choice';
import { compileInput, type CompiledInput } from './compiled-input';
import type { PlacementInput } from './input-types';
import { placementOrder } from './order';
import type { PlacementPlan, UnplacedVm } from './plan-types';
import { lowerBound } from './lower-bound';
import { explainRepacked } from './repack-explain';
import { repack } from './repack';
import { movableVms } from './repack-setup';
import { PlacementState } from './state';
import { blockedUnplaced, explainUnplaced } from './unplaced';

/** Options shared by the operations. */
export interface PlanOptions {
  /** Explain every decision (default true); off saves time on very large plans. */
  explain?: boolean;
  /** Clock for `stats.elapsedMs` (default: `performance.now`). */
  now?: () => number;
  /**
   * Pack mode's improvement phase after the greedy pass (default true; see repack.ts). Off gives
   * the greedy pass alone, which the benchmark compares against.
   */
  repack?: boolean;
  /**
   * The tabu run's refill move (default true; see repack-refill.ts). Off gives the engine as it
   * was before the move, which the benchmark measures beside it.
   */
  refill?: boolean;
}

/**
 * Places every VM of the input that has no host (new VMs, missing replicas), leaving placed VMs
 * where they are. In `pack` mode two orders are tried, largest VMs first and a seeded shuffle
 * (mixing VM shapes often fills hosts better); the plan with fewer unplaced VMs, then fewer hosts,
 * wins, largest-first on a tie. When every VM is placed, an improvement phase then tries to empty
 * the least-filled hosts (repack.ts).
 * @throws PlacementInputError when the input's references are broken.
 */
export function place(input: PlacementInput, options: PlanOptions = {}): PlacementPlan {
  const now = options.now ?? clock;
  const startedAt = now();
  const fleet = compileInput(input);
  const explain = options.explain ?? true;
  let best = attempt(fleet, explain, undefined);
  if (fleet.mode === 'pack') {
    const other = attempt(fleet, explain, fleet.seed);
    const fewer = other.unplaced.length - best.unplaced.length;
    if (fewer < 0 || (fewer === 0 && other.state.usedCount < best.state.usedCount)) best = other;
  }
  const { state, unplaced, log } = best;
  // With a VM unplaced, emptying a host would leave room the VM was refused: no repack then.
  const improve = fleet.mode === 'pack' && options.repack !== false && unplaced.length === 0;
  // The bound depends only on which VMs are placed, which the phase does not change.
  const bound = improve ? lowerBound(fleet, state.vmHost) : undefined;
  const moved = improve
    ? repack(state, movableVms(state), bound, options.refill !== false).emptiedFrom
    : null;
  let explanations = log === null ? [] : log.explanations(fleet);
  if (moved !== null) explanations = explainRepacked(state, explanations, moved);
  const parts = { operation: 'place' as const, unplaced, explanations, startedAt, now };
  return buildPlan(state, bound === undefined ? parts : { ...parts, lowerBound: bound });
}

function attempt(fleet: CompiledInput, explain: boolean, shuffle: number | undefined) {
  const state = new PlacementState(fleet);
  const log = explain ? new DecisionLog(fleet.vmIds.length) : null;
  return { state, log, unplaced: placeAll(state, log, shuffle) };
}

/**
 * Places every VM of `s` without a host, group by group, recording decisions in `log`. Groups
 * that fail get a second try at the end (a co-location partner may have been placed since); only
 * that try explains failures, so an unplaced VM is explained against the plan's final state.
 * Returns the unplaced VMs.
 */
export function placeAll(
  s: PlacementState,
  log: DecisionLog | null,
  shuffle?: number,
): UnplacedVm[] {
  const f: CompiledInput = s.fleet;
  const todo: number[] = [];
  for (let v = 0; v < f.vmIds.length; v++) if (s.vmHost[v] === -1) todo.push(v);
  const unplaced: UnplacedVm[] = [];
  const failed = runGroups(s, placementOrder(f, todo, shuffle), log, null);
  runGroups(s, failed, log, unplaced);
  return unplaced.sort((x, y) => (f.vmIndex.get(x.vm) ?? 0) - (f.vmIndex.get(y.vm) ?? 0));
}

// Places each group all or nothing; returns the groups that failed. With `unplaced`, failures are
// explained right there, before the rollback, so that the refusals show what actually blocked.
function runGroups(
  s: PlacementState,
  groups: number[][],
  log: DecisionLog | null,
  unplaced: UnplacedVm[] | null,
): number[][] {
  const f = s.fleet;
  const choice = new Choice(log !== null ? TOP : 1);
  const failedGroups: number[][] = [];
  for (const group of groups) {
    const mark = log?.length ?? 0;
    let failed = -1;
    let placed = 0;
    for (; placed < group.length; placed++) {
      const v = group[placed]!;
      const h = chooseHost(s, v, -1, choice);
      if (h < 0) {
        failed = v;
        break;
      }
      log?.record(s, v, choice);
      s.assign(v, h);
    }
    if (failed < 0) continue;
    failedGroups.push(group);
    if (unplaced !== null) unplaced.push(explainUnplaced(s, failed, -1));
    // All or nothing: only a service forms a group larger than one VM.
    for (let i = 0; i < placed; i++) s.unassign(group[i]!);
    if (log !== null) log.length = mark;
    if (unplaced === null) continue;
    const blocker = f.vmApp[failed]!;
    for (const v of group) if (v !== failed) unplaced.push(blockedUnplaced(s, v, blocker));
  }
  return failedGroups;
}
