import type { Alert, AlertRule } from '../../../shared/domain/alert';
import type { HostId, ServiceId, VmId } from '../../../shared/domain/ids';
import type { PlanningView } from '../../../shared/placement-input/build-input';
import { AppError } from '../../../shared/errors';
import { ALERT_CHECK_WORDS, alertSummaryWords } from '../../../shared/words/alert-words';
import { createNamer, type Namer } from '../../../shared/words/namer';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { AlertBook } from './alert-book';
import { buildAlertView, type AlertView } from './alert-view';
import { AlertEvaluator, type Transition } from './evaluator';
import { findNMinusOne, type NMinusOneFinding } from './n-minus-one';
import type { RuleStore } from './rule-store';
import type { WebhookSender } from './webhook';

export interface AlertEngineDeps {
  hub: EventHub;
  log: EventLog;
  rules: RuleStore;
  book: AlertBook;
  webhook: WebhookSender;
  /** The fleet as the planners read it (hosts, VMs, services, paths, overcommit). */
  fleet: () => PlanningView;
  newId: () => string;
  now?: () => number;
  /** How often state rules are looked at without a change (durations elapse), default 5 s. */
  tickMs?: number;
  /** At most how often N-1 runs the placement engine, default 30 s. */
  nMinusOneMs?: number;
  /** The metrics' sample interval, read live (how long a quiet object may go unread). */
  sampleIntervalMs?: () => number;
}

/**
 * The alerts at work: metric rules on every host sample, state rules on every change of hosts, VMs,
 * services or paths (and on a tick, so durations elapse), N-1 at a slower rate. Each firing and
 * resolving becomes events for the windows, an event-log line and a webhook delivery.
 */
export class AlertEngine {
  private readonly evaluator: AlertEvaluator;
  private readonly now: () => number;
  private view: { view: AlertView; names: Namer; fleet: PlanningView } | undefined;
  private nMinusOne: { at: number; findings: NMinusOneFinding[]; stale: boolean } | undefined;
  private readonly unlisten: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly lastUpdateEvent = new Map<string, number>();
  /** The failure the log last heard of from a background look (one line each, not per tick). */
  private failing: string | undefined;

  constructor(private readonly deps: AlertEngineDeps) {
    this.evaluator = new AlertEvaluator(deps.book, deps.newId, {
      stateIntervalMs: deps.tickMs ?? 5000,
      ...(deps.sampleIntervalMs === undefined ? {} : { sampleIntervalMs: deps.sampleIntervalMs }),
    });
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    const { hub } = this.deps;
    this.unlisten.push(hub.on('metrics:sampled', (sample) => this.onSample(sample)));
    for (const channel of [
      'hosts:changed',
      'hosts:removed',
      'vms:changed',
      'paths:changed',
      'services:changed',
    ] as const)
      this.unlisten.push(hub.on(channel, () => this.fleetChanged()));
    this.timer = setInterval(() => this.evaluateInBackground('tick'), this.deps.tickMs ?? 5000);
    this.timer.unref();
  }

  stop(): void {
    for (const off of this.unlisten.splice(0)) off();
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.deps.webhook.stop();
  }

  /** Metric rules over one host's sample. */
  onSample(sample: Parameters<AlertEvaluator['sample']>[1]): void {
    const { view } = this.current();
    this.apply(this.evaluator.sample(this.enabledRules(), sample, view));
  }

  /** The fleet changed: the view is rebuilt, N-1 is due again, states are looked at soon. */
  fleetChanged(): void {
    this.view = undefined;
    if (this.nMinusOne) this.nMinusOne.stale = true;
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.evaluateInBackground('fleet-change');
    }, 250);
    this.debounce.unref();
  }

  /** State rules and the sweep, now. */
  evaluateStates(): void {
    const { view } = this.current();
    const rules = this.deps.rules.list();
    this.apply(this.evaluator.states(rules, view, this.findings(rules), this.now()));
  }

  /**
   * A look from a timer: a throw there (the planning view, service health, the placement engine
   * behind N-1) would be an uncaught exception in the main process. It is logged once per
   * distinct failure, with what was being done, and the next tick tries again.
   */
  private evaluateInBackground(doing: 'tick' | 'fleet-change'): void {
    try {
      this.evaluateStates();
    } catch (thrown) {
      const error = AppError.from(thrown);
      if (this.failing === error.message) return;
      this.failing = error.message;
      this.deps.log.append({
        level: 'error',
        message: `${ALERT_CHECK_WORDS[doing]}: ${error.message}`,
        category: 'alert',
        ...(error.detail === undefined ? {} : { detail: error.detail }),
      });
      return;
    }
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.deps.log.append({ level: 'info', message: ALERT_CHECK_WORDS.again, category: 'alert' });
  }

  /** After a rule was saved, deleted or imported: alerts of rules that changed what they watch go. */
  rulesChanged(before: readonly AlertRule[], after: readonly AlertRule[]): void {
    const next = new Map(after.map((r) => [r.id, r]));
    for (const old of before) {
      const now = next.get(old.id);
      const same =
        now !== undefined &&
        JSON.stringify([now.condition, now.scope]) === JSON.stringify([old.condition, old.scope]);
      if (!same) this.apply(this.evaluator.dropRule(old.id, this.now()));
    }
    this.deps.hub.emit('alerts:rules-changed', [...after]);
    this.evaluateStates();
  }

  /** What an alert's log lines carry besides words: filterable and followable without reading them. */
  logFields(alert: Alert, kind: 'fired' | 'resolved' | 'acknowledged') {
    const host = alert.object.hostId;
    return {
      category: 'alert' as const,
      kind,
      alertId: alert.id,
      ...(alert.object.kind === 'vm'
        ? { vmId: alert.object.id as VmId, vmName: alert.object.name }
        : {}),
      ...(alert.object.kind === 'service' ? { serviceId: alert.object.id as ServiceId } : {}),
      ...(host === undefined
        ? {}
        : { hostId: host as HostId, hostName: this.current().names.host(host) }),
    };
  }

  /** Words for an alert, with the fleet's names. */
  summary(alert: Alert): string {
    return alertSummaryWords(alert, this.current().names);
  }

  private enabledRules(): AlertRule[] {
    return this.deps.rules.list().filter((r) => r.enabled);
  }

  private findings(rules: readonly AlertRule[]): NMinusOneFinding[] {
    const wanted = rules.some(
      (r) => r.enabled && r.condition.kind === 'state' && r.condition.state === 'n-minus-1',
    );
    if (!wanted) return [];
    const due =
      !this.nMinusOne ||
      (this.nMinusOne.stale && this.now() - this.nMinusOne.at >= (this.deps.nMinusOneMs ?? 30_000));
    if (due) {
      this.nMinusOne = {
        at: this.now(),
        findings: findNMinusOne(this.current().fleet),
        stale: false,
      };
    }
    return this.nMinusOne?.findings ?? [];
  }

  private current(): { view: AlertView; names: Namer; fleet: PlanningView } {
    if (!this.view) {
      const fleet = this.deps.fleet();
      this.view = { view: buildAlertView(fleet), names: createNamer(fleet), fleet };
    }
    return this.view;
  }

  private apply(transitions: readonly Transition[]): void {
    const { hub, log, webhook } = this.deps;
    for (const { kind, alert } of transitions) {
      if (kind === 'updated') {
        // A firing alert's value moves every sample: the windows hear of it once a minute. A state
        // alert (no value) changes only when its reason does (more broken paths): heard at once.
        const last = this.lastUpdateEvent.get(alert.id) ?? alert.firedAt;
        if (alert.value !== undefined && this.now() - last < 60_000) continue;
        this.lastUpdateEvent.set(alert.id, this.now());
        hub.emit('alerts:changed', alert);
        continue;
      }
      this.lastUpdateEvent.delete(alert.id);
      const summary = this.summary(alert);
      hub.emit(kind === 'fired' ? 'alerts:fired' : 'alerts:resolved', alert);
      hub.emit('alerts:changed', alert);
      log.append({
        level: kind === 'resolved' ? 'info' : alert.severity === 'critical' ? 'error' : 'warning',
        message: `Alert ${kind}: ${summary}`,
        ...this.logFields(alert, kind),
      });
      webhook.enqueue({ kind: 'federator.alert', event: kind, summary, alert, sentAt: this.now() });
    }
  }
}
