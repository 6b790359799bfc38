/**
 * Metrics (issue 12): the cost of one collection round at 100 hosts × 20 VMs (parse + rates +
 * history write, CPU ms in the console), next to JSON.parse of the same bytes; the history's memory
 * at 1,000 hosts × 10 VMs with 24 h recorded; and the inventory's save (the whole file each time)
 * next to the history's write of one round, which is why time series are not in the inventory.
 * Run by `npm run bench`; figures to read, not a pass/fail test.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HostId } from '../shared/domain/ids';
import { metricsOf } from '../shared/domain/metrics';
import { createDemoFleet } from '../electron/core/hypervisor/demo/demo-fleet';
import { openInventory } from '../electron/core/inventory/inventory';
import { splitAndParse } from '../electron/core/metrics/libvirt-sample';
import {
  MetricsHistory,
  BYTES_PER_OBJECT,
  MAX_OBJECTS,
} from '../electron/core/metrics/metrics-history';
import { UsageTracker } from '../electron/core/metrics/usage';
import { fmtMs, fmtTiming, time } from './measure';

const SEP = '@@federator-0011223344556677@@';
const log = (line: string): void => console.log(`metrics: ${line}`);

/** What the metrics script prints on a host with `vms` running guests, `tick` samples in. */
function hostOutput(h: number, vms: number, tick: number): string {
  const t = tick * 10;
  const domains: string[] = [];
  for (let v = 0; v < vms; v++) {
    const k = t * (v + 1);
    domains.push(
      [
        `Domain: 'vm-${h}-${v}'`,
        '  state.state=1',
        '  state.reason=1',
        `  cpu.time=${1e12 + k * 1e8}`,
        `  cpu.user=${k * 6e7}`,
        `  cpu.system=${k * 3e7}`,
        '  balloon.current=4194304',
        '  balloon.maximum=4194304',
        '  balloon.available=4000000',
        `  balloon.unused=${2000000 - v * 1000}`,
        '  balloon.rss=2100000',
        '  vcpu.current=2',
        '  vcpu.maximum=2',
        '  vcpu.0.state=1',
        `  vcpu.0.time=${k * 5e7}`,
        '  vcpu.1.state=1',
        `  vcpu.1.time=${k * 5e7}`,
        '  net.count=1',
        '  net.0.name=vnet0',
        `  net.0.rx.bytes=${1e9 + k * 1e5}`,
        `  net.0.rx.pkts=${k * 100}`,
        `  net.0.tx.bytes=${1e9 + k * 5e4}`,
        `  net.0.tx.pkts=${k * 50}`,
        '  block.count=1',
        '  block.0.name=vda',
        `  block.0.rd.bytes=${1e10 + k * 4e5}`,
        `  block.0.wr.bytes=${1e10 + k * 2e5}`,
        '',
      ].join('\n'),
    );
  }
  return [
    `${1_000_000 + t}.00 0.00`,
    `cpu  ${1e8 + t * 1000} 100 ${1e7 + t * 300} ${1e9 + t * 3000} 5000 0 700 0 0 0`,
    'MemTotal:       263174148 kB\nMemAvailable:   163174148 kB',
    'Inter-|   Receive |  Transmit\n face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls carrier compressed\n' +
      `  eno1: ${1e12 + t * 1e6} 1 0 0 0 0 0 0 ${1e12 + t * 8e5} 1 0 0 0 0 0 0\n    lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0`,
    '/dev/sda2  961301000 412000000 500000000  46% /',
    domains.join('\n'),
  ].join(`\n${SEP}\n`);
}

function round(
  outputs: readonly string[],
  tracker: UsageTracker,
  history: MetricsHistory,
  at: number,
): void {
  outputs.forEach((output, h) => {
    const sample = splitAndParse(output, '', SEP, `host-${h}`);
    const id = HostId.parse(`host-${h}`);
    const usage = tracker.next(id, sample, (name) => name);
    const channels = (kind: 'host' | 'vm', figures: Record<string, unknown>) =>
      metricsOf(kind).map((m) => (typeof figures[m] === 'number' ? figures[m] : NaN));
    history.record(at, [
      { id, kind: 'host', values: channels('host', usage.host) },
      ...usage.vms.map((vm) => ({ id: vm.vmId, kind: 'vm' as const, values: channels('vm', vm) })),
    ]);
  });
}

function folderBytes(dir: string): { apparent: number; onDisk: number } {
  let apparent = 0;
  let onDisk = 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(join(dir, f));
    apparent += s.size;
    onDisk += s.blocks * 512;
  }
  return { apparent, onDisk };
}

const MiB = 1024 * 1024;

function collectionCost(): void {
  const HOSTS = 100;
  const VMS = 20;
  const dir = mkdtempSync(join(tmpdir(), 'federator-bench-metrics-'));
  const start = 1_800_000 * 1_000_000;
  let tick = 0;
  const history = new MetricsHistory(dir, undefined, () => start + tick * 10_000);
  const tracker = new UsageTracker();
  const rounds = Array.from({ length: 40 }, (_, r) =>
    Array.from({ length: HOSTS }, (_, h) => hostOutput(h, VMS, r)),
  );
  const bytes = rounds[0]!.reduce((sum, o) => sum + o.length, 0);
  const json = JSON.stringify(rounds[0]);
  const baseline = time(() => JSON.parse(json), 20);
  const cost = time(() => {
    tick++;
    round(rounds[tick % rounds.length]!, tracker, history, start + tick * 10_000);
  }, 30);
  history.close();
  log(
    `collection round at ${HOSTS} hosts × ${VMS} VMs (${(bytes / MiB).toFixed(2)} MiB of host output; parse + rates + history write): ${fmtTiming(cost)}; baseline JSON.parse of the same bytes: ${fmtTiming(baseline)}; target ≤ 50 ms CPU`,
  );
  rmSync(dir, { recursive: true, force: true });
}

function memoryAt1000(): void {
  const HOSTS = 1000;
  const VMS = 10;
  const gc = exposeGc();
  const dir = mkdtempSync(join(tmpdir(), 'federator-bench-history-'));
  const start = 1_800_000 * 1_000_000;
  let now = start;
  gc();
  const before = process.memoryUsage();
  const history = new MetricsHistory(dir, undefined, () => now);
  const objects = Array.from({ length: HOSTS * (VMS + 1) }, (_, i) => ({
    id: i < HOSTS ? `host-${i}` : `vm-${i}`,
    kind: i < HOSTS ? ('host' as const) : ('vm' as const),
    values: [i % 100, 1, 2048, 1e6, 5e5, 40],
  }));
  // 24 h recorded, a round every 10 minutes (memory does not depend on how many rounds: the
  // history is on disk; this fills every tier's rows across the day).
  const STEP = 10 * 60_000;
  const wall = performance.now();
  for (now = start; now < start + 86_400_000; now += STEP) history.record(now, objects);
  const recordMs = (performance.now() - wall) / (86_400_000 / STEP);
  gc();
  const after = process.memoryUsage();
  const heap = after.heapUsed - before.heapUsed;
  const buffers = after.arrayBuffers - before.arrayBuffers;
  const read = time(
    () => history.series({ objectId: 'vm-5000', metric: 'cpu', from: now - 86_400_000, to: now }),
    10,
  );
  history.close();
  const disk = folderBytes(dir);
  log(
    `history of ${HOSTS} hosts × ${VMS} VMs (${objects.length} objects), 24 h recorded: memory ${((heap + buffers) / MiB).toFixed(1)} MiB (heap ${(heap / MiB).toFixed(1)} MiB + buffers ${(buffers / MiB).toFixed(1)} MiB); target ≤ 150 MB`,
  );
  log(
    `  on disk: ${(disk.apparent / MiB).toFixed(0)} MiB apparent, ${(disk.onDisk / MiB).toFixed(0)} MiB allocated (sparse files; ${(BYTES_PER_OBJECT / 1024).toFixed(0)} KiB per object, at most ${MAX_OBJECTS} objects = ${((BYTES_PER_OBJECT * MAX_OBJECTS) / 1024 ** 3).toFixed(1)} GiB); a round of ${objects.length} objects written in ${fmtMs(recordMs)} wall; a 24 h series read in ${fmtTiming(read)}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

async function inventorySave(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'federator-bench-inventory-'));
  const inventory = await openInventory({ dataDir: dir, log: () => undefined });
  const hosts = createDemoFleet({ hosts: 1000, vmsPerHost: 0, seed: 1 }).map((s) => s.config);
  await Promise.all(hosts.map((config) => inventory.addHost(config)));
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await inventory.setSetting('bench.metrics', { i });
    samples.push(performance.now() - t);
  }
  await inventory.close();
  samples.sort((a, b) => a - b);
  const size = statSync(join(dir, 'inventory.db')).size;
  log(
    `inventory save (the whole file rewritten, ${(size / 1024).toFixed(0)} KiB at 1,000 hosts): ${fmtMs(samples[5]!)} median wall per save; that once per host per sample would be 1,000 rewrites every 10 s. The history writes one row range per tier instead (figures below)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function run(): Promise<void> {
  await inventorySave();
  collectionCost();
  memoryAt1000();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
