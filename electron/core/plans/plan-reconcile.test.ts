import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApplicationId, ServiceId } from '../../../shared/domain/ids';
import type { Plan, PlanStep, StepKind } from '../../../shared/domain/plan';
import { openInventory } from '../inventory/inventory';
import { FakeWorld } from '../../testing/fake-ops';
import { newPlan, step } from './plan-builder';
import {
  defineStep,
  guestXml,
  harnessesPerTest,
  hv,
  removeDir,
  startStep,
  uuid,
  vm,
  type Harness,
} from '../../testing/plan-test-harness';

const harnesses = harnessesPerTest();
const begin = (world: FakeWorld, dataDir?: string, attachLater = false): Promise<Harness> =>
  harnesses.start({ world, ...(dataDir ? { dataDir } : {}), attachLater });

const tags = { application: 'web' as ApplicationId, service: 'shop' as ServiceId };

/** A journal written by a console that was killed: the plan running, these steps running. */
async function killedConsoleJournal(plan: Plan): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'federator-plans-killed-'));
  const inventory = await openInventory({ dataDir, log: () => undefined });
  await inventory.savePlan({ ...plan, status: 'running' });
  await inventory.close();
  return dataDir;
}

const running = (kind: StepKind, n: number, extra: Partial<PlanStep> = {}): PlanStep => ({
  ...step(kind, {
    label: `${kind} v${n}`,
    hostId: hv(1),
    vmId: vm(uuid(n)),
    vmName: `v${n}`,
    ...(kind === 'define' ? { xml: guestXml(`v${n}`, uuid(n)) } : {}),
    ...(kind === 'migrate' ? { targetHostId: hv(2) } : {}),
    ...(kind === 'set-metadata' ? tags : {}),
  }),
  status: 'running',
  ...extra,
});

describe('reconcile after a restart', () => {
  it('settles each kind of step from what the hosts report, then resume runs only what is left', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addHost('hv2');
    const steps = [
      running('define', 1), // on hv1 → done
      running('define', 2), // absent → pending
      running('start', 3), // running → done
      running('start', 4), // shut off → pending
      running('shutdown', 5), // shut off → done
      running('destroy', 6), // running → pending
      running('undefine', 7), // absent → done
      running('undefine', 8), // defined → pending
      running('migrate', 9), // on hv2 → done
      running('migrate', 10), // still on hv1 → pending
      running('set-metadata', 11), // tagged → done
      running('set-metadata', 12), // not tagged → pending
    ];
    world.addVm(hv(1), { id: uuid(1), name: 'v1' });
    world.addVm(hv(1), { id: uuid(3), name: 'v3', state: 'running' });
    world.addVm(hv(1), { id: uuid(4), name: 'v4' });
    world.addVm(hv(1), { id: uuid(5), name: 'v5' });
    world.addVm(hv(1), { id: uuid(6), name: 'v6', state: 'running' });
    world.addVm(hv(1), { id: uuid(8), name: 'v8' });
    world.addVm(hv(2), { id: uuid(9), name: 'v9', state: 'running' });
    world.addVm(hv(1), { id: uuid(10), name: 'v10', state: 'running' });
    Object.assign(world.addVm(hv(1), { id: uuid(11), name: 'v11' }), tags);
    world.addVm(hv(1), { id: uuid(12), name: 'v12' });
    const plan = newPlan({ kind: 'deploy', title: 'Everything', steps, concurrency: 4 });
    const h = await begin(world, await killedConsoleJournal(plan));

    expect(h.runner.get(plan.id)?.status).toBe('interrupted');
    const settledSteps = await waitFor(h, plan.id, (p) =>
      p.steps.every((s) => s.status !== 'unknown'),
    );
    expect(settledSteps.steps.map((s) => `${s.vmName}:${s.status}`)).toEqual([
      'v1:done',
      'v2:pending',
      'v3:done',
      'v4:pending',
      'v5:done',
      'v6:pending',
      'v7:done',
      'v8:pending',
      'v9:done',
      'v10:pending',
      'v11:done',
      'v12:pending',
    ]);
    expect(settledSteps.steps[0]?.note).toBe('found defined on hv1 after restart');
    expect(settledSteps.steps[8]?.note).toBe('found on hv2 after restart');
    expect(settledSteps.status).toBe('interrupted'); // waits for the admin
    expect(h.journaled(plan.id)?.steps[1]?.status).toBe('pending');

    await h.runner.resume(plan.id);
    const end = await h.runner.settled(plan.id);
    expect(end.status).toBe('done');
    // Only the steps that were left touched a host: never v1, v3, v5, v7, v9 or v11 again.
    const touched = new Set(world.calls.map((c) => c.vmId));
    expect([...touched].sort()).toEqual([2, 4, 6, 8, 10, 12].map(uuid).sort());
    expect(world.calls.filter((c) => c.method === 'define')).toHaveLength(1);
    expect(world.vm(hv(2), uuid(10))).toBeDefined();
    expect(world.vm(hv(1), uuid(12))).toMatchObject(tags);
  });

  it('waits for a host to connect before it decides, and leaves what it cannot see unknown', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addHost('hv2');
    world.setConnected(hv(2), false);
    world.addVm(hv(1), { id: uuid(1), name: 'v1', state: 'running' });
    const a = running('start', 1);
    const b = { ...running('define', 2), hostId: hv(2) };
    const plan = newPlan({ kind: 'deploy', title: 'Two hosts', steps: [a, b] });
    const h = await begin(world, await killedConsoleJournal(plan));
    setTimeout(() => world.setConnected(hv(2), true), 50);
    const settled = await waitFor(h, plan.id, (p) => p.steps.every((s) => s.status !== 'unknown'));
    expect(settled.steps.map((s) => s.status)).toEqual(['done', 'pending']);

    // Another interrupted plan whose host never comes: its step stays unknown, with a note.
    const world2 = new FakeWorld();
    world2.addHost('hv1');
    world2.hosts.get(hv(1))!.connected = false;
    const lone = newPlan({ kind: 'deploy', title: 'Lone', steps: [running('start', 3)] });
    const h2 = await harnesses.start({
      world: world2,
      dataDir: await killedConsoleJournal(lone),
      timing: { hostWaitMs: 30 },
    });
    const still = await waitFor(h2, lone.id, (p) => p.steps[0]?.note !== undefined);
    expect(still.steps[0]).toMatchObject({
      status: 'unknown',
      note: 'hv1 did not answer; not checked yet',
    });
  });

  it('a connected host whose listing fails leaves its steps unknown, and the log says why', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.failsListing.add(hv(1));
    const plan = newPlan({ kind: 'deploy', title: 'Unlisted', steps: [running('start', 1)] });
    const h = await begin(world, await killedConsoleJournal(plan));
    const seen = await waitFor(h, plan.id, (p) => p.steps[0]?.note !== undefined);
    expect(seen.steps[0]?.status).toBe('unknown');
    const line = h.log.recent(50).find((e) => e.message.startsWith('Plan “Unlisted” checked'));
    expect(line).toMatchObject({
      level: 'warning',
      message: expect.stringContaining("couldn't list hv1: Couldn't list the VMs of hv1") as string,
      detail: 'error: failed to connect to the hypervisor',
    });
  });

  it('a migration that outlived the killed console: resume waits for it to land, never migrates again', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addHost('hv2');
    // Mid-copy: the source still runs it, the target lists its incoming paused copy.
    world.addVm(hv(1), { id: uuid(1), name: 'v1', state: 'running' });
    world.addVm(hv(2), { id: uuid(1), name: 'v1', state: 'paused' });
    const plan = newPlan({ kind: 'move', title: 'Move v1', steps: [running('migrate', 1)] });
    const h = await begin(world, await killedConsoleJournal(plan));
    const seen = await waitFor(h, plan.id, (p) => p.steps[0]?.note !== undefined);
    expect(seen.steps[0]).toMatchObject({ status: 'unknown' });
    expect(seen.steps[0]?.note).toMatch(/on both hv1 and hv2/);

    await h.runner.resume(plan.id);
    // The job finishes on its own a little later: the source lets go, the target runs it.
    setTimeout(() => {
      world.removeVm(hv(1), uuid(1));
      world.vm(hv(2), uuid(1))!.state = 'running';
    }, 40);
    const end = await h.runner.settled(plan.id);
    expect(end.status).toBe('done');
    expect(end.steps[0]?.note).toBe('already on hv2');
    expect(world.calls.filter((c) => c.method === 'migrate')).toEqual([]);
  });

  it('a console killed mid-plan: the copy of its data folder resumes it, and no VM is defined twice', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addHost('hv2');
    const h = await begin(world);
    const d1 = defineStep(1, 'a', uuid(1));
    const s1 = startStep(d1);
    const d2 = defineStep(2, 'b', uuid(2), { after: [s1.id] });
    const s2 = startStep(d2);
    const plan = newPlan({ kind: 'deploy', title: 'Deploy', steps: [d1, s1, d2, s2] });
    // Freeze the console inside "define b", after libvirt defined it: what a kill -9 leaves.
    const killedDir = mkdtempSync(join(tmpdir(), 'federator-plans-copy-'));
    harnesses.removeAfter(killedDir);
    let frozen!: () => void;
    const hold = new Promise<void>((resolve) => (frozen = resolve));
    world.before = async (call) => {
      if (call.method !== 'define' || call.detail !== 'b') return;
      world.addVm(hv(2), { id: uuid(2), name: 'b' }); // libvirt got there first
      cpSync(h.dataDir, killedDir, { recursive: true });
      frozen();
      await new Promise(() => undefined); // this console never comes back
    };
    await h.runner.run(plan);
    await hold;
    world.before = undefined;
    const callsBefore = world.calls.length;
    // The lock file names a process that is alive (this one) but not the new console's own:
    // the data-dir lock takes over only stale locks, so drop it as a dead console's would be.
    removeDir(join(killedDir, 'federator.lock'));
    const after = await begin(world, killedDir);
    const checked = await waitFor(after, plan.id, (p) => p.steps[2]?.status !== 'unknown');
    expect(checked.status).toBe('interrupted');
    expect(checked.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'pending']);
    expect(checked.steps[2]?.note).toBe('found defined on hv2 after restart');
    await after.runner.resume(plan.id);
    expect((await after.runner.settled(plan.id)).status).toBe('done');
    expect(world.calls.slice(callsBefore).map((c) => `${c.method}:${c.detail ?? ''}`)).toEqual([
      'act:start',
    ]);
    expect([...world.vmsOf(hv(2))].filter((v) => v.name === 'b')).toHaveLength(1);
  });
});

describe('rollback', () => {
  it('reverses the done steps in reverse order as a new plan that runs at once', async () => {
    const world = new FakeWorld();
    world.addHost('hv1');
    world.addHost('hv2');
    world.addVm(hv(1), { id: uuid(5), name: 'mover', state: 'running' });
    world.addVm(hv(1), { id: uuid(6), name: 'stopped', state: 'running' });
    const h = await begin(world);
    const d = defineStep(1, 'a', uuid(1));
    const s = startStep(d);
    const m = step('migrate', {
      label: 'Move mover',
      hostId: hv(1),
      targetHostId: hv(2),
      vmId: vm(uuid(5)),
      vmName: 'mover',
      live: true,
    });
    const off = step('destroy', {
      label: 'Off stopped',
      hostId: hv(1),
      vmId: vm(uuid(6)),
      vmName: 'stopped',
    });
    const tag = step('set-metadata', {
      label: 'Tag mover',
      hostId: hv(2),
      vmId: vm(uuid(5)),
      vmName: 'mover',
      ...tags,
      after: [m.id],
    });
    const boom = defineStep(2, 'z', uuid(9), { after: [s.id, m.id, off.id, tag.id] });
    world.failures.set(
      'define:z',
      new (await import('../../../shared/errors')).AppError('command-failed', 'no space'),
    );
    const plan = newPlan({
      kind: 'deploy',
      title: 'Mixed',
      steps: [d, s, m, off, tag, boom],
      concurrency: 3,
    });
    await h.runner.run(plan);
    expect((await h.runner.settled(plan.id)).status).toBe('failed');
    expect(world.vm(hv(1), uuid(1))?.state).toBe('running');

    const back = await h.runner.rollback(plan.id);
    expect(back).toMatchObject({ kind: 'rollback', reverses: plan.id, status: 'running' });
    expect(back.warnings).toEqual([expect.stringContaining('mover on hv2 keeps its tags')]);
    const kinds = back.steps.map((x) => `${x.kind}:${x.vmName}@${x.hostId}`);
    expect(kinds.sort()).toEqual([
      'destroy:a@hv1',
      'migrate:mover@hv2',
      'start:stopped@hv1',
      'undefine:a@hv1',
    ]);
    const end = await h.runner.settled(back.id);
    expect(end.status).toBe('done');
    expect(world.vm(hv(1), uuid(1))).toBeUndefined();
    expect(world.vm(hv(1), uuid(5))?.state).toBe('running');
    expect(world.vm(hv(2), uuid(5))).toBeUndefined();
    expect(world.vm(hv(1), uuid(6))?.state).toBe('running');
    const original = h.runner.get(plan.id)!;
    expect(original.status).toBe('failed');
    expect(original.warnings?.at(-1)).toContain(`Rolled back by “Roll back “Mixed”” (${back.id})`);
    // destroy before undefine for the same VM
    const order = world.calls.map((c) => `${c.method}:${c.detail ?? ''}:${c.vmId}`);
    expect(order.indexOf(`undefine::${uuid(1)}`)).toBeGreaterThan(
      order.indexOf(`act:destroy:${uuid(1)}`),
    );
  });
});

async function waitFor(
  h: Harness,
  id: string,
  ok: (plan: Plan) => boolean,
  timeoutMs = 3000,
): Promise<Plan> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const plan = h.runner.get(id as Plan['id']);
    if (plan && ok(plan)) return plan;
    if (Date.now() > deadline)
      throw new Error(
        `timed out; plan now: ${JSON.stringify(plan?.steps.map((s) => [s.vmName, s.status, s.note]))}`,
      );
    await new Promise((r) => setTimeout(r, 5));
  }
}
