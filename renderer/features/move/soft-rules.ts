import { softRuleCheck as sharedCheck } from '../../../shared/fleet-placement/soft-rules';
import type { MoveContext } from './move-context';

/**
 * The soft rules a drag of `vmId` makes worse, per host (amber, with the rule in words): the
 * shared check (shared/fleet-placement/soft-rules.ts) over the drag's session and names.
 */
export function softRuleCheck(
  ctx: MoveContext,
  vmId: string,
  moving: ReadonlySet<string>,
): (hostId: string) => string | null {
  return sharedCheck(ctx.session, vmId, moving, ctx.names);
}
