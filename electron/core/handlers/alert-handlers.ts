import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

type AlertChannel = Extract<keyof Handlers, `alerts:${string}`>;

/**
 * The alerts' requests. Until the engine (electron/core/alerts/) is wired, each answers a clear
 * error instead of a made-up result: the contract lands first so the window can be built on it.
 */
export function alertHandlers(_ctx: CoreContext): Pick<Handlers, AlertChannel> {
  const notYet = (): Promise<never> =>
    Promise.reject(new AppError('internal', 'Alerts are not available in this build yet'));
  return {
    'alerts:rules': notYet,
    'alerts:save-rule': notYet,
    'alerts:delete-rule': notYet,
    'alerts:export-rules': notYet,
    'alerts:import-preview': notYet,
    'alerts:import': notYet,
    'alerts:list': notYet,
    'alerts:acknowledge': notYet,
    'alerts:webhook': notYet,
    'alerts:set-webhook': notYet,
    'alerts:test-webhook': notYet,
  };
}
