/**
 * Duration and hysteresis for one (rule, object) pair, as a pure state machine: an alert fires once
 * its condition has held for the rule's duration without a break, and resolves only once the clear
 * condition holds (for a metric: back past the clear threshold, not merely under the threshold).
 * Between the two the alert stays as it is: a value that wobbles around the threshold neither
 * floods nor flaps.
 */

/** One look at an object: does it breach the rule, does it clear it (both false: in between). */
export interface Observation {
  breach: boolean;
  clear: boolean;
  at: number;
}

export type Step = 'fire' | 'resolve' | 'hold' | 'idle';

/** A breach under way: since when, when it was last seen, and the longest gap it may have. */
interface Pending {
  since: number;
  last: number;
  maxGapMs: number;
}

/** Which timer: a rule's on one object (kept apart, not joined into one string that could collide). */
export interface TrackerKey {
  rule: string;
  object: string;
}

export class ConditionTracker {
  /** The current unbroken breach, per rule and object; absent: not breaching. */
  private readonly byRule = new Map<string, Map<string, Pending>>();

  /**
   * What one observation does to `key`, whose alert is `open` or not. `forMs`: how long a breach
   * must last. A breach that breaks before then starts over, and so does one not looked at for
   * more than `maxGapMs` (samples missed: a VM shut off and started again, a host unreachable):
   * what it did meanwhile is unknown, so it was not a continuous breach.
   */
  step(
    key: TrackerKey,
    open: boolean,
    seen: Observation,
    forMs: number,
    maxGapMs = Infinity,
  ): Step {
    const timers = this.byRule.get(key.rule);
    if (open || !seen.breach) {
      timers?.delete(key.object);
      if (timers?.size === 0) this.byRule.delete(key.rule);
      if (open) return seen.clear ? 'resolve' : 'hold';
      return 'idle';
    }
    const before = timers?.get(key.object);
    const since =
      before === undefined || seen.at - before.last > before.maxGapMs ? seen.at : before.since;
    if (seen.at - since >= forMs) {
      timers?.delete(key.object);
      if (timers?.size === 0) this.byRule.delete(key.rule);
      return 'fire';
    }
    const next = { since, last: seen.at, maxGapMs };
    if (timers) timers.set(key.object, next);
    else this.byRule.set(key.rule, new Map([[key.object, next]]));
    return 'hold';
  }

  /** Forget the timers of every rule that `keep` refuses (edited, deleted, turned off). */
  forgetRules(keep: (rule: string) => boolean): void {
    for (const rule of this.byRule.keys()) if (!keep(rule)) this.byRule.delete(rule);
  }

  /**
   * Forget breaches not looked at for longer than their gap by `now`: their next look starts over
   * anyway, and an object gone from the fleet (a deleted VM or host) gets no more looks.
   */
  expire(now: number): void {
    for (const [rule, timers] of this.byRule) {
      for (const [object, p] of timers) if (now - p.last > p.maxGapMs) timers.delete(object);
      if (timers.size === 0) this.byRule.delete(rule);
    }
  }

  /** Breaches under way (for tests and the bound on memory). */
  get pending(): number {
    let n = 0;
    for (const timers of this.byRule.values()) n += timers.size;
    return n;
  }
}

/** The breach and clear conditions of a metric rule at `value` (`clear` defaults to the threshold). */
export function metricObservation(
  condition: { op: 'above' | 'below'; threshold: number; clear?: number | undefined },
  value: number,
  at: number,
): Observation {
  const clear = condition.clear ?? condition.threshold;
  return condition.op === 'above'
    ? { breach: value > condition.threshold, clear: value <= clear, at }
    : { breach: value < condition.threshold, clear: value >= clear, at };
}
