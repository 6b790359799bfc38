import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { FakeWorld } from '../../testing/fake-ops';
import { newPlan, step } from './plan-builder';
import {
  defineStep,
  guestXml,
  harnessesPerTest,
  hv,
  startStep,
  vm,
  type Harness,
} from '../../testing/plan-test-harness';

const harnesses = harnessesPerTest();
const start = (world: FakeWorld): Promise<Harness> => harnesses.start({ world });

const twoHosts = (): FakeWorld => {
  const world = new FakeWorld();
  world.addHost('hv1');
  world.addHost('hv2');
  return world;
};

describe('plan runner', () => {
  it('defines and starts in dependency order, journaling each step running before its host is touched', async () => {
    const world = twoHosts();
    const h = await start(world);
    const db = defineStep(1, 'db', '00000000-0000-4000-8000-0000000000d1');
    const dbStart = startStep(db);
    const web = defineStep(2, 'web', '00000000-0000-4000-8000-0000000000e1');
    const webStart = startStep(web, [dbStart.id]);
    const plan = newPlan({
      kind: 'deploy',
      title: 'Deploy shop',
      steps: [db, dbStart, web, webStart],
    });
    const seenRunning: string[] = [];
    world.before = (call) => {
      // From inside the host operation: the journal on disk already says this step is running.
      const onDisk = h.journaled(plan.id);
      const running = onDisk?.steps
        .filter((s) => s.status === 'running')
        .map((s) => s.vmName + ':' + s.kind);
      seenRunning.push(`${call.method}@${call.hostId} ${running?.join(',') ?? 'no plan'}`);
    };
    await h.runner.run(plan);
    const done = await h.runner.settled(plan.id);
    expect(done.status).toBe('done');
    expect(done.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(world.vm(hv(1), db.vmId)?.state).toBe('running');
    expect(world.vm(hv(2), web.vmId)).toMatchObject({ state: 'running', application: 'web' });
    const order = world.calls.map((c) => `${c.method}:${c.detail ?? ''}@${c.hostId}`);
    expect(order.indexOf('act:start@hv2')).toBeGreaterThan(order.indexOf('act:start@hv1'));
    for (const line of seenRunning) expect(line).toMatch(/ \w+:\w+/); // some step was running on disk
    expect(seenRunning.find((l) => l.startsWith('act@hv2'))).toContain('web:start');
    expect(h.journaled(plan.id)?.status).toBe('done');
    expect(h.published.at(-1)?.status).toBe('done');
  });

  it('never runs more than plan.concurrency steps at once', async () => {
    const world = twoHosts();
    const steps: PlanStep[] = [];
    for (let i = 0; i < 8; i++) {
      const id = `00000000-0000-4000-8000-00000000010${i}`;
      world.addVm(hv(1 + (i % 2)), { id, name: `v${i}` });
      steps.push(
        step('start', {
          label: `Start v${i}`,
          hostId: hv(1 + (i % 2)),
          vmId: vm(id),
          vmName: `v${i}`,
        }),
      );
    }
    const h = await start(world);
    let maxRunning = 0;
    world.before = () => {
      const running =
        h.runner.get(plan.id)?.steps.filter((s) => s.status === 'running').length ?? 0;
      maxRunning = Math.max(maxRunning, running);
    };
    const plan = newPlan({ kind: 'start-service', title: 'Start all', steps, concurrency: 3 });
    await h.runner.run(plan);
    expect((await h.runner.settled(plan.id)).status).toBe('done');
    expect(world.maxActive).toBe(3);
    expect(maxRunning).toBe(3);
  });
});

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** n shut-off VMs on hv1, and a start step for each. */
const startSteps = (world: FakeWorld, n: number, first = 1): PlanStep[] =>
  Array.from({ length: n }, (_, i) => {
    const id = uuid(first + i);
    world.addVm(hv(1), { id, name: `v${first + i}` });
    return step('start', {
      label: `Start v${first + i}`,
      hostId: hv(1),
      vmId: vm(id),
      vmName: `v${first + i}`,
    });
  });

describe('plan runner: failure, cancel, conflicts', () => {
  it('a failed step launches nothing new, lets running ones finish, skips the rest', async () => {
    const world = twoHosts();
    const steps = startSteps(world, 5);
    steps[3]!.after = [steps[0]!.id];
    steps[4]!.after = [steps[3]!.id];
    world.failures.set(
      'act:start:v1',
      new AppError('command-failed', 'virsh refused', {
        detail: 'error: internal error: no memory',
      }),
    );
    const h = await start(world);
    const plan = newPlan({ kind: 'start-service', title: 'Start all', steps, concurrency: 2 });
    await h.runner.run(plan);
    const end = await h.runner.settled(plan.id);
    expect(end.status).toBe('failed');
    expect(end.steps.map((s) => s.status)).toEqual([
      'failed',
      'done',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(end.error).toMatchObject({
      code: 'command-failed',
      message: "Couldn't start v1 on hv1: virsh refused",
      detail: 'error: internal error: no memory',
      hostId: 'hv1',
    });
    expect(world.calls.filter((c) => c.method === 'act')).toHaveLength(2);
    const line = h.log.recent(50).find((e) => e.level === 'error');
    expect(line?.hostId).toBe('hv1');
    expect(line?.message).toContain("Couldn't start v1");
  });

  it('a power plan goes on past a VM that fails: the others reach the state, the plan ends failed naming it', async () => {
    const world = twoHosts();
    const steps = startSteps(world, 4);
    world.failures.set('act:start:v2', new AppError('conflict', 'v2 is paused'));
    const h = await start(world);
    const plan = newPlan({
      kind: 'power',
      title: 'Start 4 VMs',
      steps,
      concurrency: 1,
      extra: { power: 'start' },
    });
    await h.runner.run(plan);
    const end = await h.runner.settled(plan.id);
    expect(end.steps.map((s) => s.status)).toEqual(['done', 'failed', 'done', 'done']);
    expect(end.status).toBe('failed');
    expect(end.error?.message).toBe("Couldn't start v2 on hv1: v2 is paused");
    expect(world.calls.filter((c) => c.method === 'act')).toHaveLength(4);
  });

  it('cancel aborts a running migration and skips the rest; the VM stays on its source', async () => {
    const world = twoHosts();
    world.migrationTicks = 50;
    world.opDelayMs = 10;
    world.addVm(hv(1), { id: uuid(1), name: 'm1', state: 'running' });
    const move = step('migrate', {
      label: 'Move m1 to hv2',
      hostId: hv(1),
      targetHostId: hv(2),
      vmId: vm(uuid(1)),
      vmName: 'm1',
      live: true,
    });
    const after = startSteps(world, 1, 2)[0]!;
    after.after = [move.id];
    const h = await start(world);
    const plan = newPlan({ kind: 'move', title: 'Move m1', steps: [move, after] });
    await h.runner.run(plan);
    await until(() => (h.runner.get(plan.id)?.steps[0]?.progress ?? 0) > 0);
    const cancelled = await h.runner.cancel(plan.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.steps.map((s) => s.status)).toEqual(['cancelled', 'skipped']);
    expect(world.vm(hv(1), uuid(1))).toBeDefined();
    expect(world.vm(hv(2), uuid(1))).toBeUndefined();
    expect(h.journaled(plan.id)?.status).toBe('cancelled');
    // Progress reached the window without a journal write for each tick.
    expect(
      h.published.some((p) => p.steps[0]?.status === 'running' && (p.steps[0].progress ?? 0) > 0),
    ).toBe(true);
  });

  it('refuses to run a plan on a VM another running plan acts on, naming it', async () => {
    const world = twoHosts();
    world.opDelayMs = 30;
    const steps = startSteps(world, 2);
    const h = await start(world);
    const first = newPlan({ kind: 'start-service', title: 'Start shop', steps: [steps[0]!] });
    const second = newPlan({
      kind: 'stop-service',
      title: 'Other',
      steps: [structuredClone(steps[0]!)],
    });
    const third = newPlan({ kind: 'start-service', title: 'Unrelated', steps: [steps[1]!] });
    await h.runner.run(first);
    await h.runner.propose(second);
    const refused = await h.runner.approve(second.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'conflict' });
    expect((refused as Error).message).toContain('plan “Start shop” (running) also acts on v1');
    await h.runner.run(third); // another VM: runs alongside
    expect((await h.runner.settled(first.id)).status).toBe('done');
    expect((await h.runner.settled(third.id)).status).toBe('done');
    expect((await h.runner.approve(second.id)).status).toBe('running');
    expect((await h.runner.settled(second.id)).status).toBe('done');
  });

  it('a move into a host that entered maintenance since the review is refused at approval', async () => {
    const world = twoHosts();
    world.addVm(hv(1), { id: '00000000-0000-4000-8000-0000000000a1', name: 'v1' });
    const h = await start(world);
    const move = await h.runner.propose(
      newPlan({
        kind: 'move',
        title: 'Move v1',
        steps: [
          step('migrate', {
            label: 'Move v1 from hv1 to hv2',
            hostId: hv(1),
            targetHostId: hv(2),
            vmId: vm('00000000-0000-4000-8000-0000000000a1'),
            vmName: 'v1',
          }),
        ],
      }),
    );
    const target = h.hosts.get(hv(2))!;
    h.hosts.setConfig({ ...target.config, maintenance: true });
    const refused = await h.runner.approve(move.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'conflict' });
    expect((refused as Error).message).toBe(
      "Couldn't approve plan “Move v1”: hv2 entered maintenance since it was planned and takes no VMs (v1); discard it and plan again",
    );
    expect(world.calls.filter((c) => c.method === 'migrate')).toEqual([]);
    expect(h.runner.get(move.id)?.status).toBe('review');

    h.hosts.setConfig({ ...target.config, maintenance: false });
    await h.runner.approve(move.id);
    expect((await h.runner.settled(move.id)).status).toBe('done');
  });

  it('a second deploy of a service, reviewed before the first ran, is refused: no replica defined twice', async () => {
    const world = twoHosts();
    const h = await start(world);
    const shop = 'svc-shop' as Plan['serviceId'];
    // Two reviews of the same service (say, Deploy clicked twice): new VMs, new UUIDs, same names.
    const deploy = (n: number, name = 'shop-web-1'): Plan =>
      newPlan({
        kind: 'deploy',
        title: `Deploy shop (${n})`,
        steps: [
          step('define', {
            label: `Define ${name} on hv1`,
            hostId: hv(1),
            vmId: vm(`00000000-0000-4000-8000-00000000000${n}`),
            vmName: name,
            xml: guestXml(name, `00000000-0000-4000-8000-00000000000${n}`),
          }),
        ],
        extra: { serviceId: shop },
      });
    const first = await h.runner.propose(deploy(1));
    const second = await h.runner.propose(deploy(2));
    await h.runner.approve(first.id);
    expect((await h.runner.settled(first.id)).status).toBe('done');
    const refused = await h.runner.approve(second.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'conflict' });
    expect((refused as Error).message).toContain(
      'plan “Deploy shop (1)” acted on the same service',
    );
    expect(world.calls.filter((c) => c.method === 'define')).toHaveLength(1);
    expect(h.runner.get(second.id)?.status).toBe('review'); // still there to discard

    // A delete approved while a deploy of the service still runs would forget it under new VMs.
    world.opDelayMs = 50;
    // (Another name: libvirt, like the simulated hosts, refuses a second UUID under a taken name.)
    const third = await h.runner.propose(deploy(3, 'shop-web-2'));
    const deleting = await h.runner.propose(
      newPlan({
        kind: 'delete-service',
        title: 'Delete shop',
        steps: [],
        extra: { serviceId: shop },
      }),
    );
    await h.runner.approve(third.id);
    const notYet = await h.runner.approve(deleting.id).catch((error: unknown) => error);
    expect((notYet as Error).message).toContain(
      'plan “Deploy shop (3)” on the same service is running',
    );
    expect((await h.runner.settled(third.id)).status).toBe('done');
    await h.runner.approve(deleting.id);
    expect((await h.runner.settled(deleting.id)).status).toBe('done');
  });

  it('a move planned cold runs live once the VM was started since: never --offline on a running VM', async () => {
    const world = twoHosts();
    world.addVm(hv(1), {
      id: '00000000-0000-4000-8000-0000000000c1',
      name: 'c1',
      state: 'running',
    });
    const h = await start(world);
    const move = step('migrate', {
      label: 'Move c1 (cold: it is shut off)',
      hostId: hv(1),
      targetHostId: hv(2),
      vmId: vm('00000000-0000-4000-8000-0000000000c1'),
      vmName: 'c1',
      live: false, // as planned, when c1 was shut off
    });
    const plan = await h.runner.run(newPlan({ kind: 'move', title: 'Move c1', steps: [move] }));
    const done = await h.runner.settled(plan.id);
    expect(done.status).toBe('done');
    expect(done.steps[0]?.note).toBe('moved live: it was started after the move was planned');
    expect(world.calls.filter((c) => c.method === 'migrate').map((c) => c.live)).toEqual([true]);
  });

  it('a guest that ignores shutdown is forced off after the grace period, and the step says so', async () => {
    const world = twoHosts();
    world.addVm(hv(1), { id: uuid(1), name: 'stubborn', state: 'running' });
    world.ignoresShutdown.add(vm(uuid(1)));
    const h = await start(world);
    const plan = newPlan({
      kind: 'stop-service',
      title: 'Stop',
      steps: [
        step('shutdown', {
          label: 'Stop stubborn',
          hostId: hv(1),
          vmId: vm(uuid(1)),
          vmName: 'stubborn',
        }),
      ],
    });
    await h.runner.run(plan);
    const end = await h.runner.settled(plan.id);
    expect(end.status).toBe('done');
    expect(end.steps[0]?.note).toBe('did not shut down within 60 ms; forced off');
    expect(world.vm(hv(1), uuid(1))?.state).toBe('shutoff');
    expect(world.calls.map((c) => c.detail)).toEqual(['shutdown', 'destroy']);
  });

  it('lists open plans first, then finished ones newest first', async () => {
    const world = twoHosts();
    const h = await start(world);
    const a = newPlan({ kind: 'start-service', title: 'A', steps: [] });
    await h.runner.run(a);
    await h.runner.settled(a.id);
    const b = newPlan({ kind: 'deploy', title: 'B', steps: [] });
    b.createdAt = a.createdAt - 10; // older, but open
    await h.runner.propose(b);
    expect(h.runner.list().map((p) => `${p.title}:${p.status}`)).toEqual(['B:review', 'A:done']);
    expect((await h.runner.discard(b.id)).status).toBe('discarded');
  });
});

async function until(probe: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}
