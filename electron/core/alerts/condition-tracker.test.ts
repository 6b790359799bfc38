import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConditionTracker, metricObservation } from './condition-tracker';

const rule = { op: 'above' as const, threshold: 90, clear: 80 };
const STEP = 10_000;
const K = { rule: 'r', object: 'k' };

/** Feed values one sample apart; the alert's open/closed state after each. */
function run(values: readonly number[], forMs: number): { open: boolean[]; fired: number } {
  const tracker = new ConditionTracker();
  let open = false;
  let fired = 0;
  const states = values.map((v, i) => {
    const step = tracker.step(K, open, metricObservation(rule, v, i * STEP), forMs);
    if (step === 'fire') {
      open = true;
      fired += 1;
    }
    if (step === 'resolve') open = false;
    return open;
  });
  return { open: states, fired };
}

describe('ConditionTracker', () => {
  it('fires only after the breach lasted the duration, and resolves only at the clear threshold', () => {
    const values = [95, 95, 95, 85, 85, 95, 79, 95];
    const { open } = run(values, 2 * STEP);
    // 0 s, 10 s: pending; 20 s: 2 × 10 s held → fires; 85 is between: stays; 79 clears.
    expect(open).toEqual([false, false, true, true, true, true, false, false]);
  });

  it('starts the duration over when the breach breaks', () => {
    const { open } = run([95, 95, 89, 95, 95, 95], 2 * STEP);
    expect(open).toEqual([false, false, false, false, false, true]);
  });

  it('starts the duration over after a gap in the samples (a VM restarted, a host back)', () => {
    const tracker = new ConditionTracker();
    const at = (t: number) => metricObservation(rule, 95, t);
    const gap = 2.5 * STEP;
    expect(tracker.step(K, false, at(0), 6 * STEP, gap)).toBe('hold');
    expect(tracker.step(K, false, at(STEP), 6 * STEP, gap)).toBe('hold');
    // A day on, the first breaching sample does not fire: the breach starts again from here.
    const day = 24 * 3600_000;
    expect(tracker.step(K, false, at(day), 6 * STEP, gap)).toBe('hold');
    // One missed sample (a gap of two intervals) is not a break.
    expect(tracker.step(K, false, at(day + 2 * STEP), 6 * STEP, gap)).toBe('hold');
    expect(tracker.step(K, false, at(day + 4 * STEP), 6 * STEP, gap)).toBe('hold');
    expect(tracker.step(K, false, at(day + 6 * STEP), 6 * STEP, gap)).toBe('fire');
  });

  it('forgets breaches that got no look for longer than their gap (objects gone)', () => {
    const tracker = new ConditionTracker();
    tracker.step(
      { rule: 'r', object: 'a' },
      false,
      metricObservation(rule, 95, 0),
      6 * STEP,
      2.5 * STEP,
    );
    tracker.step(
      { rule: 'r', object: 'b' },
      false,
      metricObservation(rule, 95, 20 * STEP),
      6 * STEP,
      2.5 * STEP,
    );
    tracker.expire(22 * STEP);
    expect(tracker.pending).toBe(1);
    tracker.expire(23 * STEP);
    expect(tracker.pending).toBe(0);
  });

  it('property: never fires before the duration, never resolves above the clear threshold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 60, max: 100 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 5 }),
        (values, samples) => {
          const forMs = samples * STEP;
          const { open } = run(values, forMs);
          open.forEach((isOpen, i) => {
            const was = i > 0 && open[i - 1] === true;
            if (isOpen && !was) {
              // Opened at i: the last `samples + 1` values all breached.
              const window = values.slice(Math.max(0, i - samples), i + 1);
              expect(window.length).toBe(samples + 1);
              expect(window.every((v) => v > rule.threshold)).toBe(true);
            }
            if (!isOpen && was) expect(values[i]).toBeLessThanOrEqual(rule.clear);
            if (isOpen && was) expect(values[i]).toBeGreaterThan(rule.clear);
          });
        },
      ),
    );
  });

  it('mirrors for a "below" rule (disk free)', () => {
    const below = { op: 'below' as const, threshold: 10, clear: 15 };
    expect(metricObservation(below, 5, 0)).toEqual({ breach: true, clear: false, at: 0 });
    expect(metricObservation(below, 12, 0)).toEqual({ breach: false, clear: false, at: 0 });
    expect(metricObservation(below, 15, 0)).toEqual({ breach: false, clear: true, at: 0 });
  });
});
