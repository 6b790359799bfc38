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

export class ConditionTracker {
  /** The current unbroken breach, per key; absent: not breaching. */
  private readonly pendingSince = new Map<string, Pending>();

  /**
   * What one observation does to `key`, whose alert is `open` or not. `forMs`: how long a breach
   * must last. A breach that breaks before then starts over, and so does one not looked at for
   * more than `maxGapMs` (samples missed: a VM shut off and started again, a host unreachable):
   * what it did meanwhile is unknown, so it was not a continuous breach.
   */
  step(key: string, open: boolean, seen: Observation, forMs: number, maxGapMs = Infinity): Step {
    if (open) {
      this.pendingSince.delete(key);
      return seen.clear ? 'resolve' : 'hold';
    }
    if (!seen.breach) {
      this.pendingSince.delete(key);
      return 'idle';
    }
    const before = this.pendingSince.get(key);
    const since =
      before === undefined || seen.at - before.last > before.maxGapMs ? seen.at : before.since;
    if (seen.at - since >= forMs) {
      this.pendingSince.delete(key);
      return 'fire';
    }
    this.pendingSince.set(key, { since, last: seen.at, maxGapMs });
    return 'hold';
  }

  /** Forget every key that `keep` refuses (a rule edited or deleted, an object gone). */
  forget(keep: (key: string) => boolean): void {
    for (const key of this.pendingSince.keys()) if (!keep(key)) this.pendingSince.delete(key);
  }

  /**
   * Forget breaches not looked at for longer than their gap by `now`: their next look starts over
   * anyway, and an object gone from the fleet (a deleted VM or host) gets no more looks.
   */
  expire(now: number): void {
    for (const [key, p] of this.pendingSince)
      if (now - p.last > p.maxGapMs) this.pendingSince.delete(key);
  }

  /** Keys with a breach under way (for tests and the bound on memory). */
  get pending(): number {
    return this.pendingSince.size;
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
