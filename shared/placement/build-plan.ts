/**
 * Turns the final state of an operation into a {@link PlacementPlan}: assignments in VM order,
 * moves against the input, and stats.
 */
import { DOWN, type CompiledInput } from './compiled-input';
import { lowerBound } from './lower-bound';
import type { Assignment, Explanation, Move, PlacementPlan, UnplacedVm } from './plan-types';
import type { PlacementState } from './state';

/** What an operation hands over besides its final state. */
export interface PlanParts {
  operation: PlacementPlan['operation'];
  unplaced: UnplacedVm[];
  explanations: Explanation[];
  startedAt: number;
  now: () => number;
  evacuated?: string[];
  truncated?: boolean;
  /** The lower bound when the operation already computed it (it depends on the VMs placed only). */
  lowerBound?: number;
}

/** The plan for the state `s` reached from the fleet's input. */
export function buildPlan(s: PlacementState, parts: PlanParts): PlacementPlan {
  const f = s.fleet;
  const assignments: Assignment[] = [];
  const moves: Move[] = [];
  const used = new Uint8Array(f.hosts.length);
  let hostsUsed = 0;
  for (let v = 0; v < f.vmIds.length; v++) {
    const h = s.vmHost[v]!;
    if (h < 0) continue;
    const vm = f.vmIds[v] ?? '';
    const application = f.apps[f.vmApp[v]!]?.id ?? '';
    const host = hostId(f, h);
    assignments.push({ vm, application, host });
    if (used[h] === 0) hostsUsed++;
    used[h] = 1;
    const from = f.vmInitialHost[v]!;
    if (from >= 0 && from !== h) {
      const kind = f.hostState[from] === DOWN ? 'restart' : 'migrate';
      moves.push({ vm, application, from: hostId(f, from), to: host, kind });
    }
  }
  const plan: PlacementPlan = {
    version: 1,
    operation: parts.operation,
    mode: f.mode,
    assignments,
    moves,
    unplaced: parts.unplaced,
    explanations: parts.explanations,
    stats: {
      hostsUsed,
      lowerBound: parts.lowerBound ?? lowerBound(f, s.vmHost),
      elapsedMs: 0,
      placed: assignments.length,
      unplaced: parts.unplaced.length,
      moves: moves.length,
    },
  };
  if (parts.evacuated !== undefined) plan.evacuated = parts.evacuated;
  if (parts.truncated !== undefined) plan.truncated = parts.truncated;
  plan.stats.elapsedMs = Math.round((parts.now() - parts.startedAt) * 1000) / 1000;
  return plan;
}

const hostId = (f: CompiledInput, h: number): string => f.hosts[h]?.id ?? '';
