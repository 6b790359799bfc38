import type { HostId } from '../../../../shared/domain/ids';
import type {
  MetricsSourceStatus,
  PrometheusMiss,
  PrometheusSettings,
  PrometheusTestResult,
} from '../../../../shared/domain/prometheus';
import { AppError } from '../../../../shared/errors';
import { plural } from '../../../../shared/words';
import { prometheusMissWords, prometheusUrlWords } from '../../../../shared/words/prometheus-words';
import type { EventLog } from '../../events/event-log';
import type { MetricsSource, SourceReadings } from '../metrics-source';
import {
  countersFromAnswers,
  QUERIES,
  type Answers,
  type HostRef,
  type Mapping,
  type QueryName,
} from './prometheus-counters';
import { PROMETHEUS_LIMITS, queryInstant, type PrometheusLimits } from './prometheus-http';

/**
 * Every query of a round, one after the other (at most one answer in memory at a time), all
 * evaluated at the same instant so that they see the same scrapes, and all within one deadline.
 */
export async function queryAll(
  url: string,
  limits: PrometheusLimits = PROMETHEUS_LIMITS,
  now: () => number = Date.now,
): Promise<Answers> {
  // A second back: a scrape that started before `time` but is still being written would be half-seen.
  const time = now() / 1000 - 1;
  const deadline = performance.now() + limits.timeoutMs;
  const answers: Partial<Answers> = {};
  for (const name of Object.keys(QUERIES) as QueryName[]) {
    const left = Math.max(1, Math.ceil(deadline - performance.now()));
    answers[name] = await queryInstant(url, QUERIES[name], time, { ...limits, timeoutMs: left });
  }
  return answers as Answers;
}

/** "Test" in the settings: which hosts a Prometheus at `url` would serve, without keeping anything. */
export async function testPrometheus(
  url: string,
  hosts: readonly HostRef[],
  overrides: Readonly<Record<string, string>>,
  limits: PrometheusLimits = PROMETHEUS_LIMITS,
): Promise<PrometheusTestResult> {
  const start = performance.now();
  try {
    const mapping = countersFromAnswers(await queryAll(url, limits), hosts, overrides);
    return {
      ok: true,
      ms: Math.round(performance.now() - start),
      nodeTargets: mapping.nodeTargets,
      libvirtTargets: mapping.libvirtTargets,
      matched: [...mapping.samples.keys()],
      unmatched: [...mapping.unmatched].map(([hostId, reason]) => ({ hostId, reason })),
    };
  } catch (thrown) {
    return {
      ok: false,
      problem: AppError.from(thrown).message,
      ms: Math.round(performance.now() - start),
      nodeTargets: 0,
      libvirtTargets: 0,
      matched: [],
      unmatched: [],
    };
  }
}

/**
 * The collector's Prometheus source: one set of queries per round for the whole fleet. A host
 * whose node_exporter was not scraped again since the last round is `unchanged` (no new point,
 * rather than a zero rate). Prometheus down: every host falls back to SSH for that round, one
 * log line when the problem starts and one when it ends.
 */
export class PrometheusSource implements MetricsSource {
  private readonly scrapedAt = new Map<HostId, number>();
  private current: MetricsSourceStatus = {
    source: 'ssh',
    state: 'off',
    fromPrometheus: [],
    overSsh: [],
  };
  private problem: string | undefined;
  private coverage: string | undefined;

  constructor(
    private readonly deps: {
      settings: () => PrometheusSettings;
      log: EventLog;
      limits?: PrometheusLimits;
      now?: () => number;
    },
  ) {}

  status(): MetricsSourceStatus {
    return this.current;
  }

  async read(hosts: readonly HostRef[]): Promise<SourceReadings> {
    const settings = this.deps.settings();
    const readings: SourceReadings = new Map();
    if (!settings.enabled || settings.url === '') {
      this.current = { source: 'ssh', state: 'off', fromPrometheus: [], overSsh: [] };
      this.problem = undefined;
      this.coverage = undefined;
      return readings;
    }
    const { url } = settings;
    const start = performance.now();
    let mapping: Mapping;
    try {
      mapping = countersFromAnswers(
        await queryAll(url, this.deps.limits, this.deps.now),
        hosts,
        settings.instances,
      );
    } catch (thrown) {
      const error = AppError.from(thrown);
      this.current = {
        source: 'prometheus',
        url,
        state: 'down',
        problem: error.message,
        lastRoundAt: (this.deps.now ?? Date.now)(),
        lastRoundMs: Math.round(performance.now() - start),
        fromPrometheus: [],
        overSsh: hosts.map((h) => ({ hostId: h.id, reason: { code: 'down' } })),
      };
      if (this.problem !== error.message) {
        this.problem = error.message;
        this.coverage = undefined;
        this.deps.log.append({
          level: 'warning',
          message: `${error.message}; utilisation is sampled over SSH until it answers`,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
        });
      }
      return readings;
    }
    // A host no longer asked (removed) leaves no entry behind: the map is as large as the fleet.
    const asked = new Set<string>(hosts.map((h) => h.id));
    for (const id of this.scrapedAt.keys()) if (!asked.has(id)) this.scrapedAt.delete(id);
    for (const [id, { counters, scrapedAt }] of mapping.samples) {
      readings.set(id, this.scrapedAt.get(id) === scrapedAt ? 'unchanged' : counters);
      this.scrapedAt.set(id, scrapedAt);
    }
    const overSsh = [...mapping.unmatched].map(([hostId, reason]) => ({ hostId, reason }));
    this.current = {
      source: 'prometheus',
      url,
      state: 'ok',
      lastRoundAt: (this.deps.now ?? Date.now)(),
      lastRoundMs: Math.round(performance.now() - start),
      fromPrometheus: [...mapping.samples.keys()],
      overSsh,
    };
    this.problem = undefined;
    this.logCoverage(url, mapping.samples.size, overSsh);
    return readings;
  }

  /** One line when the split between Prometheus and SSH changes, not one per round. */
  private logCoverage(
    url: string,
    served: number,
    overSsh: { hostId: string; reason: PrometheusMiss }[],
  ) {
    const said = overSsh.map((o) => `${o.hostId}: ${prometheusMissWords(o.reason)}`);
    const coverage = `${served}|${said.join(',')}`;
    if (coverage === this.coverage) return;
    this.coverage = coverage;
    const shown = said.slice(0, 5);
    const more = overSsh.length > 5 ? `; and ${overSsh.length - 5} more` : '';
    this.deps.log.append({
      level: 'info',
      message:
        `Utilisation from Prometheus at ${prometheusUrlWords(url)}: ${plural(served, 'host')} read from it` +
        (overSsh.length === 0
          ? ''
          : `, ${overSsh.length} sampled over SSH (${shown.join('; ')}${more})`),
    });
  }
}
