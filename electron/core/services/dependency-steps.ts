import type { Service } from '../../../shared/domain/application';
import type { PlanStep } from '../../../shared/domain/plan';
import { dependenciesOf, dependentsOf } from '../../../shared/services/dependency-order';

/**
 * Order steps by the service's dependencies. `dependencies-first` (start): a step of an application
 * waits for the steps of every application it depends on. `dependents-first` (stop, delete): a step
 * of an application waits for the steps of every application that depends on it, so a database
 * stops after the web servers that use it. Only steps in `steps` are waited for: an application
 * with nothing to do in this plan holds nobody up.
 */
export function orderByDependencies(
  service: Pick<Service, 'dependsOn' | 'applications'>,
  steps: readonly PlanStep[],
  direction: 'dependencies-first' | 'dependents-first',
): void {
  const byApp = new Map<string, PlanStep[]>();
  for (const s of steps) {
    if (s.application === undefined) continue;
    byApp.set(s.application, [...(byApp.get(s.application) ?? []), s]);
  }
  for (const s of steps) {
    if (s.application === undefined) continue;
    const first =
      direction === 'dependencies-first'
        ? dependenciesOf(service, s.application)
        : dependentsOf(service, s.application);
    for (const app of first) {
      for (const before of byApp.get(app) ?? []) {
        if (!s.after.includes(before.id)) s.after.push(before.id);
      }
    }
  }
}
