// PLACEHOLDER (lead): replaced by the services helper.
import { AppError } from '../../../shared/errors';
import type { CoreContext } from './core-context';
import type { Handlers } from './handler-types';

type ServiceChannels =
  | 'services:list'
  | 'services:save'
  | 'services:plan-deploy'
  | 'services:start'
  | 'services:stop'
  | 'services:plan-delete'
  | 'services:adopt';

export function serviceHandlers(_ctx: CoreContext): Pick<Handlers, ServiceChannels> {
  const missing = (): Promise<never> =>
    Promise.reject(new AppError('internal', 'services are not built yet'));
  return {
    'services:list': () => Promise.resolve({ services: [] }),
    'services:save': missing,
    'services:plan-deploy': missing,
    'services:start': missing,
    'services:stop': missing,
    'services:plan-delete': missing,
    'services:adopt': missing,
  };
}
