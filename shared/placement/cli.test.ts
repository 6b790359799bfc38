import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import type { PlacementPlan } from './plan-types';
import type { planWithWords } from '../words/plan-words';

type Printed = ReturnType<typeof planWithWords>;

const example = new URL('./examples/small-fleet.json', import.meta.url).pathname;

function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    readFile: (path) => files[path] ?? readFileSync(path, 'utf8'),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('placement CLI', () => {
  it('prints a versioned plan for the example fleet, exit 1 because one VM does not fit', () => {
    const { code, stdout, stderr } = run([example]);
    const plan = JSON.parse(stdout) as PlacementPlan;
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(plan.version).toBe(1);
    expect(plan.unplaced.map((u) => u.vm)).toEqual(['bigdata-1']);
    expect(plan.assignments.length).toBeGreaterThan(5);
    expect(plan.stats.hostsUsed).toBeGreaterThanOrEqual(plan.stats.lowerBound);
  });

  it("prints the engine's reasons as data with shared/words' words alongside", () => {
    const [u] = (JSON.parse(run([example, '--no-explain']).stdout) as Printed).unplaced;
    expect(u?.refusals[0]).toMatchObject({ code: 'memory', hosts: 4, shortBy: 98304 });
    expect(u?.reasons).toEqual(['4 hosts: memory short by ≥ 96.0 GiB', '1 host: in maintenance']);
    expect(u?.refusals.map((g) => g.message)).toEqual(u?.reasons);
    expect(u?.suggestions.map((s) => s.message)).toEqual([
      'add a host with at least 4 cores, 192.0 GiB of memory, 500 GiB of disk',
    ]);
  });

  it('evacuates and rebalances on request', () => {
    const evac = JSON.parse(
      run([example, '--evacuate', 'hv-b2', '--no-explain']).stdout,
    ) as PlacementPlan;
    expect(evac.operation).toBe('evacuate');
    expect(evac.moves.map((m) => m.vm)).toEqual(['legacy-ci']);
    const reb = JSON.parse(
      run([example, '--rebalance', '--max-moves', '3']).stdout,
    ) as PlacementPlan;
    expect(reb.operation).toBe('rebalance');
    expect(reb.moves.length).toBeLessThanOrEqual(3);
  });

  it('checks a plan given back to it', () => {
    const plan = run([example]).stdout;
    expect(run([example, '--check', 'plan.json'], { 'plan.json': plan })).toMatchObject({
      code: 0,
    });
    const broken = JSON.parse(plan) as PlacementPlan;
    broken.assignments.push({ vm: 'web-2', application: 'web', host: 'hv-a1' });
    const out = run([example, '--check', 'plan.json'], { 'plan.json': JSON.stringify(broken) });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('duplicate-vm');
  });

  it('exits 2 naming the bad field, or the bad option', () => {
    const bad = JSON.stringify({ hosts: [{ id: 'a', capacity: { cpu: 1 } }], applications: [] });
    expect(run(['in.json'], { 'in.json': bad })).toMatchObject({
      code: 2,
      stderr: 'bad input: hosts[0].capacity.memoryMiB: is required (number)\n',
    });
    expect(run(['in.json'], { 'in.json': '{' }).stderr).toMatch(
      /^bad input: input in.json is not JSON/,
    );
    expect(run([example, '--frobnicate']).code).toBe(2);
    expect(run([]).stderr).toContain('usage: npm run place');
  });
});
