import type { PlanStep } from '../../../shared/domain/plan';
import { whatIf, type RefusalCode, type WhatIfSession } from '../../../shared/placement';

/** Refusals that go away once the VMs leaving a host have left. */
const ROOM: ReadonlySet<RefusalCode> = new Set([
  'memory',
  'cpu',
  'disk',
  'spread-host',
  'spread-zone',
]);

/**
 * The engine checked where the VMs end up; the plan runs moves side by side, so a host that both
 * sends and receives VMs may, for a while, hold both. Where the VMs coming in do not fit beside the
 * ones still there, every move into that host waits (`after`) for every move out of it. A swap
 * between two full hosts then waits on itself: returned as a cycle, for the planner to refuse.
 */
export function orderMoves(
  session: WhatIfSession,
  steps: PlanStep[],
): { ok: true } | { ok: false; cycle: PlanStep[] } {
  const targets = new Set(steps.map((s) => s.targetHostId).filter((h) => h !== undefined));
  for (const host of targets) {
    const incoming = steps.filter((s) => s.targetHostId === host);
    const outgoing = steps.filter((s) => s.hostId === host);
    if (outgoing.length === 0) continue;
    const alone = whatIf(
      session,
      incoming.map((s) => ({ vm: s.vmId, host })),
    );
    const crowded = alone.moves.some((m) => m.refusals.some((r) => ROOM.has(r.code)));
    if (!crowded) continue;
    for (const s of incoming) s.after = [...new Set([...s.after, ...outgoing.map((o) => o.id)])];
  }
  const cycle = findCycle(steps);
  return cycle === undefined ? { ok: true } : { ok: false, cycle };
}

/** Steps that wait on each other in a ring, or undefined. */
function findCycle(steps: readonly PlanStep[]): PlanStep[] | undefined {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const state = new Map<string, 'open' | 'done'>();
  const path: PlanStep[] = [];
  const visit = (s: PlanStep): PlanStep[] | undefined => {
    if (state.get(s.id) === 'done') return undefined;
    if (state.get(s.id) === 'open') return path.slice(path.indexOf(s));
    state.set(s.id, 'open');
    path.push(s);
    for (const id of s.after) {
      const next = byId.get(id);
      const found = next && visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(s.id, 'done');
    return undefined;
  };
  for (const s of steps) {
    const found = visit(s);
    if (found) return found;
  }
  return undefined;
}
