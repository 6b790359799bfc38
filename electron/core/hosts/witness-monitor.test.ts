import { afterEach, describe, expect, it } from 'vitest';
import type { HostWitness } from '../../../shared/domain/host-witness';
import type { HostId } from '../../../shared/domain/ids';
import { createEventHub } from '../events/event-hub';
import { createEventLog, type EventLog } from '../events/event-log';
import { createDemoFleet } from '../hypervisor/demo/demo-fleet';
import { DemoWorld } from '../hypervisor/demo/demo-world';
import { createDemoHostLink } from './demo-link-ports';
import { HostRegistry } from './host-registry';
import { startWitnessMonitor, type WitnessMonitor } from './witness-monitor';

let world: DemoWorld | undefined;
let hosts: HostRegistry | undefined;
let monitor: WitnessMonitor | undefined;
afterEach(async () => {
  monitor?.stop();
  await hosts?.closeAll();
  world?.stop();
});

/** A still demo fleet of `count` hosts (the 4th of the default fleet is a hypervisor problem). */
async function fleet(count: number, everyMs = 60_000) {
  const specs = createDemoFleet({ hosts: count, vmsPerHost: 1, seed: 1 });
  world = new DemoWorld(specs, { tickMs: 0 });
  const hub = createEventHub((error) => {
    throw error;
  });
  const log: EventLog = createEventLog(hub, { capacity: 100 });
  hosts = new HostRegistry(hub, log);
  const ids = specs.map((s) => s.config.id);
  const shown: HostWitness[] = [];
  hub.on('hosts:changed', (host) => {
    if (host.witness) shown.push(host.witness);
  });
  monitor = startWitnessMonitor({ hosts, hub, log, timing: { everyMs } });
  for (const { config } of specs) {
    const w = world;
    hosts.attach(config, (listener) =>
      createDemoHostLink(w, config, listener, {
        connectDelayMs: 1,
        timing: { backoffMinMs: 60_000, backoffMaxMs: 60_000 },
      }),
    );
  }
  const registry = hosts;
  await until(() => ids.every((id) => registry.get(id)?.host.state !== 'connecting'));
  return { ids, shown, log, hosts: registry, world };
}

async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((done) => setTimeout(done, 5));
  expect(check()).toBe(true);
}

const nameOf = (ids: HostId[], i: number): HostId => ids[i] as HostId;

describe('witness monitor', () => {
  it('a host cut from the console alone is a partition, named by its peers', async () => {
    const f = await fleet(3);
    const lost = nameOf(f.ids, 2);
    f.world.setReachable(lost, false, true);
    await until(() => f.hosts.get(lost)?.host.witness !== undefined);
    const entry = f.hosts.get(lost);
    expect(entry?.host.state).toBe('unreachable');
    expect(entry?.host.witness).toMatchObject({
      verdict: 'partition',
      alive: [f.ids[0], f.ids[1]],
      dead: [],
    });
    expect(monitor?.of(lost)?.verdict).toBe('partition');
    const line = f.log.recent(50).find((l) => l.kind === 'witness-partition');
    expect(line?.message).toMatch(/Unreachable from this console, alive for \S+ and \S+$/);
  });

  it('a host no peer reaches is unreachable from all; once back, the witness is gone', async () => {
    const f = await fleet(3, 50);
    const lost = nameOf(f.ids, 1);
    f.world.setReachable(lost, false);
    await until(() => f.hosts.get(lost)?.host.witness?.verdict === 'unreachable-from-all');
    expect(f.hosts.get(lost)?.host.witness?.dead).toEqual([f.ids[0], f.ids[2]]);
    // Asked again while it stays lost: each round a new checkedAt, one line in the log.
    const first = f.shown.length;
    await until(() => f.shown.length >= first + 2);
    expect(f.log.recent(50).filter((l) => l.kind === 'witness-unreachable-from-all')).toHaveLength(
      1,
    );
    // It answers its peers again but not the console: the verdict turns, and is said again.
    f.world.setReachable(lost, false, true);
    await until(() => f.hosts.get(lost)?.host.witness?.verdict === 'partition');
    f.world.setReachable(lost, true);
    await f.hosts.get(lost)?.link.reconnect();
    await until(() => f.hosts.get(lost)?.host.state === 'connected');
    expect(f.hosts.get(lost)?.host.witness).toBeUndefined();
    expect(monitor?.of(lost)).toBeUndefined();
  });

  it('with no other connected host, says there is no witness', async () => {
    const f = await fleet(1);
    const lost = nameOf(f.ids, 0);
    f.world.setReachable(lost, false);
    await until(() => f.hosts.get(lost)?.host.witness !== undefined);
    expect(f.hosts.get(lost)?.host.witness).toMatchObject({ verdict: 'no-witness', unasked: [] });
  });

  it('rounds never overlap: a slow peer holds the next round back', async () => {
    const f = await fleet(2, 10);
    const peer = f.hosts.get(nameOf(f.ids, 0));
    let inFlight = 0;
    let most = 0;
    const ops = await peer!.link.hypervisor();
    const slow = async (): Promise<'reaches'> => {
      most = Math.max(most, ++inFlight);
      await new Promise((done) => setTimeout(done, 60));
      inFlight--;
      return 'reaches';
    };
    // The peer's operations are fetched per round: every fetch gets the slow probe.
    peer!.link.hypervisor = () => Promise.resolve({ ...ops, probeReach: slow });
    const lost = nameOf(f.ids, 1);
    f.world.setReachable(lost, false, true);
    const rounds = (): number => f.shown.length;
    await until(() => rounds() >= 3, 3_000);
    expect(most).toBe(1);
  });
});
