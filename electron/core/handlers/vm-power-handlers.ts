import { plural } from '../../../shared/words';
import { POWER_ACTION_WORDS } from '../../../shared/words/vm-power-words';
import { planningView } from '../context/planning-view';
import { attempt, hostName, type CoreContext } from '../context/core-context';
import { planPower } from '../vm-power/plan-power';
import type { Handlers } from './handler-types';

/** Bulk power actions: proposed for review like every change; the admin's approval runs them. */
export function vmPowerHandlers(ctx: CoreContext): Pick<Handlers, 'vms:plan-power'> {
  return {
    'vms:plan-power': (req) => {
      const what =
        req.hostId === undefined
          ? plural(req.vmIds?.length ?? 0, 'VM')
          : `the VMs of ${hostName(ctx, req.hostId)}`;
      const verb = POWER_ACTION_WORDS[req.action].label.toLowerCase();
      return attempt(`Couldn't plan to ${verb} ${what}`, () =>
        ctx.plans.propose(planPower(req, planningView(ctx))),
      );
    },
  };
}
