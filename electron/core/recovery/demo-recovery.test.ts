import { afterEach, describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { recoveryLeftOutWords } from '../../../shared/words/recovery-words';
import type { Core } from '../core';
import { demoCoreFixture } from '../../testing/demo-core';
import { until, waitPlan } from '../../testing/core-waits';

// The demo's way to see a host fail (demo:outage) goes through the same links, witnesses and
// recovery as a real host: a partition is refused, a host down for everyone is recovered once the
// admin types its name, and each of its service VMs then runs exactly once in the fleet.

const fixture = demoCoreFixture('federator-demo-recovery-');
const demoCore = (): Promise<Core> =>
  fixture.start({ fleet: { hosts: 4, vmsPerHost: 2, seed: 3 }, connectDelayMs: 1, tickMs: 0 });
afterEach(() => fixture.stop());

const third = 'demo-hv03' as HostId;

describe('recovery on the demo fleet', () => {
  it('a partition is refused with its reason, and nothing is journaled', async () => {
    const c = await demoCore();
    await c.handlers['demo:outage']({ hostId: third, outage: 'partition' });
    await until(c, (s) => s.hosts.find((h) => h.config.id === third)?.witness !== undefined);
    const refused = await c.handlers['recovery:propose']({
      hostId: third,
      confirmName: 'demo-hv03',
    });
    expect(refused.blocked).toEqual({ code: 'not-witnessed', verdict: 'partition' });
    expect(refused.plan).toBeUndefined();
    expect(await c.handlers['plans:list']({})).toEqual([]);
  });

  it('down for everyone: a wrong name is refused, the right one journals a plan that restarts each VM once', async () => {
    const c = await demoCore();
    const before = await c.handlers['fleet:snapshot']({});
    const services = before.vms.filter((v) => v.hostId === third && v.service && isActive(v.state));
    expect(services.map((v) => v.name).sort()).toEqual(['demo-shop-api-1', 'demo-shop-web-2']);

    await c.handlers['demo:outage']({ hostId: third, outage: 'down' });
    await until(
      c,
      (s) =>
        s.hosts.find((h) => h.config.id === third)?.witness?.verdict === 'unreachable-from-all',
    );
    const preview = await c.handlers['recovery:propose']({ hostId: third, confirmName: 'hv3' });
    expect(preview.blocked).toEqual({ code: 'not-fenced', typed: 'hv3' });
    // Its simulated BMC says on (a demo host down for everyone is cut off, not powered off).
    expect(preview.fence.reading).toEqual({ ok: true, state: 'on' });
    expect(preview.plan?.review?.map((r) => r.vmName).sort()).toEqual([
      'demo-shop-api-1',
      'demo-shop-web-2',
    ]);
    expect(await c.handlers['plans:list']({})).toEqual([]); // shown, never journaled

    const proposal = await c.handlers['recovery:propose']({
      hostId: third,
      confirmName: 'demo-hv03',
    });
    expect(proposal.blocked).toBeUndefined();
    expect(proposal.fence.by).toBe('confirmed');
    const plan = proposal.plan!;
    await c.handlers['plans:approve']({ planId: plan.id });
    const done = await waitPlan(c, plan.id);
    expect(done.status).toBe('done');

    const after = await c.handlers['fleet:snapshot']({});
    for (const vm of services) {
      const running = after.vms.filter(
        (v) => v.id === vm.id && v.hostId !== third && isActive(v.state),
      );
      expect(running, vm.name).toHaveLength(1);
    }
    // The web VMs' hard spread is kept: web-2 does not join web-1.
    const web = after.vms.filter((v) => v.name.startsWith('demo-shop-web-') && v.hostId !== third);
    expect(new Set(web.map((v) => v.hostId)).size).toBe(2);
  });

  it('a VM of no service marked HA is restarted too; an unmarked one is left out, said in words', async () => {
    const c = await fixture.start({
      fleet: { hosts: 4, vmsPerHost: 5, seed: 3 },
      connectDelayMs: 1,
      tickMs: 0,
    });
    const before = await c.handlers['fleet:snapshot']({});
    const looseOn = (id: string) =>
      before.vms.filter((v) => v.hostId === id && !v.service && isActive(v.state));
    // The host with the most running VMs of no service: one is marked, another is not.
    const lost = [...before.hosts].sort(
      (a, b) => looseOn(b.config.id).length - looseOn(a.config.id).length,
    )[0]!;
    const third = lost.config.id;
    const [marked, plain] = looseOn(third) as [Vm, Vm];
    expect(plain, 'two running VMs of no service on one demo host').toBeDefined();
    expect(await c.handlers['recovery:set-ha']({ vmId: marked.id, ha: true })).toEqual([marked.id]);
    expect(await c.handlers['recovery:ha-marks']({})).toEqual([marked.id]);

    await c.handlers['demo:outage']({ hostId: third, outage: 'down' });
    await until(
      c,
      (s) =>
        s.hosts.find((h) => h.config.id === third)?.witness?.verdict === 'unreachable-from-all',
    );
    const proposal = await c.handlers['recovery:propose']({
      hostId: third,
      confirmName: lost.config.name,
    });
    const reviewed = proposal.plan?.review?.map((r) => r.vmName) ?? [];
    expect(reviewed).toContain(marked.name);
    expect(reviewed).not.toContain(plain.name);
    const why = proposal.leftOut.find((l) => l.vm === plain.id);
    expect(why && recoveryLeftOutWords(why, lost.config.name, (id) => id)).toBe(
      `${plain.name} is not part of a service and not marked to restart on another host: it stays on the lost host`,
    );
    await c.handlers['plans:approve']({ planId: proposal.plan!.id });
    expect((await waitPlan(c, proposal.plan!.id)).status).toBe('done');
    const after = await c.handlers['fleet:snapshot']({});
    const running = after.vms.filter(
      (v) => v.id === marked.id && v.hostId !== third && isActive(v.state),
    );
    expect(running).toHaveLength(1);

    // Unmarked: no longer covered.
    expect(await c.handlers['recovery:set-ha']({ vmId: marked.id, ha: false })).toEqual([]);
  });

  it('the sample service opted in: fenced through the simulated BMC, its VMs restarted with no click, each once', async () => {
    const c = await fixture.start(
      { fleet: { hosts: 4, vmsPerHost: 2, seed: 3 }, connectDelayMs: 1, tickMs: 0 },
      { autoRecoveryGraceMs: 0 },
    );
    const before = await c.handlers['fleet:snapshot']({});
    const services = before.vms.filter((v) => v.hostId === third && v.service && isActive(v.state));
    await c.handlers['demo:outage']({ hostId: third, outage: 'partition' });
    await until(
      c,
      (s) => s.hosts.find((h) => h.config.id === third)?.witness?.verdict === 'partition',
    );
    expect(await c.handlers['plans:list']({})).toEqual([]); // a partition: never
    expect(await c.power().powerState(third)).toEqual({ ok: true, state: 'on' });
    await c.handlers['demo:outage']({ hostId: third, outage: 'none' });
    await until(c, (s) => s.hosts.find((h) => h.config.id === third)?.state === 'connected');

    // No click from here: the console fences and recovers by itself.
    const planned = new Promise<Plan>((found) => {
      const off = c.events.on('plans:changed', (plan) => {
        if (plan.kind !== 'recovery') return;
        off();
        found(plan);
      });
    });
    await c.handlers['demo:outage']({ hostId: third, outage: 'down' });
    const done = await waitPlan(c, (await planned).id);
    expect(done.status).toBe('done');
    expect(await c.power().powerState(third)).toEqual({ ok: true, state: 'off' });
    const after = await c.handlers['fleet:snapshot']({});
    for (const vm of services) {
      const running = after.vms.filter(
        (v) => v.id === vm.id && v.hostId !== third && isActive(v.state),
      );
      expect(running, vm.name).toHaveLength(1);
    }
    const said = (await c.handlers['log:recent']({ limit: 200 }))
      .filter((e) => e.kind === 'auto-recovery')
      .map((e) => e.message);
    expect(said[0]).toBe(
      'Automatic recovery: demo-hv03 is down for every witness; powering it off through its BMC before its VMs of service demo-shop are restarted on other hosts',
    );
    expect(said.at(-1)).toMatch(
      /^Automatic recovery: demo-hv03 was powered off through its BMC, which now says: power off; restarting 2 VMs of service demo-shop on other hosts/,
    );
  });

  it('refuses an outage of a host that is not a demo host', async () => {
    const c = await demoCore();
    await expect(
      c.handlers['demo:outage']({ hostId: 'nope' as HostId, outage: 'down' }),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: "Couldn't simulate a failure of nope: not a host of the demo fleet",
    });
  });
});
