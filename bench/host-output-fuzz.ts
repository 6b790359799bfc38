/**
 * Feeds every parser of host output the fuzz inputs of the unit test and prints, per parser, how
 * each case ended: a value within bounds, a typed parse-error, or a failure (a plain Error, a value
 * out of range, a case slower than SLOW_MS). `npx tsx bench/host-output-fuzz.ts [runs] [seed]`
 */
import fc from 'fast-check';
import { classify, type Outcome } from '../electron/testing/host-output-fuzz';
import { HOST_OUTPUT_TARGETS } from '../electron/testing/host-output-targets';

const runs = Number(process.argv[2] ?? 400);
const seed = Number(process.argv[3] ?? 1);
const outcomes: Outcome[] = ['value', 'typed-error', 'plain-error', 'out-of-range', 'slow'];
const total = new Map<Outcome, number>(outcomes.map((o) => [o, 0]));

console.log(`${runs} cases per parser, seed ${seed}`);
console.log(['parser'.padEnd(64), ...outcomes.map((o) => o.padStart(12))].join(''));
for (const target of HOST_OUTPUT_TARGETS) {
  const counts = new Map<Outcome, number>(outcomes.map((o) => [o, 0]));
  const firstBad = new Map<Outcome, string>();
  for (const input of fc.sample(target.inputs, { numRuns: runs, seed })) {
    const { outcome, why } = classify(target, input);
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    total.set(outcome, (total.get(outcome) ?? 0) + 1);
    if (outcome !== 'value' && outcome !== 'typed-error' && !firstBad.has(outcome)) {
      firstBad.set(outcome, why.slice(0, 120));
    }
  }
  console.log(
    [
      target.name.slice(0, 63).padEnd(64),
      ...outcomes.map((o) => String(counts.get(o)).padStart(12)),
    ].join(''),
  );
  for (const [outcome, why] of firstBad) console.log(`    first ${outcome}: ${why}`);
}
console.log(
  ['total'.padEnd(64), ...outcomes.map((o) => String(total.get(o)).padStart(12))].join(''),
);
