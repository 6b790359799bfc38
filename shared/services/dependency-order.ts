import type { Service } from '../domain/application';
import type { ApplicationId } from '../domain/ids';

/** The applications `app` needs running first (its own `dependsOn` list, as stored). */
export function dependenciesOf(service: Pick<Service, 'dependsOn'>, app: string): ApplicationId[] {
  return service.dependsOn[app] ?? [];
}

/** The applications that name `app` in their `dependsOn`: they stop before it does. */
export function dependentsOf(
  service: Pick<Service, 'dependsOn' | 'applications'>,
  app: string,
): ApplicationId[] {
  return service.applications.filter((other) =>
    dependenciesOf(service, other).includes(app as ApplicationId),
  );
}

/**
 * A dependency cycle, as the ids along it with the first repeated at the end ([web, api, web]), or
 * undefined when there is none. A cycle would leave no application to start first.
 */
export function findCycle(
  dependsOn: Readonly<Record<string, readonly string[]>>,
): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const seen = state.get(node);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of dependsOn[node] ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of Object.keys(dependsOn).sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}
