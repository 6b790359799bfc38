import type { Handlers } from './handler-types';
import type { CoreContext } from '../context/core-context';
import { refuseBadFenceProxy } from './power-settings';
import { proposeRecovery } from '../recovery/propose-recovery';

/** "Test power management": the BMC's answer, or why there is none, as data for the form to say. */
export function powerHandlers(ctx: CoreContext): Pick<Handlers, 'power:test' | 'recovery:propose'> {
  return {
    'recovery:propose': (req) => proposeRecovery(ctx, req),
    'power:test': async (req) => {
      refuseBadFenceProxy(ctx, req.settings, req.hostId);
      return ctx.power.test(req.settings, {
        ...(req.hostId === undefined ? {} : { hostId: req.hostId }),
        ...(req.password === undefined ? {} : { password: req.password }),
      });
    },
  };
}
