import { prometheusUrlProblem } from '../../../shared/domain/prometheus';
import { AppError } from '../../../shared/errors';
import { prometheusUrlWords } from '../../../shared/words/prometheus-words';
import { attempt, type CoreContext } from '../context/core-context';
import { testPrometheus } from '../metrics/prometheus/prometheus-source';
import type { Handlers } from './handler-types';

/** History of one metric, the latest sample of every host, and where the samples come from. */
export function metricsHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  'metrics:series' | 'metrics:latest' | 'metrics:source' | 'metrics:prometheus-test'
> {
  return {
    'metrics:series': (req) =>
      attempt(`Couldn't read the ${req.metric} history of ${req.objectId}`, () =>
        Promise.resolve().then(() => ctx.metrics.history.series(req)),
      ),
    'metrics:latest': () => Promise.resolve(ctx.metrics.collector.latest()),
    'metrics:source': () => Promise.resolve(ctx.metrics.prometheus.status()),
    'metrics:prometheus-test': async (req) => {
      const problem = prometheusUrlProblem(req.url);
      if (problem !== undefined) {
        throw new AppError(
          'invalid-request',
          `Couldn't test Prometheus at ${prometheusUrlWords(req.url)}: ${problem}`,
        );
      }
      // The hosts it would serve: every host of the registry, connected or not.
      const hosts = ctx.hosts.all().map((e) => ({ id: e.config.id, address: e.config.address }));
      return testPrometheus(req.url, hosts, ctx.settings.get().prometheus.instances);
    },
  };
}
