import { attempt, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

/** History of one metric, and the latest sample of every host. */
export function metricsHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'metrics:series' | 'metrics:latest'> {
  return {
    'metrics:series': (req) =>
      attempt(`Couldn't read the ${req.metric} history of ${req.objectId}`, () =>
        Promise.resolve().then(() => ctx.metrics.history.series(req)),
      ),
    'metrics:latest': () => Promise.resolve(ctx.metrics.collector.latest()),
  };
}
