/**
 * Pack mode's improvement phase: it saves hosts the greedy pass wastes, never uses more, keeps
 * every hard rule (checked by the independent checker), leaves VMs the input placed alone, and is
 * deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './checker';
import { app, host } from './fixtures';
import type { PlacementInput } from './input-types';
import { place } from './place';
import type { PlacementPlan } from './plan-types';
import { randomInput } from './random-input';
import { vectorClassFleet } from './vector-classes';

const RUNS = Number(process.env.PLACEMENT_PROPERTY_RUNS ?? 150);
const TIMEOUT = Math.max(10_000, RUNS * 20);
// Results, not times, are asserted below: a place() of hundreds of VMs takes 1–2 s here, far more in
// CI's parallel run on 2 cores (a 5 s default was seen to run out under load).
const HEAVY_MS = 60_000;
const stable = (p: PlacementPlan): string =>
  JSON.stringify({ ...p, stats: { ...p.stats, elapsedMs: 0 } });

// Six VMs on hosts of 10 cores / 10 GiB: 19 vCPUs and 18 GiB fit on two hosts, but both greedy
// orders (largest first and the shuffle) end on three.
const sixVms: PlacementInput = {
  hosts: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => host(id, 10, 10_240)),
  applications: [
    [1, 3],
    [1, 4],
    [8, 3],
    [6, 6],
    [2, 1],
    [1, 1],
  ].map(([cpu, gib], i) => app(`x${i}`, cpu!, gib! * 1024)),
  policy: { mode: 'pack' },
};

describe('pack: improvement phase', () => {
  it('empties a host the greedy pass leaves in use', () => {
    const greedy = place(sixVms, { repack: false });
    const plan = place(sixVms);
    expect(greedy.stats.hostsUsed).toBe(3);
    expect(plan.stats).toMatchObject({ hostsUsed: 2, lowerBound: 2, placed: 6, unplaced: 0 });
    expect(checkPlan(sixVms, plan).violations).toEqual([]);
  });

  it('explains a moved VM by its final host and the host it emptied', () => {
    const plan = place(sixVms);
    const hostOf = new Map(plan.assignments.map((a) => [a.vm, a.host]));
    const moved = plan.explanations.filter((e) => e.repacked !== undefined);
    expect(moved.length).toBeGreaterThan(0);
    for (const e of plan.explanations) expect(e.host).toBe(hostOf.get(e.vm));
    const used = new Set(hostOf.values());
    for (const e of moved) expect(used.has(e.repacked?.emptied ?? '')).toBe(false);
  });

  it('does not run in spread mode or when a VM is left unplaced', () => {
    const spread = { ...sixVms, policy: { mode: 'spread' as const } };
    expect(stable(place(spread))).toBe(stable(place(spread, { repack: false })));
    const crowded: PlacementInput = {
      ...sixVms,
      hosts: sixVms.hosts.slice(0, 2),
      applications: [...sixVms.applications, app('big', 10, 10_240)],
    };
    const plan = place(crowded);
    expect(plan.unplaced.length).toBeGreaterThan(0);
    expect(stable(plan)).toBe(stable(place(crowded, { repack: false })));
  });

  it('never moves a VM the input placed, so a host running one is never emptied', () => {
    const input: PlacementInput = {
      ...sixVms,
      vms: [{ id: 'x5-1', application: 'x5', host: 'f' }],
    };
    const plan = place(input);
    expect(plan.assignments.find((a) => a.vm === 'x5-1')?.host).toBe('f');
    expect(plan.moves).toEqual([]);
    expect(checkPlan(input, plan).violations).toEqual([]);
  });

  it(
    'keeps every hard rule, never uses more hosts than the greedy pass, and is deterministic',
    () => {
      const arb = fc.record({
        seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        hosts: fc.integer({ min: 2, max: 16 }),
        vms: fc.integer({ min: 2, max: 60 }),
        placedShare: fc.constantFrom(0, 0.2, 0.5),
        rules: fc.boolean(),
      });
      fc.assert(
        fc.property(arb, (o) => {
          const input = randomInput({ ...o, mode: 'pack', serviceShare: 0.3, zones: 3 });
          const plan = place(input);
          const greedy = place(input, { repack: false });
          const report = checkPlan(input, plan);
          expect(report.violations).toEqual([]);
          expect(plan.stats.hostsUsed).toBeLessThanOrEqual(greedy.stats.hostsUsed);
          // The bound holds for plans within capacity; VMs placed at random may overload a host.
          if (report.preexisting.length === 0) {
            expect(plan.stats.hostsUsed).toBeGreaterThanOrEqual(plan.stats.lowerBound);
          }
          expect(plan.stats.placed).toBe(greedy.stats.placed);
          expect(stable(place(structuredClone(input)))).toBe(stable(plan));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'saves hosts on the harder benchmark mix at 1,000 VMs (time: a ceiling only; the bench measures)',
    () => {
      let saved = 0;
      for (const seed of [1, 2, 3]) {
        const input = randomInput({
          seed,
          hosts: 200,
          vms: 1000,
          mode: 'pack',
          disks: 'independent',
        });
        const greedy = place(input, { explain: false, repack: false });
        const t = performance.now();
        const plan = place(input, { explain: false });
        // A generous ceiling: the bench (npm run bench) prints the real figure (0.2–0.7 s CPU here).
        expect(performance.now() - t).toBeLessThan(5000);
        expect(checkPlan(input, plan).violations).toEqual([]);
        saved += greedy.stats.hostsUsed - plan.stats.hostsUsed;
      }
      expect(saved).toBeGreaterThan(0);
    },
    HEAVY_MS,
  );

  it(
    'searches wider in a second run: Caprara & Toth class 10 at 498 VMs on 170 hosts, not 175',
    () => {
      // The optimum is 166 (the class fills its hosts exactly); the first run alone stops at 175.
      const input = vectorClassFleet(10, 498, 1);
      const plan = place(input, { explain: false });
      expect(plan.stats.lowerBound).toBe(166);
      expect(plan.stats.hostsUsed).toBeLessThanOrEqual(170);
      expect(checkPlan(input, plan).violations).toEqual([]);
      expect(stable(place(input, { explain: false }))).toBe(stable(plan));
    },
    HEAVY_MS,
  );

  it(
    'empties two hosts into one by a tabu search: class 4 at 100 VMs on 13 hosts, class 10 at 198 on 69',
    () => {
      // Both runs of repack.ts stop at 14 and 71; 13 is the bound (so the optimum), 66 class 10's.
      for (const [cls, vms, most] of [
        [4, 100, 13],
        [10, 198, 69],
      ] as const) {
        const input = vectorClassFleet(cls, vms, 1);
        const plan = place(input, { explain: false });
        expect(plan.stats.hostsUsed).toBeLessThanOrEqual(most);
        expect(plan.stats.hostsUsed).toBeGreaterThanOrEqual(plan.stats.lowerBound);
        expect(checkPlan(input, plan).violations).toEqual([]);
        expect(stable(place(input, { explain: false }))).toBe(stable(plan));
      }
    },
    HEAVY_MS,
  );

  it(
    'refills hosts in a last run: class 9 at 100 VMs on 28 hosts, 29 without (the bound is 27)',
    () => {
      const input = vectorClassFleet(9, 100, 1);
      const plan = place(input, { explain: false });
      const before = place(input, { explain: false, refill: false });
      expect(before.stats.hostsUsed).toBe(29);
      expect(plan.stats.hostsUsed).toBeLessThanOrEqual(28);
      expect(checkPlan(input, plan).violations).toEqual([]);
      expect(stable(place(input, { explain: false }))).toBe(stable(plan));
    },
    HEAVY_MS,
  );

  it(
    'never uses more hosts with the refill run than without it, and keeps every hard rule',
    () => {
      // Every class at 60 VMs, and random fleets with rules (labels, hypervisors, spread and
      // co-location, soft rules, host states): on seeds 17, 75 and 87 the refill run saves a host.
      const inputs: PlacementInput[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((c) =>
        vectorClassFleet(c, 60, 2),
      );
      const rulesSeeds = [17, 75, 87, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      for (const seed of rulesSeeds) {
        const o = { seed, hosts: 16, vms: 60, serviceShare: 0.3, zones: 3, rules: true };
        inputs.push(randomInput({ ...o, mode: 'pack' }));
      }
      let saved = 0;
      for (const input of inputs) {
        const plan = place(input, { explain: false });
        const before = place(input, { explain: false, refill: false });
        expect(plan.stats.hostsUsed).toBeLessThanOrEqual(before.stats.hostsUsed);
        expect(checkPlan(input, plan).violations).toEqual([]);
        saved += before.stats.hostsUsed - plan.stats.hostsUsed;
      }
      expect(saved).toBeGreaterThanOrEqual(3);
    },
    HEAVY_MS,
  );
});
