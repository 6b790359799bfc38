import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationId, HostId, ServiceId, VmId } from '../../../../shared/domain/ids';
import { Vm } from '../../../../shared/domain/vm';
import type { AppError } from '../../../../shared/errors';
import type { HostLink } from '../../hosts/host-link';
import type { HypervisorDriver, MigrationTarget } from '../hypervisor-driver';
import { createDemoDriver } from './demo-driver';
import { createDemoFleet, DEFAULT_DEMO_FLEET, type DemoHostSpec } from './demo-fleet';
import { createDemoHostLink } from '../../hosts/demo-link-ports';
import { DemoWorld } from './demo-world';

let world: DemoWorld;
let specs: DemoHostSpec[];
afterEach(() => world.stop());

function setUp(hosts = DEFAULT_DEMO_FLEET.hosts): HypervisorDriver[] {
  specs = createDemoFleet({ ...DEFAULT_DEMO_FLEET, hosts });
  world = new DemoWorld(specs, { tickMs: 60_000 });
  return specs.map((spec) => createDemoDriver(world, spec.config.id));
}

function targetOf(index: number): MigrationTarget {
  const { config } = specs[index]!;
  return {
    hostId: config.id,
    hostName: config.name,
    address: config.address,
    port: 22,
    user: config.user,
    uri: config.uri,
  };
}

function xml(name: string, uuid: string, memoryMiB = 1024, tags = ''): string {
  return `<domain type='kvm'><name>${name}</name><uuid>${uuid}</uuid><metadata>${tags}</metadata>
    <memory unit='MiB'>${memoryMiB}</memory><vcpu>2</vcpu></domain>`;
}

const TAGS = `<f:vm xmlns:f='https://federator.dev/xmlns/vm/1' application='web' service='shop'/>`;
const hostOf = (index: number) => specs[index]!.config.id;
const vmsOf = (index: number) => world.host(hostOf(index)).vms;
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (thrown: AppError) => thrown,
  );
}

describe('demo driver: define, undefine, tags', () => {
  it('defines from XML with its tags, updates the same UUID, refuses a taken name', async () => {
    const [d1] = setUp();
    const uuid = randomUUID();
    expect(await d1!.define(xml('web-9', uuid, 2048, TAGS))).toBe(uuid);
    const vm = Vm.parse((await d1!.listVms()).find((v) => v.id === uuid));
    expect(vm).toMatchObject({
      name: 'web-9',
      state: 'shutoff',
      vcpus: 2,
      memoryMiB: 2048,
      application: 'web',
      service: 'shop',
    });
    await d1!.define(xml('web-9', uuid, 4096));
    const again = vmsOf(0).filter((v) => v.name === 'web-9');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ memoryMiB: 4096 });
    expect(again[0]).not.toHaveProperty('application');
    await expect(d1!.define(xml('web-9', randomUUID()))).rejects.toMatchObject({
      code: 'command-failed',
    });
    const made = await d1!.define(`<domain><name>no-uuid</name><memory>65536</memory></domain>`);
    expect(vmsOf(0).find((v) => v.id === made)).toMatchObject({
      name: 'no-uuid',
      vcpus: 1,
      memoryMiB: 64,
    });
  });

  it('undefines idempotently, refuses a running VM, tags an existing one', async () => {
    const [d1] = setUp();
    const running = vmsOf(0).find((v) => v.state === 'running')!;
    await expect(d1!.undefine(running.id)).rejects.toMatchObject({ code: 'conflict' });
    const uuid = await d1!.define(xml('tmp', randomUUID()));
    await d1!.setMetadata(uuid, {
      application: 'db' as ApplicationId,
      service: 'shop' as ServiceId,
    });
    expect(vmsOf(0).find((v) => v.id === uuid)).toMatchObject({
      application: 'db',
      service: 'shop',
    });
    await d1!.undefine(uuid);
    await d1!.undefine(uuid);
    expect(vmsOf(0).some((v) => v.id === uuid)).toBe(false);
    await expect(
      d1!.setMetadata(uuid, { application: 'x' as ApplicationId, service: 'y' as ServiceId }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('demo driver: migration', () => {
  it('moves a running VM over time with progress, keeping its id', async () => {
    const [d1] = setUp();
    // 1 GiB: half a second, as the smallest guests take.
    const id = await d1!.define(xml('move-me', randomUUID(), 1024));
    await d1!.act(id, 'start');
    const vm = vmsOf(0).find((v) => v.id === id)!;
    const progress: number[] = [];
    const started = Date.now();
    await d1!.migrate(vm.id, targetOf(1), { live: true, onProgress: (p) => progress.push(p) });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(Math.max(500, (vm.memoryMiB / 2048) * 1000) - 20);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(vmsOf(0).some((v) => v.id === vm.id)).toBe(false);
    expect(vmsOf(1).find((v) => v.id === vm.id)).toMatchObject({
      hostId: hostOf(1),
      state: 'running',
    });
  });

  it('cancels when the signal aborts: the VM stays where it was', async () => {
    const [d1] = setUp();
    const vm = vmsOf(0).find((v) => v.state === 'running' && v.memoryMiB >= 4096)!;
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    const error = await rejection(
      d1!.migrate(vm.id, targetOf(1), { live: true, signal: abort.signal }),
    );
    expect(error.code).toBe('cancelled');
    expect(vmsOf(0).some((v) => v.id === vm.id)).toBe(true);
    expect(vmsOf(1).some((v) => v.id === vm.id)).toBe(false);
  });

  it('refuses what libvirt would: wrong state, missing target, a host with a problem', async () => {
    const [d1] = setUp();
    const running = vmsOf(0).find((v) => v.state === 'running')!;
    await expect(d1!.migrate(running.id, targetOf(1), { live: false })).rejects.toMatchObject({
      code: 'command-failed',
    });
    const nowhere = { ...targetOf(1), hostId: 'demo-nowhere' as HostId, hostName: 'demo-nowhere' };
    await expect(d1!.migrate(running.id, nowhere, { live: true })).rejects.toMatchObject({
      code: 'not-found',
      message: `Couldn't move ${running.name} from demo-hv01 to demo-nowhere: demo-nowhere is not a simulated host`,
    });
    // The 4th host of the default fleet has a hypervisor problem: no path into it.
    const error = await rejection(d1!.migrate(running.id, targetOf(3), { live: true }));
    expect(error.message).toBe(
      `Couldn't move ${running.name} from demo-hv01 to demo-hv04: libvirt does not answer on demo-hv04 at demo:///simulated`,
    );
    expect(vmsOf(0).some((v) => v.id === running.id)).toBe(true);
  });

  it('probes: every 17th host is unreachable from the others, with the fix', async () => {
    const drivers = setUp(40);
    expect(await drivers[0]!.probeMigrationPath(targetOf(1))).toEqual({ ok: true });
    const into17 = await drivers[0]!.probeMigrationPath(targetOf(16));
    expect(into17).toMatchObject({
      ok: false,
      message: 'demo-hv01 cannot reach demo-hv17 at hv17.demo.invalid:22: no answer',
    });
    expect(into17.ok ? '' : into17.fix).toMatch(
      /^Check the network between demo-hv01 and demo-hv17/,
    );
    expect(await drivers[16]!.probeMigrationPath(targetOf(2))).toEqual({ ok: true });
    expect((await drivers[0]!.probeMigrationPath(targetOf(33))).ok).toBe(false); // hv34
  });
});

describe('demo host link: hypervisor()', () => {
  it('gives the operations of a connected host, refuses otherwise in words', async () => {
    setUp();
    const config = specs[0]!.config;
    const link: HostLink = createDemoHostLink(
      world,
      config,
      { host: () => undefined, vms: () => undefined, log: () => undefined },
      { connectDelayMs: 1 },
    );
    await expect(link.hypervisor()).rejects.toMatchObject({
      code: 'unreachable',
      message: 'demo-hv01 is not connected (disconnected)',
    });
    link.open();
    for (let i = 0; i < 100 && link.current().host.state !== 'connected'; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const ops = await link.hypervisor();
    const uuid = randomUUID() as VmId;
    await ops.define(xml('via-link', uuid));
    expect((await ops.refresh()).some((v) => v.id === uuid)).toBe(true);
    expect(link.current().vms.some((v) => v.id === uuid)).toBe(true);
    await link.disconnect();
    await expect(link.hypervisor()).rejects.toMatchObject({
      message: 'demo-hv01 is not connected (disconnected: Disconnected by the admin)',
    });
    await link.close();
  });
});
