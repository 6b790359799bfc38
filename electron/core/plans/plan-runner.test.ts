import { afterEach, describe, expect, it } from 'vitest';
import type { PlanStep } from '../../../shared/domain/plan';
import { FakeWorld } from './fake-ops.test-support';
import { newPlan, step } from './plan-builder';
import {
  guestXml,
  hv,
  removeDir,
  startHarness,
  vm,
  type Harness,
} from './plan-test-harness.test-support';

let harness: Harness | undefined;
afterEach(async () => {
  if (!harness) return;
  await harness.stop();
  removeDir(harness.dataDir);
  harness = undefined;
});

const start = async (world: FakeWorld): Promise<Harness> =>
  (harness = await startHarness({ world }));

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
    const db = step('define', {
      label: 'Define db on hv1',
      hostId: hv(1),
      vmId: vm('00000000-0000-4000-8000-0000000000d1'),
      vmName: 'db',
      xml: guestXml('db'),
    });
    const dbStart = step('start', {
      label: 'Start db',
      hostId: hv(1),
      vmId: db.vmId,
      vmName: 'db',
      after: [db.id],
    });
    const web = step('define', {
      label: 'Define web on hv2',
      hostId: hv(2),
      vmId: vm('00000000-0000-4000-8000-0000000000e1'),
      vmName: 'web',
      xml: guestXml('web'),
    });
    const webStart = step('start', {
      label: 'Start web',
      hostId: hv(2),
      vmId: web.vmId,
      vmName: 'web',
      after: [web.id, dbStart.id],
    });
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
