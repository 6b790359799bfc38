/**
 * Fan-out on real hosts (issue 14 item 6): the console (the real core, bench/fanout-console.ts)
 * over N lab hosts, each running one guest, measured for
 *   1. connect: from the console's start to every host connected and its VMs listed (fleet
 *      complete), as when the console opens with N stored hosts;
 *   2. refresh: one listing of every host at once (the backstop poll's round), goal ≤ 1 s at 50;
 *   3. changes: `virsh suspend`/`resume` of each host's guest run on the host as its user (not
 *      through the console), until the console's event stream shows it, goal ≤ 1 s each: one host
 *      at a time, then every host at once.
 * Each size given is measured in the same run with a console of its own; the smallest is the
 * baseline. Needs the lab with at least as many hosts as the largest size:
 *   bash lab/lab.sh up 50 && npx tsx bench/fanout.lab.ts 10 25 50
 * Not part of `npm test` or `npm run bench` (it changes the lab's guests).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { VmState } from '../shared/domain/vm';
import { labIsUp, readLab, type LabHost } from '../lab/lab-description';
import {
  defineGuest,
  outOfBandList,
  removeGuest,
  virshAs,
  virshAsAsync,
} from '../electron/testing/lab-hosts';
import { openConsole, storeHosts, type FanoutConsole } from './fanout-console';
import { percentile } from './measure';

const GUEST = 'fan-bench';
const REFRESH_ROUNDS = 10;
/** The migration-path sweep probes every pair of up to 40 hosts after a start: let it end first. */
const SWEEP_LIMIT = 40;

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const spread = (xs: readonly number[]): string =>
  `p50 ${ms(percentile(xs, 0.5)).padStart(7)}  p95 ${ms(percentile(xs, 0.95)).padStart(7)}  ` +
  `max ${ms(Math.max(...xs)).padStart(7)}`;

/** The console's CPU (this process) over `work`, next to its wall time. */
async function withCpu<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(before);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

/** One running guest per host, out of band as the host's user (the lab's marker: `down` removes it). */
function placeGuests(hosts: readonly LabHost[]): void {
  for (const host of hosts) {
    for (const [uuid, name] of outOfBandList(host)) if (name === GUEST) removeGuest(host, uuid);
    const uuid = defineGuest(host, GUEST);
    virshAs(host, 'start', uuid);
  }
}

function removeGuests(hosts: readonly LabHost[]): void {
  for (const host of hosts) {
    for (const [uuid, name] of outOfBandList(host)) if (name === GUEST) removeGuest(host, uuid);
  }
}

const showsGuest =
  (state: VmState) =>
  (seen: { vms: readonly { name: string; state: VmState }[] }): boolean =>
    seen.vms.some((vm) => vm.name === GUEST && vm.state === state);

/** One change run on the host; how long until the console's stream showed it. */
async function change(
  c: FanoutConsole,
  host: LabHost,
  action: 'suspend' | 'resume',
): Promise<{ fromStart: number; afterDone: number }> {
  const shown = c.when(
    c.idOf(host),
    showsGuest(action === 'suspend' ? 'paused' : 'running'),
    20_000,
  );
  const start = performance.now();
  await virshAsAsync(host, action, GUEST);
  const done = performance.now();
  const at = await shown;
  return { fromStart: at - start, afterDone: at - done };
}

async function sweepSettled(c: FanoutConsole, n: number): Promise<number> {
  const t = performance.now();
  if (n > SWEEP_LIMIT) return 0;
  const deadline = t + 180_000;
  while (performance.now() < deadline) {
    const paths = await c.core.handlers['paths:list']({});
    if (paths.filter((p) => p.state !== 'unknown').length >= n * (n - 1)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return performance.now() - t;
}

async function measure(hosts: readonly LabHost[]): Promise<void> {
  const lab = readLab();
  const n = hosts.length;
  const dataDir = await storeHosts(lab, hosts);
  const t0 = performance.now();
  const opened = await withCpu(async () => {
    const c = await openConsole(dataDir, hosts);
    const ready = await Promise.all(
      hosts.map((h) =>
        c.when(c.idOf(h), (s) => s.state === 'connected' && showsGuest('running')(s), 120_000),
      ),
    );
    return { c, ready: ready.map((at) => at - t0) };
  });
  const { c, ready } = opened.value;
  try {
    console.log(`N=${n} hosts`);
    console.log(
      `  connect → fleet complete     ${ms(Math.max(...ready)).padStart(7)}  ` +
        `(per host: ${spread(ready)}; console CPU ${ms(opened.cpuMs)})`,
    );
    const sweep = await sweepSettled(c, n);
    if (sweep > 0)
      console.log(`  (migration-path sweep of ${n * (n - 1)} pairs ended ${ms(sweep)} later)`);

    const rounds: number[] = [];
    const perHost: number[] = [];
    const refreshed = await withCpu(async () => {
      for (let r = 0; r < REFRESH_ROUNDS; r++) {
        const t = performance.now();
        await Promise.all(
          c.links().map(async (link) => {
            const ops = await link.hypervisor();
            await ops.refresh();
            perHost.push(performance.now() - t);
          }),
        );
        rounds.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    });
    console.log(
      `  refresh, all ${String(n).padStart(2)} hosts at once  ${spread(rounds)}  ` +
        `(${REFRESH_ROUNDS} rounds; per host ${spread(perHost)}; console CPU ${ms(refreshed.cpuMs / REFRESH_ROUNDS)} a round)`,
    );

    const one: { fromStart: number; afterDone: number }[] = [];
    for (const host of hosts) one.push(await change(c, host, 'suspend'));
    const burst = await withCpu(() => Promise.all(hosts.map((host) => change(c, host, 'resume'))));
    const line = (label: string, xs: { fromStart: number; afterDone: number }[]): string =>
      `  ${label}  ${spread(xs.map((x) => x.afterDone))}  after virsh returned ` +
      `(from its start: ${spread(xs.map((x) => x.fromStart))})`;
    console.log(line('change, one host at a time →  ', one));
    console.log(line('change on every host at once →', burst.value));
  } finally {
    await c.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(sizes: number[] = []): Promise<void> {
  if (!labIsUp()) {
    console.log('fanout: skipped, the lab is not up (bash lab/lab.sh up 50)');
    return;
  }
  const lab = readLab();
  const all = lab.hosts;
  const wanted = (sizes.length > 0 ? sizes : [Math.min(4, all.length), all.length]).sort(
    (a, b) => a - b,
  );
  const largest = wanted.at(-1) ?? 0;
  if (largest > all.length) throw new Error(`the lab has ${all.length} hosts, ${largest} asked`);
  console.log(
    `fanout: the console (core, libvirt links over ssh2) over the first N of ${all.length} lab hosts, ` +
      `one running guest each; ${wanted.join(', ')} measured in this run`,
  );
  placeGuests(all.slice(0, largest));
  try {
    for (const n of wanted) await measure(all.slice(0, n));
  } finally {
    removeGuests(all.slice(0, largest));
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(process.argv.slice(2).map(Number));
}
