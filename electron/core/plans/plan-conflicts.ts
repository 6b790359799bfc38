import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';

/**
 * Two plans must not act on the same VM at once. A plan holds its VMs while it runs, and while it is
 * interrupted (half done) until a rollback of it exists. The plan a rollback reverses is not its rival.
 */
export function refuseConflicts(plan: Plan, all: readonly Plan[]): void {
  const vms = new Set(plan.steps.map((s) => s.vmId));
  const reversed = new Set(all.flatMap((p) => (p.reverses === undefined ? [] : [p.reverses])));
  for (const other of all) {
    if (other.id === plan.id || other.id === plan.reverses) continue;
    const holds =
      other.status === 'running' || (other.status === 'interrupted' && !reversed.has(other.id));
    if (!holds) continue;
    const shared = other.steps.find((s) => vms.has(s.vmId));
    if (shared) {
      throw new AppError(
        'conflict',
        `Couldn't run plan “${plan.title}”: plan “${other.title}” (${other.status}) also acts on ${shared.vmName}; let it finish, cancel it or roll it back first`,
      );
    }
  }
}
