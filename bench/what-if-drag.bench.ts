/**
 * What a drag costs in the window, over the demo fleet at 1,000 hosts / 10,000 VMs: the verdict of
 * every host when the drag starts, the hovered host's set check and headroom per pointer move, and
 * a 5-VM set, next to the naive way (one full `whatIf` per host) and the 16.7 ms frame budget.
 * Run by `npm run bench`; figures to read, not a pass/fail test.
 */
import { DEFAULT_SETTINGS } from '../shared/domain/settings';
import { availableParallelism, loadavg } from 'node:os';
import type { FleetSnapshot } from '../shared/contract/requests';
import type { Host } from '../shared/domain/host';
import type { MigrationPath } from '../shared/domain/migration-path';
import { whatIf, whatIfAllHosts } from '../shared/placement/what-if';
import { createDemoFleet } from '../electron/core/hypervisor/demo/demo-fleet';
import { buildMoveContext, type MoveContext } from '../renderer/features/move/move-context';
import { dragVerdicts, hoverAnswer } from '../renderer/features/move/verdicts';
import { fmtMs, percentile } from './measure';

const HOSTS = 1000;
const VMS_PER_HOST = 10;
const SAMPLES = 2000;
const WARMUP = 200;
const FRAME_MS = 16.7;
const log = (line: string): void => console.log(`what-if-drag: ${line}`);

/** Prints every figure of the drag's what-if. */
export function run(): void {
  const fleet = demoSnapshot();
  // Every 7th pair from the first host's neighbours has a broken path: "no migration path" too.
  const paths: MigrationPath[] = fleet.hosts.slice(1, 60).map((h, i) => ({
    from: fleet.hosts[0]!.config.id,
    to: h.config.id,
    state: i % 7 === 0 ? 'broken' : 'ok',
    ...(i % 7 === 0 ? { message: 'host key unknown', fix: 'add it to known_hosts' } : {}),
  }));
  const builds: number[] = [];
  let ctx: MoveContext | undefined;
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    ctx = buildMoveContext(fleet, [], paths, DEFAULT_SETTINGS);
    builds.push(performance.now() - t);
  }
  if (!ctx) return;
  const maintenance = fleet.hosts.filter((h) => h.config.maintenance).length;
  log(
    `demo fleet seed 42: ${fleet.hosts.length} hosts (${maintenance} in maintenance, every 25th ` +
      `with libvirt not answering), ${fleet.vms.length} VMs; node ${process.version}, ` +
      `${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}; ${SAMPLES} samples each ` +
      `after ${WARMUP} warm-up; frame budget ${FRAME_MS} ms`,
  );
  log(`engine input + session + names, once per fleet change: ${q(builds.slice(1))}`);

  const { session } = ctx;
  const vmIds = session.fleet.vmIds;
  const hostIds = session.fleet.hosts.map((h) => h.id);
  const random = lcg(12345);
  const pickVm = () => vmIds[random(vmIds.length)]!;
  const pickHost = () => hostIds[random(hostIds.length)]!;
  const codes = new Uint8Array(hostIds.length);
  const c = ctx;

  const allHosts = sample(() => whatIfAllHosts(session, pickVm(), codes));
  const dragStart = sample(() => dragVerdicts(c, [pickVm()]));
  log(
    `(a) drag start, one VM: whatIfAllHosts over ${hostIds.length} hosts ${q(allHosts)} ` +
      `(${share(allHosts)}); as the window does it (codes + words for refused hosts + soft rules) ` +
      `${q(dragStart)} (${share(dragStart)})`,
  );
  const naive = sample(() => {
    const vm = pickVm();
    for (const host of hostIds) whatIf(session, [{ vm, host }]);
  });
  log(
    `    baseline: a full whatIf per host (${hostIds.length} calls) ${q(naive)} ` +
      `(${share(naive)}); ${(percentile(naive, 0.5) / percentile(allHosts, 0.5)).toFixed(0)}× the one-pass p50`,
  );

  // Per pointer move: only when the hovered host changes, one host's set check and headroom.
  const hoverRaw = sample(() => whatIf(session, [{ vm: pickVm(), host: pickHost() }]));
  const base = { kind: 'fits' as const, reasons: [] };
  const hover = sample(() => hoverAnswer(c, [pickVm()], pickHost(), base));
  log(
    `(b) per pointer move onto a new host: whatIf of the hovered host ${q(hoverRaw)}; ` +
      `with headroom words ${q(hover)} (${share(hover)})`,
  );

  const five = () => Array.from({ length: 5 }, pickVm).filter((v, i, all) => all.indexOf(v) === i);
  const setCheck = sample(() => {
    const host = pickHost();
    whatIf(
      session,
      five().map((vm) => ({ vm, host })),
    );
  });
  const setHover = sample(() => hoverAnswer(c, five(), pickHost(), base));
  const setStart = sample(() => dragVerdicts(c, five()));
  log(
    `(c) 5-VM set: whatIf of the set on one host ${q(setCheck)}; hovered host with words ` +
      `${q(setHover)}; drag start (5 × whatIfAllHosts + words) ${q(setStart)} (${share(setStart)})`,
  );
}

function demoSnapshot(): FleetSnapshot {
  const specs = createDemoFleet({ hosts: HOSTS, vmsPerHost: VMS_PER_HOST, seed: 42 });
  const hosts: Host[] = specs.map((spec, i) => ({
    config: { ...spec.config, ...(i % 50 === 7 ? { maintenance: true } : {}) },
    state: spec.facts.virtualLayer.status === 'ok' ? 'connected' : 'hypervisor-problem',
    facts: { value: spec.facts, at: 0 },
  }));
  return { hosts, vms: specs.flatMap((s) => s.vms), demo: true };
}

function sample(fn: () => unknown, count = SAMPLES): number[] {
  for (let i = 0; i < Math.min(WARMUP, count); i++) fn();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const q = (xs: number[]): string =>
  `p50 ${fmtMs(percentile(xs, 0.5))}, p99 ${fmtMs(percentile(xs, 0.99))} (n=${xs.length})`;

const share = (xs: number[]): string =>
  `p99 = ${((percentile(xs, 0.99) / FRAME_MS) * 100).toFixed(1)} % of a frame`;

function lcg(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}
