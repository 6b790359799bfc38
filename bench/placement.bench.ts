/**
 * Placement engine figures on generated fleets (seeded, realistic VM size mix), next to plain
 * baselines computed in the same run: engine time vs a first-fit scan, what-if latency, and hosts
 * used in pack mode vs the lower bound and first-fit-decreasing.
 */
import { availableParallelism, loadavg } from 'node:os';
import { applyPlan } from '../shared/placement/apply-plan';
import type { PlacementInput } from '../shared/placement/input-types';
import { place } from '../shared/placement/place';
import { randomInput } from '../shared/placement/random-input';
import { createWhatIfSession, whatIf, whatIfVerdict } from '../shared/placement/what-if';
import { firstFit } from './baselines';
import { fmtMs, fmtTiming, percentile, time } from './measure';
import { comparePack, packLine } from './pack-compare';

const SEED = 42;
const RUNS = 9;
const log = (line: string): void => console.log(`placement: ${line}`);

/** Prints every placement figure. */
export function run(): void {
  const input = randomInput({
    seed: SEED,
    hosts: 1000,
    vms: 10_000,
    mode: 'pack',
    serviceShare: 0.1,
  });
  const inServices = input.applications.filter((a) => a.service !== undefined);
  const serviceVms = inServices.reduce((n, a) => n + (a.replicas ?? 1), 0);
  log(
    `fleet seed ${SEED}: 1000 identical hosts, 10000 VMs, ${serviceVms} of them in ` +
      `${new Set(inServices.map((a) => a.service)).size} services with hard spread; ` +
      `node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}, ` +
      `single-threaded engine`,
  );
  timing(input);
  whatIfLatency(input);
  packQuality('by-flavour');
  packQuality('independent');
}

function timing(input: PlacementInput): void {
  const spread: PlacementInput = { ...input, policy: { ...input.policy, mode: 'spread' } };
  const baseline = time(() => firstFit(input), RUNS);
  const greedy = time(() => place(input, { explain: false, repack: false }), RUNS);
  const pack = time(() => place(input, { explain: false }), RUNS);
  const packExplained = time(() => place(input), RUNS);
  const spreadBare = time(() => place(spread, { explain: false }), RUNS);
  const spreadExplained = time(() => place(spread), RUNS);
  log(
    `place 10000 VMs, median of ${RUNS}, wall (CPU): pack greedy pass ${fmtTiming(greedy)} ` +
      `(goal ≤ 100 ms), with the improvement phase ${fmtTiming(pack)}, ` +
      `with explanations too ${fmtTiming(packExplained)}; first-fit scan baseline ${fmtTiming(baseline)}`,
  );
  log(
    `place 10000 VMs in spread mode: ${fmtTiming(spreadBare)}, ` +
      `with explanations ${fmtTiming(spreadExplained)}`,
  );
}

function whatIfLatency(input: PlacementInput): void {
  const plan = place(input, { explain: false });
  const placed = applyPlan(input, plan);
  const session = createWhatIfSession(placed);
  const vms = plan.assignments.map((a) => a.vm);
  const hosts = input.hosts.map((h) => h.id);
  let x = 12345;
  const next = (n: number): number => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
  const questions = Array.from(
    { length: 20_000 },
    () => [vms[next(vms.length)]!, hosts[next(hosts.length)]!] as const,
  );
  const full: number[] = [];
  const verdict: number[] = [];
  questions.forEach(([vm, host], i) => {
    let t = performance.now();
    whatIf(session, [{ vm, host }]);
    if (i >= 1000) full.push(performance.now() - t);
    t = performance.now();
    whatIfVerdict(session, vm, host);
    if (i >= 1000) verdict.push(performance.now() - t);
  });
  const q = (xs: number[]): string =>
    `p50 ${fmtMs(percentile(xs, 0.5))}, p99 ${fmtMs(percentile(xs, 0.99))}`;
  log(
    `what-if at 1000 hosts / 10000 VMs placed, ${full.length} random questions: ` +
      `full answer ${q(full)}; verdict only ${q(verdict)}; goal p99 ≤ 2 ms`,
  );
}

function packQuality(disks: 'by-flavour' | 'independent'): void {
  const seeds = [1, 2, 3, 4, 5];
  let worst = 0;
  log(
    disks === 'by-flavour'
      ? 'pack, disks sized by flavour (20–40 GiB per vCPU, hosts 32 cores / 256 GiB / 4 TB):'
      : 'pack, a harder mix: disks of 20–320 GiB whatever the flavour, hosts with 2 TB:',
  );
  for (const seed of seeds) {
    const input = randomInput({ seed, hosts: 1000, vms: 10_000, mode: 'pack', disks });
    const c = comparePack(input);
    worst = Math.max(worst, c.engine / c.bound);
    log(
      `pack seed ${seed}: ${packLine(c)}; engine ${signed(c.engine - c.greedy)} hosts on the ` +
        `greedy pass, first-fit in input order ${firstFit(input).hostsUsed}`,
    );
  }
  log(
    `pack (${disks}) worst ratio to the lower bound ${worst.toFixed(3)}; goal < 1.03, never ` +
      `worse than the greedy pass or FFD. Bound: per resource the larger of the capacity sum and ` +
      `Martello–Toth L2, a count of VMs per host, and VMs that pairwise cannot share a host; ` +
      `the largest wins`,
  );
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
