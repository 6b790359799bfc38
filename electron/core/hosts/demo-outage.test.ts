import { afterEach, expect, it } from 'vitest';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import { DemoMode } from './demo-mode';
import { HostRegistry } from './host-registry';
import { startWitnessMonitor } from './witness-monitor';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
});

it('the demo can lose a host as a partition, which its peers witness', async () => {
  const hub = createEventHub((error) => {
    throw error;
  });
  const log = createEventLog(hub, { capacity: 100 });
  const hosts = new HostRegistry(hub, log);
  const monitor = startWitnessMonitor({ hosts, hub, log });
  const demo = new DemoMode({
    hosts,
    hub,
    log,
    persist: () => Promise.resolve(),
    options: { tickMs: 0, connectDelayMs: 1, outage: { host: 3, peersReach: true } },
  });
  stop = async () => {
    monitor.stop();
    await demo.stop();
    await hosts.closeAll();
  };
  await demo.set(true, { persist: false });
  const third = hosts.all()[2];
  expect(third).toBeDefined();
  const deadline = Date.now() + 6_000;
  while (hosts.get(third!.config.id)?.host.witness === undefined && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 20));
  }
  const host = hosts.get(third!.config.id)?.host;
  expect(host?.state).toBe('unreachable');
  expect(host?.witness?.verdict).toBe('partition');
});
