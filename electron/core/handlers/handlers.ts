import {
  requestChannels,
  type ParsedRequestOf,
  type RequestChannel,
} from '../../../shared/contract/requests';
import { AppError } from '../../../shared/errors';
import { addHost } from './add-host';
import { alertHandlers } from './alert-handlers';
import type { CoreContext } from '../context/core-context';
import { fleetHandlers } from './fleet-handlers';
import type { Handlers } from './handler-types';
import { hostHandlers } from './host-handlers';
import { inventoryHandlers } from './inventory-handlers';
import { importHosts, previewImport } from './import-hosts';
import { machineEnv } from '../import/import-env';
import { metricsHandlers } from './metrics-handlers';
import { moveHandlers } from './move-handlers';
import { planHandlers } from './plan-handlers';
import { serviceHandlers } from './service-handlers';
import { settingsHandlers } from './settings-handlers';
import { updateHost } from './update-host';
import { vmDetailHandlers } from './vm-detail-handlers';
import { hostStorageHandlers } from './host-storage-handlers';
import { consoleHandlers } from './console-handlers';
import { powerHandlers } from './power-handlers';
import { vmPowerHandlers } from './vm-power-handlers';
import { snapshotHandlers } from './snapshot-handlers';
import { createHandlers } from './create-handlers';

/** Every request handler over a started core; a missing one is a compile error here. */
export function bindHandlers(ctx: CoreContext): Handlers {
  return {
    'hosts:add': (req) => addHost(ctx, req),
    'hosts:update': (req) => updateHost(ctx, req),
    'hosts:import-preview': (req) => previewImport(ctx, machineEnv(), req),
    'hosts:import': (req) => importHosts(ctx, req),
    ...hostHandlers(ctx),
    ...fleetHandlers(ctx),
    ...serviceHandlers(ctx),
    ...planHandlers(ctx),
    ...moveHandlers(ctx),
    ...settingsHandlers(ctx),
    ...inventoryHandlers(ctx),
    ...metricsHandlers(ctx),
    ...alertHandlers(ctx),
    ...vmDetailHandlers(ctx),
    ...hostStorageHandlers(ctx),
    ...consoleHandlers(ctx),
    ...powerHandlers(ctx),
    ...vmPowerHandlers(ctx),
    ...snapshotHandlers(ctx),
    ...createHandlers(ctx),
  };
}

/**
 * Handlers that exist before the core has started (the shells wire them at once) and forward to the
 * bound ones while it runs; a request before start or after stop gets an error, not a crash.
 */
export function forwardingHandlers(current: () => Handlers | undefined): Handlers {
  const forward =
    <C extends RequestChannel>(channel: C) =>
    (req: ParsedRequestOf<C>) => {
      const handlers = current();
      if (!handlers)
        return Promise.reject(new AppError('internal', 'The console core is not running'));
      return handlers[channel](req);
    };
  return Object.fromEntries(
    requestChannels.map((channel) => [channel, forward(channel)]),
  ) as Handlers;
}
