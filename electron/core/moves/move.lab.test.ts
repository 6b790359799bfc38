import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { Core } from '../core';
import { qemuPidsOf, virshAs } from '../../testing/lab-hosts';
import { openInventory } from '../inventory/inventory';
import { journalLines } from '../../testing/service-lab';
import {
  heavyGuest,
  hostsListing,
  hv1,
  hv2,
  idOf,
  labCore,
  removeOurGuests,
  runningGuest,
  tempDir,
  vmName,
  vmShown,
  waitPlan,
} from '../../testing/move-lab';

// A move through the whole console: vms:plan-moves checks it, plans:approve runs it (virsh migrate
// on the source, over SSH), and the hosts' own listings are the judge. Then a migration that is
// cut midway by killing the target's receiving QEMU: the plan fails in words, the guest runs on.

let dataDir: string;
let core: Core;
let ids: { hv1: HostId; hv2: HostId };

beforeAll(async () => {
  dataDir = tempDir();
  core = await labCore(dataDir);
  ids = { hv1: await idOf(core, hv1), hv2: await idOf(core, hv2) };
});
afterAll(async () => {
  await core.stop(); // a second stop (after the journal test) is a no-op
  const left = removeOurGuests();
  if (left.length > 0) console.log(`removed: ${left.join(', ')}`);
  rmSync(dataDir, { recursive: true, force: true });
});

async function proposeMove(uuid: string): Promise<Plan> {
  const proposal = await core.handlers['vms:plan-moves']({
    moves: [{ vmId: uuid as VmId, fromHostId: ids.hv1, toHostId: ids.hv2 }],
  });
  if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal)}`);
  return proposal.plan;
}

describe('moving VMs on the lab', () => {
  it('live-migrates a running guest hv1 → hv2 through a reviewed plan', async () => {
    const name = vmName('live');
    const uuid = runningGuest(hv1, name);
    await vmShown(core, uuid, ids.hv1);
    const plan = await proposeMove(uuid);
    expect(plan).toMatchObject({
      kind: 'move',
      status: 'review',
      title: `Move ${name} from hv1 to hv2`,
    });
    expect(plan.steps).toMatchObject([
      { kind: 'migrate', hostId: ids.hv1, targetHostId: ids.hv2, live: true, vmName: name },
    ]);
    expect(plan.review?.[0]).toMatchObject({ live: true, estimatedSeconds: 2.4 });
    expect(plan.review?.[0]?.reason).toMatch(/^hv2 after: [\d.]+ GiB memory, \d+ vCPUs? free$/);

    const started = performance.now();
    await core.handlers['plans:approve']({ planId: plan.id });
    await vmShown(core, uuid, ids.hv2);
    const ms = performance.now() - started;
    console.log(`move: ${ms.toFixed(0)} ms (approve → ${name} reported running on hv2)`);
    const done = await waitPlan(core, plan.id);
    expect(done.status, journalLines(done)).toBe('done');
    expect(virshAs(hv2, 'domstate', uuid).trim()).toBe('running');
    expect(hostsListing(uuid)).toEqual(['hv2']); // hv1 no longer has it, not even shut off
    const { vms } = await core.handlers['fleet:snapshot']({});
    expect(vms.filter((vm) => vm.id === uuid).map((vm) => vm.hostId)).toEqual([ids.hv2]);
  });

  it('a migration cut midway (target QEMU killed) fails in words, is journaled, and the guest runs on at the source', async () => {
    const name = vmName('cut');
    // 256 MiB of random bytes in guest RAM: about 2 s of transfer, time enough to cut it.
    const uuid = heavyGuest(hv1, name, 256);
    await vmShown(core, uuid, ids.hv1);
    const plan = await proposeMove(uuid);
    expect(plan.review?.[0]?.estimatedSeconds).toBeGreaterThan(3);
    await core.handlers['plans:approve']({ planId: plan.id });

    // The receiving QEMU on hv2, told apart by THIS domain's UUID and `-incoming` in its command
    // line: killed only while the plan's step still runs (so the cut is midway, not after).
    let killed: number | undefined;
    const deadline = Date.now() + 30_000;
    while (killed === undefined && Date.now() < deadline) {
      const [pid] = qemuPidsOf(hv2.user, uuid, { incoming: true });
      const running = (await core.handlers['plans:list']({})).find((p) => p.id === plan.id);
      if (running?.status !== 'running') throw new Error(`plan ${running?.status} before the cut`);
      if (pid !== undefined) {
        process.kill(pid, 'SIGKILL');
        killed = pid;
      } else {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(killed, 'saw the incoming QEMU on hv2').toBeDefined();
    const failed = await waitPlan(core, plan.id);
    const stepped = failed.steps[0];
    console.log(
      `cut: plan ${failed.status}; step error: ${stepped?.error?.message}\n  detail: ${stepped?.error?.detail}`,
    );
    expect(failed.status, journalLines(failed)).toBe('failed');
    expect(stepped?.status).toBe('failed');
    expect(stepped?.error?.message).toMatch(
      new RegExp(`^Couldn.t (move|migrate) ${name} from hv1 to hv2: `),
    );
    expect(stepped?.error?.message).toMatch(/broke off midway|receiving copy on hv2 stopped/);
    expect(stepped?.error?.detail).toMatch(/error:/); // libvirt's own words

    // The guest never left: running on hv1, and hv2 holds no copy.
    await vmShown(core, uuid, ids.hv1);
    expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
    expect(hostsListing(uuid)).toEqual(['hv1']);

    // The journal has it: read back from the data folder with the console stopped.
    await core.stop();
    const inventory = await openInventory({ dataDir, log: () => undefined });
    try {
      const journaled = inventory.listPlans().find((p) => p.id === plan.id);
      expect(journaled).toMatchObject({ status: 'failed', kind: 'move' });
      expect(journaled?.steps[0]?.error?.message).toBe(stepped?.error?.message);
    } finally {
      await inventory.close();
    }
  });
});
