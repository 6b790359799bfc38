/**
 * What the demo fleet costs at 1,000 hosts × 10 VMs, now that each demo host runs the host link
 * machine of real hosts (live connection, backstop poll, snapshot comparison): the time until every
 * host settled, the heap it took, and the CPU of 10 s of a living world. Run by `npm run bench`.
 */
import { createEventHub } from '../electron/core/events/event-hub';
import { createEventLog } from '../electron/core/events/event-log';
import { HostRegistry } from '../electron/core/hosts/host-registry';
import { DemoMode } from '../electron/core/hosts/demo-mode';

const HOSTS = 1000;
const LIVING_MS = 10_000;
const log = (line: string): void => console.log(`demo-links: ${line}`);

export async function run(): Promise<void> {
  const hub = createEventHub((error) => {
    throw error;
  });
  const eventLog = createEventLog(hub);
  const hosts = new HostRegistry(hub, eventLog);
  const demo = new DemoMode({
    hosts,
    hub,
    log: eventLog,
    persist: () => Promise.resolve(),
    options: { fleet: { hosts: HOSTS, vmsPerHost: 10, seed: 42 }, connectDelayMs: 1 },
  });
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await demo.set(true, { persist: false });
  const states = (): string[] => hosts.all().map((e) => e.link.current().host.state);
  while (states().some((s) => s === 'connecting' || s === 'disconnected')) {
    await new Promise((done) => setTimeout(done, 5));
  }
  const settledMs = performance.now() - started;
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const count = new Map<string, number>();
  for (const state of states()) count.set(state, (count.get(state) ?? 0) + 1);
  const vms = hosts.all().reduce((n, e) => n + e.link.current().vms.length, 0);
  const cpuBefore = process.cpuUsage();
  await new Promise((done) => setTimeout(done, LIVING_MS));
  const cpu = process.cpuUsage(cpuBefore);
  log(
    `${HOSTS} hosts / ${vms} VMs listed, settled in ${settledMs.toFixed(0)} ms ` +
      `(${[...count].map(([state, n]) => `${n} ${state}`).join(', ')}); heap +${heapMiB.toFixed(0)} MiB; ` +
      `${LIVING_MS / 1000} s of the living world: CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
  );
  await demo.stop();
  await hosts.closeAll();
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await run();
