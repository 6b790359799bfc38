/**
 * Rebalance within a move budget. `pack` empties the least loaded hosts into the others (a host is
 * emptied whole or not at all); `spread` moves VMs off the fullest hosts while that raises the
 * lowest headroom by more than the hysteresis. Both repeat until nothing improves, so a re-run on
 * the result finds 0 moves, and no move is ever undone by a later one (each strictly improves).
 * A move never adds a soft-rule conflict and always has a migration path; only VMs on `up` hosts
 * move (evacuate handles the others).
 */
import { buildPlan } from './build-plan';
import { Choice, chooseHost } from './choose-host';
import { now as clock } from './clock';
import { compileInput, RESOURCES, UP } from './compiled-input';
import type { PlacementInput } from './input-types';
import { appSizes } from './order';
import type { PlanOptions } from './place';
import type { PlacementPlan } from './plan-types';
import { rebalanceSpread } from './rebalance-spread';
import { origin, softScore, vmsBySize } from './rebalance-helpers';
import { PlacementState } from './state';

/** Rebalance settings. */
export interface RebalanceOptions extends PlanOptions {
  /** Most VMs moved by the plan (default 20). */
  maxMoves?: number;
}

/**
 * A plan that improves the fleet in its policy's mode with at most `maxMoves` moves.
 * @throws PlacementInputError on a bad input.
 */
export function rebalance(input: PlacementInput, options: RebalanceOptions = {}): PlacementPlan {
  const now = options.now ?? clock;
  const startedAt = now();
  const fleet = compileInput(input);
  const s = new PlacementState(fleet);
  const budget = options.maxMoves ?? 20;
  const used = fleet.mode === 'pack' ? consolidate(s, budget) : rebalanceSpread(s, budget);
  return buildPlan(s, {
    operation: 'rebalance',
    unplaced: [],
    explanations: [],
    startedAt,
    now,
    truncated: used.truncated,
  });
}

// Pack: try to empty each used host, least loaded first, into hosts that stay in use.
function consolidate(s: PlacementState, budget: number): { truncated: boolean } {
  const f = s.fleet;
  const size = appSizes(f);
  const choice = new Choice(1);
  const buf = new Float64Array(4);
  let left = budget;
  let truncated = false;
  for (let progress = true; progress;) {
    progress = false;
    for (const h of hostsByLoad(s)) {
      const vms = vmsBySize(s, h, size);
      if (vms.length === 0) continue;
      if (vms.length > left) {
        truncated = true;
        continue;
      }
      s.closed[h] = 1;
      const moved: number[] = [];
      for (const w of vms) {
        s.unassign(w);
        const soft = softScore(s, w, h, buf);
        const ok = (t: number): boolean => s.hostVmCount[t]! > 0 && softScore(s, w, t, buf) >= soft;
        const t = chooseHost(s, w, origin(s, w), choice, ok);
        s.assign(w, t >= 0 ? t : h);
        if (t < 0) break;
        moved.push(w);
      }
      if (moved.length === vms.length) {
        left -= moved.length;
        progress = true;
        continue;
      }
      for (const w of moved) {
        s.unassign(w);
        s.assign(w, h);
      }
      s.closed[h] = 0;
    }
  }
  return { truncated };
}

// Up hosts with VMs, least loaded (largest free fraction of the scarcest resource) first.
function hostsByLoad(s: PlacementState): number[] {
  const f = s.fleet;
  const load = new Float64Array(f.hosts.length);
  const hosts: number[] = [];
  for (let h = 0; h < f.hosts.length; h++) {
    if (f.hostState[h] !== UP || s.hostVmCount[h] === 0 || s.closed[h] === 1) continue;
    let max = 0;
    for (let r = 0; r < RESOURCES; r++) {
      const inv = f.invCap[h * RESOURCES + r]!;
      const used = (f.cap[h * RESOURCES + r]! - s.free[h * RESOURCES + r]!) * inv;
      if (used > max) max = used;
    }
    load[h] = max;
    hosts.push(h);
  }
  return hosts.sort((x, y) => load[x]! - load[y]! || x - y);
}
