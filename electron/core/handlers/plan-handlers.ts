import type { CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

/** plans:* — the admin's word on plans: approve, discard, cancel, resume, roll back. */
export function planHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  | 'plans:list'
  | 'plans:approve'
  | 'plans:discard'
  | 'plans:cancel'
  | 'plans:resume'
  | 'plans:rollback'
> {
  return {
    'plans:list': () => Promise.resolve(ctx.plans.list()),
    'plans:approve': (req) => ctx.plans.approve(req.planId),
    'plans:discard': (req) => ctx.plans.discard(req.planId),
    'plans:cancel': (req) => ctx.plans.cancel(req.planId),
    'plans:resume': (req) => ctx.plans.resume(req.planId),
    'plans:rollback': (req) => ctx.plans.rollback(req.planId),
  };
}
