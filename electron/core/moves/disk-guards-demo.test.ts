import { afterEach, describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import type { Core } from '../core';
import { demoCoreFixture } from '../../testing/demo-core';
import { waitPlan } from '../../testing/core-waits';

// The same guard words over the demo fleet (its VMs' disk is <name>.qcow2 in pool default, and its
// pools list volumes): a VM named like a leaving one on another host holds a volume of the leaving
// VM's disk name there, so an evacuation passes that host over for it, and a move planned before
// that volume appeared is refused by its migrate step.

const fixture = demoCoreFixture('federator-disk-guards-demo-');
const demoCore = (): Promise<Core> =>
  fixture.start({ fleet: { hosts: 3, vmsPerHost: 1, seed: 5 }, connectDelayMs: 1, tickMs: 0 });
afterEach(() => fixture.stop());

const hv1 = 'demo-hv01' as HostId;
const hv2 = 'demo-hv02' as HostId;
const hv3 = 'demo-hv03' as HostId;

/** A running VM on `host`, started if it is not. */
async function runningOn(c: Core, host: HostId) {
  const { vms } = await c.handlers['fleet:snapshot']({});
  const vm = vms.find((v) => v.hostId === host);
  if (!vm) throw new Error(`no VM on ${host}`);
  if (vm.state !== 'running') {
    const plan = await c.handlers['vms:plan-power']({ action: 'start', vmIds: [vm.id] });
    await waitPlan(c, plan.id);
  }
  return vm;
}

/** A VM named `name` with a new 16 MiB disk (volume "<name>.qcow2") on `host`. */
async function namesake(c: Core, name: string, host: HostId): Promise<void> {
  const plan = await c.handlers['vms:plan-create']({
    name,
    vcpus: 1,
    memoryMiB: 64,
    disk: { kind: 'new', pool: 'default', sizeMiB: 16 },
    network: { kind: 'none' },
    hostId: host,
    start: false,
  });
  await c.handlers['plans:approve']({ planId: plan.id });
  expect((await waitPlan(c, plan.id)).status).toBe('done');
}

describe('local-disk guards over the demo fleet', () => {
  it('an evacuation passes over the host whose pool has a volume of the disk’s name, and says so', async () => {
    const c = await demoCore();
    const vm = await runningOn(c, hv1);
    await namesake(c, vm.name, hv2);
    const entered = await c.handlers['hosts:set-maintenance']({ hostId: hv1, maintenance: true });
    const proposal = entered.evacuation;
    if (!proposal?.ok) throw new Error(`no evacuation: ${JSON.stringify(proposal)}`);
    const step = proposal.plan.steps.find((s) => s.vmId === vm.id && s.kind === 'migrate');
    expect(step?.targetHostId).toBe(hv3);
    expect(proposal.plan.warnings).toContain(
      `demo-hv02 was passed over for ${vm.name}: demo-hv02's pool default already has a volume named ${vm.name}.qcow2 (a disk of ${vm.name}, defined on demo-hv02): copying ${vm.name}'s disk vda there would write over it`,
    );
  });

  it('a move planned before that volume appeared is refused by its migrate step, and nothing moves', async () => {
    const c = await demoCore();
    const vm = await runningOn(c, hv1);
    const proposal = await c.handlers['vms:plan-moves']({
      moves: [{ vmId: vm.id, fromHostId: hv1, toHostId: hv2 }],
    });
    if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal)}`);
    await namesake(c, vm.name, hv2);
    await c.handlers['plans:approve']({ planId: proposal.plan.id });
    const failed = await waitPlan(c, proposal.plan.id);
    expect(failed.status).toBe('failed');
    expect(failed.steps[0]?.error?.message).toBe(
      `Couldn't migrate ${vm.name} from demo-hv01 to demo-hv02: demo-hv02's pool default now has a volume named ${vm.name}.qcow2, which it did not have when the move was checked: copying ${vm.name}'s disk vda there would write over it, so nothing was moved; delete or rename that volume if nothing needs it, or move ${vm.name} elsewhere`,
    );
    const { vms } = await c.handlers['fleet:snapshot']({});
    expect(vms.filter((v) => v.id === vm.id).map((v) => v.hostId)).toEqual([hv1]);
  });
});
