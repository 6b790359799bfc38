import type { Handlers } from './handler-types';
import { attempt, hostName, type CoreContext } from '../context/core-context';
import { refuseBadFenceProxy } from './power-settings';
import { proposeRecovery } from '../recovery/propose-recovery';
import { haMarks, setHaMark } from '../recovery/ha-marks';

/** "Test power management": the BMC's answer, or why there is none, as data for the form to say. */
export function powerHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  'power:test' | 'recovery:propose' | 'recovery:ha-marks' | 'recovery:set-ha' | 'demo:outage'
> {
  return {
    'recovery:propose': (req) => proposeRecovery(ctx, req),
    'recovery:ha-marks': () => Promise.resolve(haMarks(ctx.inventory)),
    'recovery:set-ha': async (req) => {
      const vm = ctx.hosts
        .all()
        .flatMap((e) => e.vms)
        .find((v) => v.id === req.vmId);
      const marks = await setHaMark(ctx.inventory, req.vmId, req.ha, vm?.name);
      ctx.definitions.setMarked(marks); // a marked VM's definition is kept before unprotected ones
      return marks;
    },
    'demo:outage': (req) =>
      attempt(`Couldn't simulate a failure of ${hostName(ctx, req.hostId)}`, () => {
        ctx.demo.outage(req.hostId, req.outage);
        return Promise.resolve(null);
      }),
    'power:test': async (req) => {
      refuseBadFenceProxy(ctx, req.settings, req.hostId);
      return ctx.power.test(req.settings, {
        ...(req.hostId === undefined ? {} : { hostId: req.hostId }),
        ...(req.password === undefined ? {} : { password: req.password }),
      });
    },
  };
}
