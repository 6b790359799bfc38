import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/domain/plan';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import { HostRegistry } from '../hosts/host-registry';
import { openInventory, type Inventory } from '../inventory/inventory';
import { createPlanRunner } from './create-plan-runner';
import { FakeWorld } from '../../testing/fake-ops';
import { newPlan, step } from './plan-builder';
import { KEPT_PLANS, LISTED_PLANS, PlanJournal } from './plan-journal';
import { FAST, harnessesPerTest, hv, uuid, vm } from '../../testing/plan-test-harness';

const harnesses = harnessesPerTest();

describe('plan journal', () => {
  it('keeps the newest finished plans beyond the limit, lists open ones first and 50 finished', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    const dataDir = freshDir();
    const seed = await openInventoryIn(dataDir);
    for (let i = 0; i < KEPT_PLANS + 5; i++) {
      const old = newPlan({ kind: 'start-service', title: `old ${i}`, steps: [] });
      await seed.savePlan({ ...old, status: 'done', createdAt: 1000 + i });
    }
    await seed.close();
    const first = await harnesses.start({ world, dataDir });
    const open = newPlan({ kind: 'deploy', title: 'waiting', steps: [] });
    await first.runner.propose({ ...open, createdAt: 10 });
    const listed = first.runner.list();
    expect(listed[0]?.title).toBe('waiting');
    expect(listed).toHaveLength(1 + LISTED_PLANS);
    expect(listed[1]?.title).toBe(`old ${KEPT_PLANS + 4}`);
    const kept = first.inventory.listPlans();
    expect(kept).toHaveLength(KEPT_PLANS + 1);
    expect(kept.some((p) => p.title === 'old 4')).toBe(false);
    expect(kept.some((p) => p.title === 'old 5')).toBe(true);
    // 205 saves of the whole inventory: seconds on a machine busy with other runs.
  }, 30_000);

  it('a step whose running state could not be journaled never touches its host', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addVm(hv(1), { id: uuid(1), name: 'v1' });
    world.addVm(hv(1), { id: uuid(2), name: 'v2' });
    const h = await harnesses.start({ world });
    // The same runner over an inventory whose disk refuses the save that marks v1 running.
    const inventory: Inventory = {
      ...h.inventory,
      savePlan: (plan: Plan) =>
        plan.steps.some((s) => s.vmName === 'v1' && s.status === 'running')
          ? Promise.reject(new Error('ENOSPC: no space left on device'))
          : h.inventory.savePlan(plan),
    };
    const hub = createEventHub((e) => {
      throw e;
    });
    const log = createEventLog(hub);
    const hosts = new HostRegistry(hub, log);
    world.attach(hosts);
    const runner = createPlanRunner({ inventory, hosts, hub, log, timing: FAST });
    const s1 = step('start', { label: 'Start v1', hostId: hv(1), vmId: vm(uuid(1)), vmName: 'v1' });
    const s2 = step('start', {
      label: 'Start v2',
      hostId: hv(1),
      vmId: vm(uuid(2)),
      vmName: 'v2',
      after: [s1.id],
    });
    const plan = newPlan({ kind: 'start-service', title: 'Disk full', steps: [s1, s2] });
    await runner.run(plan);
    const end = await runner.settled(plan.id);
    expect(end.status).toBe('failed');
    expect(end.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    expect(end.error?.message).toContain('ENOSPC');
    expect(world.calls).toEqual([]);
    expect(h.journaled(plan.id)?.steps[0]?.status).toBe('failed');
    await runner.stop();
    await hosts.closeAll();
  });

  it('publishes migration progress at most every progressMs, without a journal write per tick', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addHost('hv2');
    world.migrationTicks = 40;
    world.opDelayMs = 5;
    world.addVm(hv(1), { id: uuid(1), name: 'm', state: 'running' });
    const h = await harnesses.start({ world, timing: { progressMs: 50 } });
    let writes = 0;
    const save = h.inventory.savePlan.bind(h.inventory);
    h.inventory.savePlan = (plan) => {
      writes++;
      return save(plan);
    };
    const move = step('migrate', {
      label: 'Move m',
      hostId: hv(1),
      targetHostId: hv(2),
      vmId: vm(uuid(1)),
      vmName: 'm',
      live: true,
    });
    const plan = newPlan({ kind: 'move', title: 'Move', steps: [move] });
    const started = Date.now();
    await h.runner.run(plan);
    expect((await h.runner.settled(plan.id)).status).toBe('done');
    const elapsed = Date.now() - started;
    const progress = h.published.filter(
      (p) =>
        p.id === plan.id && p.steps[0]?.status === 'running' && p.steps[0].progress !== undefined,
    );
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(writes).toBe(4); // plan running, step running, step done, plan done
    expect(world.vm(hv(2), uuid(1))).toBeDefined();
  });

  it('announces a plan as it was saved: a step done in memory is not shown done before its own save', async () => {
    const writes: { plan: Plan; land: () => void }[] = [];
    const inventory = {
      listPlans: () => [],
      savePlan: (plan: Plan) =>
        new Promise<void>((land) => {
          writes.push({ plan, land });
        }),
      removePlan: () => Promise.resolve(),
    } as unknown as Inventory;
    const hub = createEventHub((error) => {
      throw error;
    });
    const seen: Plan[] = [];
    hub.on('plans:changed', (plan) => seen.push(plan));
    const journal = new PlanJournal(inventory, hub);
    const [a, b] = ['a', 'b'].map((n, i) =>
      step('start', { label: n, hostId: hv(1), vmId: vm(uuid(i + 1)), vmName: n }),
    );
    const plan = newPlan({ kind: 'start-service', title: 'Two', steps: [a!, b!] });
    // Two steps end close together, as with concurrency 2: a's save is still on its way when b ends.
    plan.steps[0]!.status = 'done';
    const first = journal.save(plan);
    plan.steps[1]!.status = 'done';
    const second = journal.save(plan);
    writes[0]!.land();
    await first;
    expect(seen.at(-1)?.steps.map((s) => s.status)).toEqual(['done', 'pending']);
    expect(journal.list()[0]?.steps.map((s) => s.status)).toEqual(['done', 'pending']);
    writes[1]!.land();
    await second;
    expect(seen.at(-1)?.steps.map((s) => s.status)).toEqual(['done', 'done']);
  });

  it('resume does not wait for a host the background check is still waiting for', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.setConnected(hv(1), false);
    const dataDir = freshDir();
    const seed = await openInventoryIn(dataDir);
    const plan = newPlan({
      kind: 'start-service',
      title: 'Waiting',
      steps: [
        {
          ...step('start', { label: 'Start v1', hostId: hv(1), vmId: vm(uuid(1)), vmName: 'v1' }),
          status: 'running',
        },
      ],
    });
    await seed.savePlan({ ...plan, status: 'running' });
    await seed.close();
    const h = await harnesses.start({ world, dataDir, timing: { hostWaitMs: 60_000 } });
    const started = Date.now();
    await h.runner.resume(plan.id);
    const end = await h.runner.settled(plan.id);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(end.status).toBe('failed'); // hv1 is still not connected: said, not waited for
    expect(end.error?.code).toBe('unreachable');
  });

  it('a resume that was still checking the hosts when the console quit touches no host', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addVm(hv(1), { id: uuid(1), name: 'v1' });
    const dataDir = freshDir();
    const seed = await openInventoryIn(dataDir);
    const plan = newPlan({
      kind: 'start-service',
      title: 'Quitting',
      steps: [
        {
          ...step('start', { label: 'Start v1', hostId: hv(1), vmId: vm(uuid(1)), vmName: 'v1' }),
          status: 'running',
        },
      ],
    });
    await seed.savePlan({ ...plan, status: 'running' });
    await seed.close();
    const h = await harnesses.start({ world, dataDir });
    const resuming = h.runner.resume(plan.id);
    await h.runner.stop(); // the journal closes while resume still looks at hv1
    await expect(resuming).rejects.toThrow(/quitting/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.calls).toEqual([]);
    expect(world.vm(hv(1), uuid(1))?.state).toBe('shutoff');
  });

  it('a step whose host is still connecting waits for it, then runs', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addVm(hv(1), { id: uuid(1), name: 'v1' });
    world.setConnected(hv(1), false);
    const h = await harnesses.start({ world, timing: { settleMs: 5000 } });
    const plan = newPlan({
      kind: 'start-service',
      title: 'Soon',
      steps: [step('start', { label: 'Start v1', hostId: hv(1), vmId: vm(uuid(1)), vmName: 'v1' })],
    });
    await h.runner.run(plan);
    setTimeout(() => world.setConnected(hv(1), true), 100);
    const end = await h.runner.settled(plan.id);
    expect(end.status).toBe('done');
    expect(world.vm(hv(1), uuid(1))?.state).toBe('running');
  });
});

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'federator-journal-'));
}

async function openInventoryIn(dataDir: string): Promise<Inventory> {
  return openInventory({ dataDir, log: () => undefined });
}
