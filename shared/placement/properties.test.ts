/**
 * Property tests on random fleets with every rule in play (labels, hypervisors, zones, spread,
 * co-location, services, priorities, host states, blocked paths, VMs already placed at random):
 * the independent checker must find no broken hard rule in any plan, plans must be deterministic,
 * rebalance must reach a fixed point, and what-if must agree with the checker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan } from './apply-plan';
import { checkPlan } from './checker';
import { evacuate } from './evacuate';
import type { PlacementInput } from './input-types';
import { place } from './place';
import type { PlacementPlan } from './plan-types';
import { randomInput } from './random-input';
import { rebalance } from './rebalance';
import { createWhatIfSession, whatIf, whatIfVerdict } from './what-if';
import { ID_NAMER } from '../words/namer';
import { unplacedWords } from '../words/plan-words';

// PLACEMENT_PROPERTY_RUNS=5000 for a long hunt; the default keeps the unit suite fast.
const RUNS = Number(process.env.PLACEMENT_PROPERTY_RUNS ?? 150);
const TIMEOUT = Math.max(10_000, RUNS * 10);
const fleetArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  hosts: fc.integer({ min: 1, max: 14 }),
  vms: fc.integer({ min: 1, max: 40 }),
  mode: fc.constantFrom('pack' as const, 'spread' as const),
  placedShare: fc.constantFrom(0, 0.3, 0.8),
});
type FleetArgs = typeof fleetArb extends fc.Arbitrary<infer T> ? T : never;
const fleetOf = (o: FleetArgs): PlacementInput =>
  randomInput({ ...o, rules: true, serviceShare: 0.3, zones: 3 });
const stable = (p: PlacementPlan): string =>
  JSON.stringify({ ...p, stats: { ...p.stats, elapsedMs: 0 } });
const violations = (input: PlacementInput, plan: PlacementPlan): string[] =>
  checkPlan(input, plan).violations.map((v) => v.message);

describe('placement properties', () => {
  it(
    'place breaks no hard rule, keeps services whole, and is deterministic',
    () => {
      fc.assert(
        fc.property(fleetArb, (o) => {
          const input = fleetOf(o);
          const plan = place(input);
          expect(violations(input, plan)).toEqual([]);
          expect(stable(place(structuredClone(input)))).toBe(stable(plan));
          for (const u of plan.unplaced)
            expect(unplacedWords(u, ID_NAMER).length).toBeGreaterThan(0);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'evacuate breaks no hard rule and empties the hosts',
    () => {
      fc.assert(
        fc.property(fleetArb, fc.integer({ min: 0, max: 1000 }), (o, pick) => {
          const input = applyPlan(fleetOf(o), place(fleetOf(o)));
          const target = input.hosts[pick % input.hosts.length]!.id;
          const plan = evacuate(input, { hosts: [target] });
          expect(violations(input, plan)).toEqual([]);
          expect(plan.assignments.filter((a) => a.host === target)).toEqual([]);
          expect(stable(evacuate(structuredClone(input), { hosts: [target] }))).toBe(stable(plan));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'rebalance breaks no hard rule and gives 0 moves on its own output',
    () => {
      fc.assert(
        fc.property(fleetArb, (o) => {
          const input = applyPlan(fleetOf(o), place(fleetOf(o)));
          const plan = rebalance(input, { maxMoves: 1000 });
          expect(violations(input, plan)).toEqual([]);
          expect(plan.truncated).toBe(false);
          // Paths are checked from where a VM is: with blocked pairs, a re-run may find a second
          // hop (A→B→C where A→C is blocked). Without them the result is a fixed point.
          const open = { ...input, unreachable: [] };
          const first = rebalance(open, { maxMoves: 1000 });
          expect(rebalance(applyPlan(open, first), { maxMoves: 1000 }).moves).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'what-if agrees with the independent checker on single moves',
    () => {
      fc.assert(
        fc.property(
          fleetArb,
          fc.integer({ min: 0, max: 10_000 }),
          fc.integer({ min: 0, max: 1000 }),
          (o, i, j) => {
            const input = fleetOf({ ...o, placedShare: 0.8 });
            const placed = (input.vms ?? []).filter((v) => v.host !== undefined);
            fc.pre(placed.length > 0);
            const vm = placed[i % placed.length]!;
            const to = input.hosts[j % input.hosts.length]!.id;
            const session = createWhatIfSession(input);
            const verdict = whatIfVerdict(session, vm.id, to);
            const answer = whatIf(session, [{ vm: vm.id, host: to }]);
            const moved: PlacementPlan = {
              ...place({ hosts: [], applications: [] }),
              operation: 'rebalance',
              assignments: placed.map((v) => ({
                vm: v.id,
                application: v.application,
                host: v.id === vm.id ? to : v.host!,
              })),
            };
            const report = checkPlan(input, moved);
            expect(verdict === null).toBe(report.ok);
            expect(answer.ok).toBe(report.ok);
            if (verdict !== null) expect(answer.moves[0]?.refusals[0]?.code).toBe(verdict);
          },
        ),
        { numRuns: RUNS * 2 },
      );
    },
    TIMEOUT,
  );
});
