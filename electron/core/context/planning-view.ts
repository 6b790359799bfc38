import {
  buildPlacementInput,
  type PlanningView,
} from '../../../shared/placement-input/build-input';
import type { PlacementInput } from '../../../shared/placement/index';
import type { CoreContext } from './core-context';
import { allServices } from '../services/service-catalog';

export type { PlanningView };

/** The fleet now, as the planners read it (moves and service deploys alike). */
export function planningView(ctx: CoreContext): PlanningView {
  const entries = ctx.hosts.all();
  return {
    hosts: entries.map((e) => e.host),
    vms: entries.flatMap((e) => e.vms),
    services: allServices(ctx),
    paths: ctx.paths.list(),
    overcommit: ctx.settings.get(),
  };
}

/**
 * The engine's input, built exactly as the window builds it for the drag what-if (the same
 * overcommit settings), so a move the window coloured green is not refused here for another reason.
 */
export function moveInput(fleet: PlanningView): PlacementInput {
  return buildPlacementInput(fleet);
}
