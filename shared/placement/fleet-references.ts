/**
 * Cross-checks of an input that a schema cannot express: unique ids and references to hosts and
 * applications that exist. Each error names the field, as the CLI promises.
 */
import { PlacementInputError } from './input-error';
import type { PlacementInput } from './input-types';

/** Id → index maps of a checked input. */
export interface References {
  hostIndex: Map<string, number>;
  appIndex: Map<string, number>;
}

/**
 * Builds the id maps and checks every reference.
 * @throws PlacementInputError naming the first bad field.
 */
export function checkReferences(input: PlacementInput): References {
  const hostIndex = indexIds(input.hosts, 'hosts');
  const appIndex = indexIds(input.applications, 'applications');
  indexIds(input.vms ?? [], 'vms');
  input.applications.forEach((a, i) => {
    if (a.colocate === undefined) return;
    const field = `applications[${i}].colocate.with`;
    if (!appIndex.has(a.colocate.with)) unknown(field, 'application', a.colocate.with);
    if (a.colocate.with === a.id)
      throw new PlacementInputError(field, 'cannot co-locate with itself');
  });
  (input.vms ?? []).forEach((v, i) => {
    if (!appIndex.has(v.application))
      unknown(`vms[${i}].application`, 'application', v.application);
    if (v.host !== undefined && !hostIndex.has(v.host)) unknown(`vms[${i}].host`, 'host', v.host);
  });
  (input.unreachable ?? []).forEach((p, i) => {
    if (!hostIndex.has(p.from)) unknown(`unreachable[${i}].from`, 'host', p.from);
    if (!hostIndex.has(p.to)) unknown(`unreachable[${i}].to`, 'host', p.to);
  });
  return { hostIndex, appIndex };
}

function indexIds(items: readonly { id: string }[], list: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id)) {
      throw new PlacementInputError(`${list}[${i}].id`, `duplicate id '${item.id}'`);
    }
    index.set(item.id, i);
  });
  return index;
}

function unknown(field: string, kind: string, id: string): never {
  throw new PlacementInputError(field, `unknown ${kind} '${id}'`);
}
