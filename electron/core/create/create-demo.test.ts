import { afterEach, describe, expect, it } from 'vitest';
import type { CreateVmRequest } from '../../../shared/domain/create-vm';
import type { HostId, PlanId } from '../../../shared/domain/ids';
import type { Core } from '../core';
import { demoCoreFixture } from '../../testing/demo-core';
import { until, waitPlan } from '../../testing/core-waits';

// The New VM wizard's and Clone's requests through the whole core over the demo fleet (its driver
// keeps pools, volumes and libvirt's refusals in memory): the review, the plan, the undo.

const fixture = demoCoreFixture('federator-create-demo-');
const demoCore = (): Promise<Core> =>
  fixture.start({ fleet: { hosts: 4, vmsPerHost: 2, seed: 3 }, connectDelayMs: 1, tickMs: 0 });
afterEach(() => fixture.stop());

const ODD = `web "blue" it's $(touch pwned) ; x`;

/** A New VM request: a small VM with no disk and no card, unless told. */
function newVm(name: string, extra: Partial<CreateVmRequest> = {}): CreateVmRequest {
  return {
    name,
    vcpus: 1,
    memoryMiB: 128,
    disk: { kind: 'none' },
    network: { kind: 'none' },
    ...extra,
  };
}

async function volumesOf(c: Core, hostId: HostId, pool = 'default'): Promise<string[]> {
  const choices = await c.handlers['vms:create-choices']({ hostId });
  return choices.volumes.filter((v) => v.pool === pool).map((v) => v.name);
}

describe('New VM and Clone over the demo fleet', () => {
  it('the engine places a new VM with its why and runners-up; approved, its disk is made and it runs there', async () => {
    const c = await demoCore();
    const choices = await c.handlers['vms:create-choices']({});
    expect(choices.pools.map((p) => p.name)).toContain('default');
    expect(choices.networks.map((n) => n.name)).toContain('default');

    const plan = await c.handlers['vms:plan-create'](
      newVm(ODD, {
        memoryMiB: 256,
        disk: { kind: 'new', pool: 'default', sizeMiB: 16 },
        network: { kind: 'network', name: 'default' },
      }),
    );
    expect(plan.kind).toBe('create');
    expect(plan.steps.map((s) => s.kind)).toEqual(['volume-create', 'define', 'start']);
    const review = plan.review?.[0];
    expect(review?.reason).toMatch(/free after|only host/);
    expect(review?.runnersUp.length).toBeGreaterThan(0);
    const host = review!.hostId;
    expect(plan.warnings?.[0]).toContain(
      `${ODD} will be created on ${host.replace('demo-', 'demo-')}`,
    );
    expect(plan.warnings?.[1]).toBe(
      `A new 16 MiB qcow2 volume “${ODD}.qcow2” is made in storage pool “default” on ${host}.`,
    );
    // The XML names the VM as data: escaped, never spliced.
    expect(plan.steps[1]?.xml).toContain('web &#34;blue&#34; it&#39;s $(touch pwned) ; x');

    await c.handlers['plans:approve']({ planId: plan.id });
    const ran = await waitPlan(c, plan.id);
    expect(ran.error?.message).toBeUndefined();
    expect(ran.status).toBe('done');
    await until(c, (s) =>
      s.vms.some((v) => v.name === ODD && v.hostId === host && v.state === 'running'),
    );
    expect(await volumesOf(c, host)).toContain(`${ODD}.qcow2`);

    // The same name again: refused in words, nothing proposed.
    await expect(
      c.handlers['vms:plan-create'](newVm(ODD, { memoryMiB: 256, hostId: host })),
    ).rejects.toThrow(`${host} already has a VM named “${ODD}”: choose another name`);
  });

  it('refuses in words: a disk larger than the pool, a pool or network the host lacks, a name libvirt refuses', async () => {
    const c = await demoCore();
    const hostId = 'demo-hv01' as HostId;
    await expect(
      c.handlers['vms:plan-create'](
        newVm('huge', {
          memoryMiB: 256,
          disk: { kind: 'new', pool: 'default', sizeMiB: 60 * 1024 * 1024 },
          hostId,
        }),
      ),
    ).rejects.toThrow(
      /storage pool “default” on demo-hv01 has .* TiB free, and the disk needs 60\.0 TiB/,
    );
    await expect(
      c.handlers['vms:plan-create'](
        newVm('huge', {
          memoryMiB: 256,
          disk: { kind: 'new', pool: 'default', sizeMiB: 60 * 1024 * 1024 },
        }),
      ),
    ).rejects.toThrow(
      /no connected host with storage pool “default” active and 60\.0 TiB free in it can take it/,
    );
    await expect(
      c.handlers['vms:plan-create'](
        newVm('x', {
          memoryMiB: 256,
          disk: { kind: 'new', pool: 'nope', sizeMiB: 16 },
          hostId,
        }),
      ),
    ).rejects.toThrow('demo-hv01 has no storage pool named “nope”');
    await expect(
      c.handlers['vms:plan-create'](
        newVm('x', {
          memoryMiB: 256,
          network: { kind: 'network', name: 'lan' },
          hostId,
        }),
      ),
    ).rejects.toThrow('demo-hv01 has no network named “lan”');
    await expect(
      c.handlers['vms:plan-create'](
        newVm('a/b', {
          memoryMiB: 256,
        }),
      ),
    ).rejects.toThrow('A VM name cannot hold "/" (libvirt makes file names of it)');
    const plans = await c.handlers['plans:list']({});
    expect(plans.filter((p) => p.kind === 'create')).toEqual([]);
  });

  it('two plans for one name approved one after the other: the second fails on the host and removes only what it made', async () => {
    const c = await demoCore();
    const hostId = 'demo-hv02' as HostId;
    const ask = () =>
      c.handlers['vms:plan-create'](
        newVm('twin', {
          network: { kind: 'user' },
          hostId,
        }),
      );
    const first = await ask();
    const second = await ask();
    await c.handlers['plans:approve']({ planId: first.id });
    expect((await waitPlan(c, first.id)).status).toBe('done');
    await c.handlers['plans:approve']({ planId: second.id });
    const failed = await waitPlan(c, second.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/Couldn't define twin on demo-hv02/);
    // Its define failed, so it made nothing: no undo plan, and the first twin is untouched.
    const snapshot = await c.handlers['fleet:snapshot']({});
    expect(snapshot.vms.filter((v) => v.name === 'twin')).toHaveLength(1);
    expect((await c.handlers['plans:list']({})).filter((p) => p.kind === 'rollback')).toEqual([]);
  });

  it('a step failing after the disk was made: the rollback is journaled at once, and its delete looks again on the host first', async () => {
    const c = await demoCore();
    const hostId = 'demo-hv03' as HostId;
    const plan = await c.handlers['vms:plan-create'](
      newVm('short-lived', {
        disk: { kind: 'new', pool: 'default', sizeMiB: 16 },
        hostId,
      }),
    );
    // Another VM takes the name on the host between the review and the approval.
    const other = await c.handlers['vms:plan-create'](
      newVm('short-lived', {
        hostId,
      }),
    );
    await c.handlers['plans:approve']({ planId: other.id });
    await waitPlan(c, other.id);
    await c.handlers['plans:approve']({ planId: plan.id });
    const failed = await waitPlan(c, plan.id);
    expect(failed.status).toBe('failed');
    expect(failed.steps.map((s) => s.status)).toEqual(['done', 'failed', 'skipped']);
    const undo = await waitPlan(c, (await rollbackOf(c, plan.id)).id);
    expect(undo.status).toBe('done');
    expect(undo.steps.map((s) => s.kind)).toEqual(['volume-delete']);
    // The VM that took the name is listed with that file as its disk (a demo VM's disk is
    // <name>.qcow2 in pool default), so the delete keeps it and says so rather than take its disk.
    expect(undo.steps[0]?.note).toBe(
      'kept volume “short-lived.qcow2” of pool “default”: short-lived, defined here now, uses it',
    );
    expect(await volumesOf(c, hostId)).toContain('short-lived.qcow2');
  });

  it('clones a shut-off VM: its disk copied in its pool, a new UUID and MAC; a running one is refused', async () => {
    const c = await demoCore();
    const snapshot = await c.handlers['fleet:snapshot']({});
    const running = snapshot.vms.find((v) => v.state === 'running')!;
    await expect(
      c.handlers['vms:plan-clone']({ hostId: running.hostId, vmId: running.id, name: 'copy' }),
    ).rejects.toThrow(`${running.name} is running: only a shut-off VM is cloned`);

    await c.handlers['vms:action']({ hostId: running.hostId, vmId: running.id, action: 'destroy' });
    await until(c, (s) => s.vms.some((v) => v.id === running.id && v.state === 'shutoff'));
    const plan = await c.handlers['vms:plan-clone']({
      hostId: running.hostId,
      vmId: running.id,
      name: `${running.name} copy`,
    });
    expect(plan.steps.map((s) => s.kind)).toEqual(['volume-clone', 'define']);
    expect(plan.steps[0]?.volume).toEqual({
      pool: 'default',
      name: `${running.name} copy.qcow2`,
      source: `${running.name}.qcow2`,
    });
    const xml = plan.steps[1]!.xml!;
    expect(xml).toContain(`/var/lib/libvirt/images/${running.name} copy.qcow2`);
    expect(xml).not.toContain(running.id);
    const original = await c.handlers['vms:details']({ hostId: running.hostId, vmId: running.id });
    expect(xml).not.toContain(original.nics[0]!.mac);
    await c.handlers['plans:approve']({ planId: plan.id });
    expect((await waitPlan(c, plan.id)).status).toBe('done');
    const after = await until(c, (s) => s.vms.some((v) => v.name === `${running.name} copy`));
    const clone = after.vms.find((v) => v.name === `${running.name} copy`)!;
    expect(clone.state).toBe('shutoff');
    expect(clone.id).not.toBe(running.id);
    expect(await volumesOf(c, running.hostId)).toContain(`${running.name} copy.qcow2`);
  });
});

async function rollbackOf(c: Core, id: PlanId) {
  for (let i = 0; i < 200; i++) {
    const found = (await c.handlers['plans:list']({})).find((p) => p.reverses === id);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no rollback plan appeared');
}
