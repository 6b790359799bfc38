import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventChannel, EventOf } from '../../shared/contract/events';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { Host } from '../../shared/domain/host';
import { HostId } from '../../shared/domain/ids';
import { createCore, type Core, type CoreOptions } from './core';
import { until } from '../testing/core-waits';
import { fakeLinks, FINGERPRINT } from '../testing/fake-links';
import { newPlan } from './plans/plan-builder';
import { shop } from '../../shared/testing/service-fixtures';

let dataDir: string;
let cores: Core[];
const start = async (options: Partial<CoreOptions> = {}): Promise<Core> => {
  const core = createCore({
    dataDir,
    linkFactory: fakeLinks,
    demo: { connectDelayMs: 1, tickMs: 60_000, shutdownMs: 5 },
    settleTimeoutMs: 200,
    ...options,
  });
  cores.push(core);
  await core.start();
  return core;
};
const record = <C extends EventChannel>(core: Core, channel: C): EventOf<C>[] => {
  const seen: EventOf<C>[] = [];
  core.events.on(channel, (event) => seen.push(event));
  return seen;
};
/** Every host past its first attempt (demo-hv04 is built to have a hypervisor problem). */
const settled = (s: FleetSnapshot): boolean =>
  s.hosts.every((h) => h.state !== 'disconnected' && h.state !== 'connecting');
/**
 * The demo fleet is up: its four hosts settled and their VMs reported; not demo-hv04's three, whose
 * hypervisor never answered (a real host in that state has no listing to show either).
 */
const demoUp = (s: FleetSnapshot): boolean =>
  s.hosts.length === 4 && settled(s) && s.vms.length === 13;
const hv1 = { address: '10.0.0.11', port: 22, user: 'admin', uri: 'qemu:///system', labels: {} };
const add = (core: Core, fields: Partial<typeof hv1> & { name?: string } = {}): Promise<Host> =>
  core.handlers['hosts:add']({ ...hv1, name: 'hv1', ...fields });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-core-'));
  cores = [];
});
afterEach(async () => {
  await Promise.all(cores.map((core) => core.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('core: first run and the demo', () => {
  it('shows a living demo fleet to a new user, and can hide it for good', async () => {
    const core = await start();
    const snapshot = await until(core, demoUp); // the demo hosts "connect" first
    expect(snapshot.demo).toBe(true);
    expect(snapshot.hosts.map((h) => h.config.id)).toEqual([
      'demo-hv01',
      'demo-hv02',
      'demo-hv03',
      'demo-hv04',
    ]);
    // 9 VMs of its own on the healthy hosts and the 4 of its sample service, deployed and running.
    expect(snapshot.vms).toHaveLength(13);
    expect(snapshot.vms.some((vm) => vm.hostId === 'demo-hv04')).toBe(false);
    const { services } = await core.handlers['services:list']({});
    expect(services.map((b) => b.service.name)).toEqual(['demo-shop']);
    const shopVms = snapshot.vms.filter((vm) => vm.service === services[0]!.service.id);
    expect(shopVms.map((vm) => `${vm.name}@${vm.hostId}:${vm.state}`).sort()).toEqual([
      'demo-shop-api-1@demo-hv03:running',
      'demo-shop-db-1@demo-hv01:running',
      'demo-shop-web-1@demo-hv02:running',
      'demo-shop-web-2@demo-hv03:running',
    ]);
    await expect(core.handlers['services:save'](services[0]!)).rejects.toThrow(
      "demo-shop is the demo's sample service: it cannot be changed",
    );
    const catalogs = record(core, 'services:changed');
    const demoEvents = record(core, 'demo:changed');
    const removed = record(core, 'hosts:removed');
    await expect(
      core.handlers['hosts:remove']({ hostId: HostId.parse('demo-hv01') }),
    ).rejects.toThrow(
      "Couldn't remove host demo-hv01: it belongs to the demo fleet; hide the demo instead",
    );
    await core.handlers['demo:set']({ enabled: false });
    expect(demoEvents).toEqual([{ enabled: false }]);
    // The sample service goes with the demo; it was never stored.
    expect(catalogs).toEqual([{ services: [] }]);
    expect(removed).toHaveLength(4);
    expect((await core.handlers['fleet:snapshot']({})).hosts).toEqual([]);
    await core.stop();
    const again = await start();
    expect((await again.handlers['fleet:snapshot']({})).demo).toBe(false);
  });

  it('starts without the demo when told so', async () => {
    const core = await start({ demoByDefault: false });
    expect(await core.handlers['fleet:snapshot']({})).toEqual({ hosts: [], vms: [], demo: false });
  });

  it('carries out VM actions on demo VMs and names action and VM when one is refused', async () => {
    const core = await start();
    const { vms } = await until(core, demoUp);
    const running = vms.find((vm) => vm.state === 'running' && vm.hostId === 'demo-hv01')!;
    const changes = record(core, 'vms:changed');
    await core.handlers['vms:action']({
      hostId: running.hostId,
      vmId: running.id,
      action: 'destroy',
    });
    await until(core, (s) => s.vms.find((vm) => vm.id === running.id)?.state === 'shutoff');
    expect(changes.at(-1)?.vms.find((vm) => vm.id === running.id)?.state).toBe('shutoff');
    await core.handlers['vms:action']({
      hostId: running.hostId,
      vmId: running.id,
      action: 'start',
    });
    await expect(
      core.handlers['vms:action']({ hostId: running.hostId, vmId: running.id, action: 'start' }),
    ).rejects.toThrow(
      `Couldn't start VM ${running.name} on host demo-hv01: domain is already running`,
    );
  });
});

describe('core: real hosts', () => {
  it('adds a host, waits for the key question, trusts it, and turns the demo off', async () => {
    const core = await start();
    const demoEvents = record(core, 'demo:changed');
    const added = await add(core, { labels: { zone: 'a' } });
    expect(added).toMatchObject({ state: 'host-key-unknown', presentedFingerprint: FINGERPRINT });
    expect(added.config).toMatchObject({ name: 'hv1', driver: 'libvirt', labels: { zone: 'a' } });
    // Not connected yet (its key waits for trust): the demo stays.
    expect(demoEvents).toEqual([]);
    const trusted = await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: FINGERPRINT,
    });
    expect(trusted.state).toBe('connected');
    await vi.waitFor(() => expect(demoEvents).toEqual([{ enabled: false }]));
    const snapshot = await core.handlers['fleet:snapshot']({});
    expect(snapshot.demo).toBe(false);
    expect(snapshot.hosts.map((h) => h.config.name)).toEqual(['hv1']);
  });

  it('a first host that fails to connect leaves the demo shown; removing it ends the wait', async () => {
    const core = await start();
    const demoEvents = record(core, 'demo:changed');
    const failed = await add(core, { address: 'hv1.refuses' });
    expect(failed.state).toBe('auth-failed');
    expect((await core.handlers['fleet:snapshot']({})).demo).toBe(true);
    await core.handlers['hosts:remove']({ hostId: failed.config.id });
    expect(demoEvents).toEqual([]);
    expect((await core.handlers['fleet:snapshot']({})).demo).toBe(true);
  });

  it('refuses a missing key file before saving anything, and the demo stays', async () => {
    const core = await start({
      checkKeyFile: async (hostName, keyPath) =>
        (await import('./ssh/key-file-check')).checkKeyFile(hostName, keyPath),
    });
    const missing = join(dataDir, 'no-such-key');
    await expect(add(core, { keyPath: missing } as never)).rejects.toMatchObject({
      code: 'key-file',
      message: `Couldn't add host hv1: Couldn't read the key file ${missing} for hv1: no such file`,
    });
    const snapshot = await core.handlers['fleet:snapshot']({});
    expect(snapshot.hosts.every((h) => h.config.driver === 'demo')).toBe(true);
    expect(snapshot.demo).toBe(true);
  });

  it('keeps hosts, labels and accepted keys across a restart', async () => {
    const first = await start();
    const { config } = await add(first);
    await first.handlers['hosts:trust-key']({ hostId: config.id, fingerprint: FINGERPRINT });
    await first.handlers['hosts:set-labels']({
      hostId: config.id,
      labels: { zone: 'b', rack: 'r2' },
    });
    await first.stop();

    const second = await start();
    const { hosts, demo } = await until(second, settled);
    expect(demo).toBe(false);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      state: 'connected',
      config: { id: config.id, labels: { zone: 'b', rack: 'r2' } },
    });
  });

  it('keeps the event log across a restart, numbered on after the last run', async () => {
    const first = await start();
    await add(first);
    const before = await first.handlers['log:recent']({ limit: 200 });
    await first.stop();

    const second = await start();
    const after = await second.handlers['log:recent']({ limit: 200 });
    const added = before.find((e) => e.message.includes('hv1'));
    expect(added).toBeDefined();
    expect(after).toContainEqual(added);
    const started = after.filter((e) => e.message.startsWith('Console started'));
    expect(started).toHaveLength(2);
    expect(started[1]!.seq).toBeGreaterThan(Math.max(...before.map((e) => e.seq)));
  });

  it('refuses the same address, port and user twice, naming the host', async () => {
    const core = await start();
    await add(core);
    await expect(add(core, { name: 'again', address: '10.0.0.11' })).rejects.toMatchObject({
      code: 'conflict',
      message: "Couldn't add host again: admin@10.0.0.11:22 is already in the console as hv1",
    });
  });

  it('returns the host whatever came of the attempt: refused, or still trying after the wait', async () => {
    const core = await start();
    expect((await add(core, { name: 'r', address: 'hv.refuses' })).state).toBe('auth-failed');
    const started = Date.now();
    expect((await add(core, { name: 'h', address: 'hv.hangs' })).state).toBe('connecting');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('removes a host for good, and names it when removing fails', async () => {
    const core = await start();
    const { config } = await add(core);
    const removed = record(core, 'hosts:removed');
    expect(await core.handlers['hosts:remove']({ hostId: config.id })).toBeNull();
    expect(removed).toEqual([{ hostId: config.id }]);
    await expect(core.handlers['hosts:remove']({ hostId: config.id })).rejects.toThrow(
      `Couldn't remove host ${config.id}: no such host`,
    );
    await core.stop();
    // It never connected, so the demo stayed; of real hosts, none is left.
    const { hosts } = await (await start()).handlers['fleet:snapshot']({});
    expect(hosts.filter((h) => h.config.driver !== 'demo')).toEqual([]);
  });

  it('disconnects and reconnects on request, and logs the changes of state', async () => {
    const core = await start({ demoByDefault: false });
    const { config } = await add(core);
    await core.handlers['hosts:trust-key']({ hostId: config.id, fingerprint: FINGERPRINT });
    expect((await core.handlers['hosts:disconnect']({ hostId: config.id })).state).toBe(
      'disconnected',
    );
    expect(
      (await core.handlers['hosts:reconnect']({ hostId: config.id, passphrase: 'secret' })).state,
    ).toBe('connected');
    const log = await core.handlers['log:recent']({ limit: 50 });
    expect(log.map((entry) => entry.message)).toEqual(
      expect.arrayContaining(['hv1: connected', 'hv1: disconnected']),
    );
    expect(log.every((entry, i) => i === 0 || entry.seq > log[i - 1]!.seq)).toBe(true);
  });

  it('answers with an error, not a crash, before start and after stop', async () => {
    const core = createCore({ dataDir, linkFactory: fakeLinks, demoByDefault: false });
    await expect(core.handlers['fleet:snapshot']({})).rejects.toThrow(/not running/);
    cores.push(core);
    await core.start();
    await core.stop();
    await expect(core.handlers['fleet:snapshot']({})).rejects.toThrow(/not running/);
    await expect(add(core)).rejects.toThrow(/not running/);
  });
});

describe('core restarted in the same process', () => {
  it('a finished delete plan is heard once, by the running console, not by a stopped one', async () => {
    const entries: { level: string; message: string }[] = [];
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
    try {
      const core = await start({ demoByDefault: false, onLog: (entry) => entries.push(entry) });
      const bundle = shop();
      await core.handlers['services:save'](bundle);
      await core.stop();
      await core.start();
      const plan = newPlan({
        kind: 'delete-service',
        title: 'Delete service shop',
        steps: [],
        extra: { serviceId: bundle.service.id },
      });
      await core.plans().run(plan);
      for (let i = 0; i < 100; i++) {
        if ((await core.handlers['services:list']({})).services.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(entries.filter((e) => e.message.includes('definition forgotten'))).toHaveLength(1);
      expect(entries.filter((e) => e.level === 'error')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
