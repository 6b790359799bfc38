import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { PowerRequest } from '../../../shared/domain/vm-power';
import { FakeWorld } from '../../testing/fake-ops';
import { harnessesPerTest, hv, uuid, type Harness } from '../../testing/plan-test-harness';
import { openInventory } from '../inventory/inventory';
import { planPower } from './plan-power';

// Bulk power plans run by the real runner and journal over the demo's simulated hosts.

const harnesses = harnessesPerTest();

function world(): FakeWorld {
  const w = new FakeWorld();
  w.addHost('hv1');
  w.addHost('hv2');
  w.addVm(hv(1), { id: uuid(1), name: 'a', state: 'running' });
  w.addVm(hv(1), { id: uuid(2), name: 'b', state: 'running' });
  w.addVm(hv(2), { id: uuid(3), name: 'c', state: 'running' });
  return w;
}

/** The fleet as the core's planners read it, once every fake host is connected and listed. */
async function fleetOf(h: Harness) {
  for (let i = 0; i < 400; i++) {
    const entries = h.hosts.all();
    if (entries.every((e) => e.host.state === 'connected' && e.vms.length > 0)) {
      return { hosts: entries.map((e) => e.host), vms: entries.flatMap((e) => e.vms) };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the fake hosts did not connect');
}

async function runPower(h: Harness, request: PowerRequest): Promise<Plan> {
  const plan = await h.runner.propose(planPower(request, await fleetOf(h)));
  await h.runner.approve(plan.id);
  return h.runner.settled(plan.id);
}

/** A console killed with the plan running as `plan` says, started again over the same hosts. */
async function restartAfterKill(w: FakeWorld, plan: Plan): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'federator-power-killed-'));
  const inventory = await openInventory({ dataDir, log: () => undefined });
  await inventory.savePlan({ ...plan, status: 'running' });
  await inventory.close();
  w.calls.length = 0;
  return harnesses.start({ world: w, dataDir });
}

const all = [uuid(1), uuid(2), uuid(3)] as VmId[];
const states = (w: FakeWorld): string[] =>
  [w.vm(hv(1), uuid(1)), w.vm(hv(1), uuid(2)), w.vm(hv(2), uuid(3))].map((v) => v?.state ?? '-');

describe('bulk power plans, run', () => {
  it('pauses, resumes and reboots VMs across two hosts, each step seen on its host', async () => {
    const w = world();
    const h = await harnesses.start({ world: w });
    expect((await runPower(h, { action: 'pause', vmIds: all })).status).toBe('done');
    expect(states(w)).toEqual(['paused', 'paused', 'paused']);
    expect((await runPower(h, { action: 'resume', vmIds: all })).status).toBe('done');
    expect(states(w)).toEqual(['running', 'running', 'running']);
    w.calls.length = 0;
    const reboot = await runPower(h, { action: 'reboot', vmIds: all });
    expect(reboot.status).toBe('done');
    expect(states(w)).toEqual(['running', 'running', 'running']);
    // A power cycle each: shut down (the demo guest obeys), then started again, once.
    const acts = w.calls.filter((c) => c.method === 'act').map((c) => `${c.detail}`);
    expect(acts.filter((a) => a === 'shutdown')).toHaveLength(3);
    expect(acts.filter((a) => a === 'start')).toHaveLength(3);
  });

  it('a guest that ignores the shutdown is forced off after the grace period, and the step says so', async () => {
    const w = world();
    w.ignoresShutdown.add(uuid(3) as VmId);
    const h = await harnesses.start({ world: w });
    const plan = await runPower(h, { action: 'shutdown', hostId: hv(2) });
    expect(plan.status).toBe('done');
    expect(plan.steps[0]?.note).toMatch(/did not shut down within .*; forced off/);
    expect(states(w)[2]).toBe('shutoff');
  });

  it('after a kill -9 mid-reboot, resume starts the VM that was shut down and cycles none twice', async () => {
    const w = world();
    // The console died while it started a again: a is shut off, its shut-down step done.
    w.demo.act(hv(1), uuid(1) as VmId, 'destroy');
    const h0 = await harnesses.start({ world: world() });
    const proposed = planPower(
      { action: 'reboot', vmIds: [uuid(1), uuid(2)] as VmId[] },
      await fleetOf(h0),
    );
    await h0.stop();
    const [aDown, aUp, bDown, bUp] = proposed.steps;
    aDown!.status = 'done';
    aUp!.status = 'running';
    bDown!.status = 'running'; // b's shut-down was sent; b is still running on the host
    const h = await restartAfterKill(w, proposed);
    expect(h.runner.get(proposed.id)?.status).toBe('interrupted');
    await h.runner.resume(proposed.id);
    const end = await h.runner.settled(proposed.id);
    expect(end.status).toBe('done');
    expect(end.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(bUp!.after).toEqual([bDown!.id]);
    const acts = w.calls.filter((c) => c.method === 'act').map((c) => `${c.detail}:${c.vmId}`);
    // a: only started (its shut-down was done); b: shut down once, then started.
    expect(acts.sort()).toEqual(
      [`start:${uuid(1)}`, `shutdown:${uuid(2)}`, `start:${uuid(2)}`].sort(),
    );
    expect(states(w).slice(0, 2)).toEqual(['running', 'running']);
  });

  it('after a kill -9 mid-pause, a VM found paused is not touched again', async () => {
    const w = world();
    const h0 = await harnesses.start({ world: world() });
    const proposed = planPower({ action: 'pause', vmIds: all }, await fleetOf(h0));
    await h0.stop();
    w.demo.act(hv(1), uuid(1) as VmId, 'suspend'); // the pause that was under way got through
    for (const s of proposed.steps) if (s.vmId === uuid(1)) s.status = 'running';
    const h = await restartAfterKill(w, proposed);
    await h.runner.resume(proposed.id);
    const end = await h.runner.settled(proposed.id);
    expect(end.status).toBe('done');
    expect(end.steps.find((s) => s.vmId === uuid(1))?.note).toBe(
      'found paused on hv1 after restart',
    );
    expect(
      w.calls
        .filter((c) => c.method === 'act')
        .map((c) => c.vmId)
        .sort(),
    ).toEqual([uuid(2), uuid(3)].sort());
    expect(states(w)).toEqual(['paused', 'paused', 'paused']);
  });
});
