/**
 * The `unplaced` entries of a plan: refusals grouped by reason plus suggestions, or, for a VM of a
 * service that failed as a whole, the application that blocked it.
 */
import { groupRefusals } from './explain-refusals';
import type { UnplacedVm } from './plan-types';
import type { PlacementState } from './state';
import { suggest } from './suggest';

/** Why VM `v` (off its host, leaving `source`) fits on no host. */
export function explainUnplaced(s: PlacementState, v: number, source: number): UnplacedVm {
  const f = s.fleet;
  const refusals = groupRefusals(s, v, source);
  return {
    vm: f.vmIds[v] ?? '',
    application: f.apps[f.vmApp[v]!]?.id ?? '',
    refusals,
    suggestions: suggest(s, v, source),
  };
}

/** Entry for VM `v`, left out because application `blocker` of its service could not be placed. */
export function blockedUnplaced(s: PlacementState, v: number, blocker: number): UnplacedVm {
  const f = s.fleet;
  const app = f.apps[f.vmApp[v]!]?.id ?? '';
  const service = f.apps[blocker]?.service ?? '';
  const blocking = f.apps[blocker]?.id ?? '';
  return {
    vm: f.vmIds[v] ?? '',
    application: app,
    refusals: [],
    suggestions: [],
    blockedBy: { service, application: blocking },
  };
}
