/**
 * The input as it will be once a plan has run: every VM of the plan listed with its host (new VMs
 * included), so that the next decision starts from there. Used to chain operations and by the
 * tests ("rebalance on its own output gives 0 moves").
 */
import type { PlacementInput, PlacementVm } from './input-types';
import type { PlacementPlan } from './plan-types';

/** `input` with its VMs where `plan` puts them; VMs the plan leaves unplaced have no host. */
export function applyPlan(
  input: PlacementInput,
  plan: Pick<PlacementPlan, 'assignments' | 'unplaced'>,
): PlacementInput {
  const host = new Map(plan.assignments.map((a) => [a.vm, a.host]));
  const vms: PlacementVm[] = [];
  const seen = new Set<string>();
  const add = (id: string, application: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const h = host.get(id);
    vms.push(h === undefined ? { id, application } : { id, application, host: h });
  };
  for (const v of input.vms ?? []) add(v.id, v.application);
  for (const a of plan.assignments) add(a.vm, a.application);
  for (const u of plan.unplaced) add(u.vm, u.application);
  return { ...input, vms };
}
