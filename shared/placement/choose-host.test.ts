/**
 * The fast scans (used hosts first, remembered empties, runs of rule-free VMs) must choose exactly
 * what a brute-force scan of every host would: same best host, same runners-up, same scores.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Choice, TOP, chooseHost } from './choose-host';
import { compileInput } from './compiled-input';
import { placementOrder } from './order';
import { randomInput } from './random-input';
import { OK } from './refusal-codes';
import { firstRefusal } from './rules';
import { scoreHost } from './score';
import { PlacementState } from './state';

function bruteForce(s: PlacementState, v: number, keep: number): [number, number][] {
  const ranked: [number, number][] = [];
  for (let h = 0; h < s.fleet.hosts.length; h++) {
    if (firstRefusal(s, v, h, -1) === OK)
      ranked.push([h, scoreHost(s, v, h, s.fleet.mode === 'pack', null)]);
  }
  return ranked.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, keep);
}

describe('chooseHost', () => {
  it('chooses exactly what a scan of every host chooses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom('pack' as const, 'spread' as const),
        fc.boolean(),
        fc.constantFrom(1, TOP),
        (seed, mode, rules, keep) => {
          const f = compileInput(
            randomInput({ seed, hosts: 12, vms: 80, mode, rules, placedShare: 0.2 }),
          );
          const s = new PlacementState(f);
          const choice = new Choice(keep);
          const todo = [...f.vmIds.keys()].filter((v) => s.vmHost[v] === -1);
          for (const group of placementOrder(f, todo)) {
            for (const v of group) {
              const expected = bruteForce(s, v, keep);
              const h = chooseHost(s, v, -1, choice);
              const got = [...choice.hosts.slice(0, choice.count)].map((x, i): [number, number] => [
                x,
                choice.scores[i]!,
              ]);
              expect(got).toEqual(expected);
              if (h >= 0) s.assign(v, h);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('chooseHost on long runs of one VM shape', () => {
  it('stays exact when a run outlives the remembered ranking', () => {
    for (const mode of ['pack', 'spread'] as const) {
      for (const keep of [1, TOP]) {
        const hosts = Array.from({ length: 150 }, (_, i) => ({
          id: `h${i}`,
          capacity: { cpu: 16 + (i % 3) * 8, memoryMiB: 65536 + (i % 5) * 8192, diskGiB: 2000 },
        }));
        const applications = [
          { id: 'a', vcpus: 2, memoryMiB: 4096, diskGiB: 40, replicas: 500 },
          { id: 'b', vcpus: 1, memoryMiB: 2048, replicas: 300 },
        ];
        const f = compileInput({ hosts, applications, policy: { mode } });
        const s = new PlacementState(f);
        const choice = new Choice(keep);
        for (const [v] of placementOrder(f, [...f.vmIds.keys()])) {
          const expected = bruteForce(s, v!, keep);
          const h = chooseHost(s, v!, -1, choice);
          expect([...choice.hosts.slice(0, choice.count)]).toEqual(expected.map(([x]) => x));
          if (h >= 0) s.assign(v!, h);
        }
      }
    }
  });
});
