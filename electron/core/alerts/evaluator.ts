import type {
  Alert,
  AlertObject,
  AlertReason,
  AlertResolution,
  AlertRule,
  MetricCondition,
  StateCondition,
} from '../../../shared/domain/alert';
import type { HostSample } from '../../../shared/domain/metrics';
import { isActive } from '../../../shared/domain/vm';
import { alertKey, type AlertBook } from './alert-book';
import { inScope } from './alert-scope';
import type { AlertView } from './alert-view';
import { ConditionTracker, metricObservation, type Observation } from './condition-tracker';
import type { NMinusOneFinding } from './n-minus-one';
import { metricReadings, stateReadings } from './readings';

/** What one evaluation did to one alert; the engine turns it into events, log lines, the webhook. */
export interface Transition {
  kind: 'fired' | 'resolved' | 'updated';
  alert: Alert;
}

type MetricRule = AlertRule & { condition: MetricCondition };
type StateRule = AlertRule & { condition: StateCondition };

const isMetric = (r: AlertRule): r is MetricRule => r.enabled && r.condition.kind === 'metric';
const isState = (r: AlertRule): r is StateRule => r.enabled && r.condition.kind === 'state';

export interface EvaluatorOptions {
  /** The metrics' sample interval (the setting, read live); default 10 s. */
  sampleIntervalMs?: () => number;
  /** How often state rules are looked at (the engine's tick); default 5 s. */
  stateIntervalMs?: number;
}

/**
 * A breach is continuous only if its object was looked at every interval: a gap of more than this
 * many intervals (two missed looks) starts its duration over; one missed look, or a late one, not.
 */
const GAP_INTERVALS = 2.5;

/**
 * A firing metric alert whose object gave no reading for this many sample intervals (at least a
 * minute) resolves: generous, so that a slow host skipped for a round or two does not flap it.
 */
const QUIET_INTERVALS = 5;
const QUIET_MIN_MS = 60_000;

/**
 * Rules against what the fleet reports: metric rules per host sample, state rules per look at the
 * fleet. Each (rule, object) has one tracker (duration) and at most one open alert in the book.
 */
export class AlertEvaluator {
  private readonly tracker = new ConditionTracker();
  /** When each open metric alert's object was last read (the sweep resolves the quiet ones). */
  private readonly lastReading = new Map<string, number>();
  private readonly intervalMs: () => number;
  private readonly stateIntervalMs: number;

  constructor(
    private readonly book: AlertBook,
    private readonly newId: () => string,
    options: EvaluatorOptions = {},
  ) {
    this.intervalMs = options.sampleIntervalMs ?? (() => 10_000);
    this.stateIntervalMs = options.stateIntervalMs ?? 5000;
  }

  /** Metric rules over one host's sample (its VMs with it), timed by the sample's own clock. */
  sample(rules: readonly AlertRule[], sample: HostSample, view: AlertView): Transition[] {
    const out: Transition[] = [];
    for (const rule of rules.filter(isMetric)) {
      const c = rule.condition;
      for (const { object, value } of metricReadings(c.metric, sample, view)) {
        if (!inScope(rule.scope, object, view)) continue;
        const why: AlertReason = {
          code: 'metric',
          metric: c.metric,
          op: c.op,
          value: round(value),
          threshold: c.threshold,
          forSeconds: c.forSeconds,
        };
        const seen = metricObservation(c, value, sample.at);
        const figures = { value: round(value), threshold: c.threshold };
        this.step(rule, object, seen, why, out, figures, GAP_INTERVALS * this.intervalMs());
        const key = alertKey(rule.id, object);
        if (this.book.get(key)) this.lastReading.set(key, sample.at);
      }
    }
    return out;
  }

  /**
   * State rules over the fleet as it is now, and the sweep: an open alert whose object is gone or
   * out of its rule's scope resolves, as does one whose rule is deleted or turned off, and a metric
   * alert whose object no longer reports (a VM shut off, a host that gives no samples).
   */
  states(
    rules: readonly AlertRule[],
    view: AlertView,
    nMinusOne: readonly NMinusOneFinding[],
    now: number,
  ): Transition[] {
    const out: Transition[] = [];
    const live = new Set<string>();
    for (const rule of rules.filter(isState)) {
      for (const { object, why } of stateReadings(rule.condition.state, view, nMinusOne)) {
        if (!inScope(rule.scope, object, view)) continue;
        live.add(alertKey(rule.id, object));
        const seen: Observation = { breach: why !== undefined, clear: why === undefined, at: now };
        this.step(rule, object, seen, why, out, {}, GAP_INTERVALS * this.stateIntervalMs);
      }
    }
    const byId = new Map(rules.map((r) => [r.id, r]));
    for (const [key, alert] of [...this.book.openKeys()]) {
      const rule = byId.get(alert.ruleId);
      const keep =
        rule !== undefined &&
        rule.enabled &&
        (rule.condition.kind === 'state'
          ? live.has(key)
          : present(alert.object, view) && inScope(rule.scope, alert.object, view));
      if (!keep) this.resolve(key, now, out);
      else if (rule.condition.kind === 'metric') {
        const quiet = this.quiet(key, alert.object, view, now);
        if (quiet) this.resolve(key, now, out, quiet);
      }
    }
    this.tracker.forgetRules((rule) => byId.get(rule)?.enabled === true);
    this.tracker.expire(now);
    return out;
  }

  /** A rule edited in what it watches, or deleted: its alerts resolve and its timers restart. */
  dropRule(ruleId: string, now: number): Transition[] {
    const out: Transition[] = [];
    for (const [key, alert] of [...this.book.openKeys()])
      if (alert.ruleId === ruleId) this.resolve(key, now, out);
    this.tracker.forgetRules((rule) => rule !== ruleId);
    return out;
  }

  /** Breaches under way, awaiting their duration (tests: the bound on memory). */
  get pendingBreaches(): number {
    return this.tracker.pending;
  }

  private step(
    rule: AlertRule,
    object: AlertObject,
    seen: Observation,
    why: AlertReason | undefined,
    out: Transition[],
    figures: { value?: number; threshold?: number },
    maxGapMs: number,
  ): void {
    const key = alertKey(rule.id, object);
    const open = this.book.get(key);
    const forMs = rule.condition.forSeconds * 1000;
    const timer = { rule: rule.id, object: `${object.kind}:${object.id}` };
    const step = this.tracker.step(timer, open !== undefined, seen, forMs, maxGapMs);
    if (step === 'resolve') this.resolve(key, seen.at, out);
    else if (step === 'fire' && why !== undefined) {
      const alert: Alert = {
        id: this.newId(),
        ruleId: rule.id,
        ruleName: rule.name,
        severity: rule.severity,
        object,
        status: 'firing',
        firedAt: seen.at,
        ...figures,
        why,
      };
      const fired = this.book.fire(key, alert);
      if (fired.opened) out.push({ kind: 'fired', alert: fired.alert });
    } else if (open && figures.value !== undefined && figures.value !== open.value && why) {
      const updated = this.book.update(key, { value: figures.value, why });
      if (updated) out.push({ kind: 'updated', alert: updated });
    } else if (open && figures.value === undefined && why && !sameReason(open.why, why)) {
      // A state whose reason grows (more broken paths at one host): the open alert says it now.
      const updated = this.book.update(key, { why });
      if (updated) out.push({ kind: 'updated', alert: updated });
    }
  }

  /** Why a metric alert's object no longer reports, if it does not. */
  private quiet(
    key: string,
    object: AlertObject,
    view: AlertView,
    now: number,
  ): AlertResolution | undefined {
    const vm = object.kind === 'vm' ? view.vms.get(object.id) : undefined;
    if (vm && !isActive(vm.state)) return { code: 'vm-inactive', state: vm.state };
    const last = this.lastReading.get(key);
    // Not read in this run yet (kept from the last one): its samples get their full time.
    if (last === undefined) this.lastReading.set(key, now);
    const quietMs = Math.max(QUIET_MIN_MS, QUIET_INTERVALS * this.intervalMs());
    return last !== undefined && now - last > quietMs
      ? { code: 'no-samples', lastAt: last }
      : undefined;
  }

  private resolve(key: string, at: number, out: Transition[], resolution?: AlertResolution): void {
    this.lastReading.delete(key);
    const done = this.book.resolve(key, at, resolution);
    if (done) out.push({ kind: 'resolved', alert: done });
  }
}

function present(object: AlertObject, view: AlertView): boolean {
  return object.kind === 'vm' ? view.vms.has(object.id) : view.hosts.has(object.id);
}

const round = (x: number): number => Math.round(x * 10) / 10;

function sameReason(a: AlertReason, b: AlertReason): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
