// PLACEHOLDER (lead): replaced by the moves helper.
import { AppError } from '../../../shared/errors';
import type { CoreContext } from './core-context';
import type { Handlers } from './handler-types';

type MoveChannels =
  'vms:plan-moves' | 'hosts:set-maintenance' | 'plans:plan-undo' | 'links:list' | 'links:check';

export function moveHandlers(ctx: CoreContext): Pick<Handlers, MoveChannels> {
  const missing = (): Promise<never> =>
    Promise.reject(new AppError('internal', 'moves are not built yet'));
  return {
    'vms:plan-moves': missing,
    'hosts:set-maintenance': missing,
    'plans:plan-undo': missing,
    'links:list': () => Promise.resolve(ctx.links.list()),
    'links:check': (req) => ctx.links.check(req.hostId),
  };
}
