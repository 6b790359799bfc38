import { attempt, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';
import { dismissKeptAside, keptAsideNotices } from '../inventory/kept-aside';

/** The inventory's own state the window must show: a file kept aside at start-up. */
export function inventoryHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'inventory:notices' | 'inventory:dismiss-notices'> {
  return {
    'inventory:notices': () => Promise.resolve(keptAsideNotices(ctx.inventory)),
    'inventory:dismiss-notices': () =>
      attempt("Couldn't dismiss the inventory notice", async () => {
        await dismissKeptAside(ctx.inventory);
        ctx.hub.emit('inventory:notices-changed', []);
        return null;
      }),
  };
}
