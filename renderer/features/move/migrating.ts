import type { Plan } from '../../../shared/domain/plan';

/** A VM's migration under way: which plan, how far, where to. */
export interface Migration {
  planId: Plan['id'];
  progress: number | null;
  targetHostId: string;
}

const cache = new WeakMap<readonly Plan[], Map<string, Migration>>();

/**
 * Running `migrate` steps by VM id, computed once per plans list (every VM card asks, so the scan
 * must not run once per card).
 */
export function migrationsByVm(plans: readonly Plan[]): Map<string, Migration> {
  const known = cache.get(plans);
  if (known) return known;
  const out = new Map<string, Migration>();
  for (const plan of plans) {
    if (plan.status !== 'running') continue;
    for (const step of plan.steps) {
      if (step.kind !== 'migrate' || step.status !== 'running') continue;
      out.set(step.vmId, {
        planId: plan.id,
        progress: step.progress ?? null,
        targetHostId: step.targetHostId ?? '',
      });
    }
  }
  cache.set(plans, out);
  return out;
}
