import { afterEach, describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import type { Core } from '../core';
import { demoCoreFixture } from '../../testing/demo-core';

// The demo fleet through the whole core: its driver refuses every path into every 17th host
// (demo-hv17, demo-hv34 …). A small fleet is swept; a large one is probed only where asked, and
// either way a move into such a host is refused for "no migration path", with the probe's fix.

const fixture = demoCoreFixture('federator-moves-demo-');
const demoCore = (hosts: number): Promise<Core> =>
  fixture.start({ fleet: { hosts, vmsPerHost: 2, seed: 7 }, connectDelayMs: 1, tickMs: 60_000 });
afterEach(() => fixture.stop());

async function pathsWhere(c: Core, test: (paths: MigrationPath[]) => boolean) {
  for (;;) {
    const next = new Promise<void>((wake) => {
      const off = c.events.on('paths:changed', () => {
        off();
        wake();
      });
    });
    const paths = await c.handlers['paths:list']({});
    if (test(paths)) return paths;
    await next;
  }
}

async function runningVmOn(c: Core, hostId: string) {
  const { vms } = await c.handlers['fleet:snapshot']({});
  const vm = vms.find((v) => v.hostId === hostId && v.state === 'running');
  if (!vm) throw new Error(`no running VM on ${hostId}`);
  return vm;
}

describe('moves over the demo fleet', () => {
  it('a small fleet is swept: the window sees the paths into demo-hv17 broken, and the move is refused', async () => {
    const c = await demoCore(20);
    const paths = await pathsWhere(c, (l) => l.length > 0 && l.every((x) => x.state !== 'unknown'));
    const connected = (await c.handlers['fleet:snapshot']({})).hosts.filter(
      (h) => h.state === 'connected',
    ).length;
    expect(paths).toHaveLength(connected * (connected - 1));
    const broken = paths.filter((l) => l.state === 'broken');
    expect(new Set(broken.map((l) => l.to))).toEqual(new Set(['demo-hv17']));
    expect(broken).toHaveLength(connected - 1);

    const vm = await runningVmOn(c, 'demo-hv01');
    const refused = await c.handlers['vms:plan-moves']({
      moves: [{ vmId: vm.id, fromHostId: vm.hostId, toHostId: 'demo-hv17' as HostId }],
    });
    expect(refused).toMatchObject({
      ok: false,
      message: `Couldn't move ${vm.name} to demo-hv17: no migration path from demo-hv01 to demo-hv17: demo-hv01 cannot reach demo-hv17 at hv17.demo.invalid:22: no answer`,
    });
    expect(refused.ok ? [] : refused.unplaced[0]?.suggestions).toEqual([
      expect.stringMatching(/^Check the network between demo-hv01 and demo-hv17/),
    ]);
    const fine = await c.handlers['vms:plan-moves']({
      moves: [{ vmId: vm.id, fromHostId: vm.hostId, toHostId: 'demo-hv02' as HostId }],
    });
    expect(fine.ok).toBe(true);
  });

  it('a large fleet (past the sweep limit) is probed on demand: by the move, by maintenance', async () => {
    const c = await demoCore(60);
    expect(await c.handlers['paths:list']({})).toEqual([]); // 3,540 pairs not probed in the background
    const vm = await runningVmOn(c, 'demo-hv02');
    const refused = await c.handlers['vms:plan-moves']({
      moves: [{ vmId: vm.id, fromHostId: vm.hostId, toHostId: 'demo-hv34' as HostId }],
    });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.message).toMatch(
      /no migration path from demo-hv02 to demo-hv34/,
    );
    expect(await c.handlers['paths:list']({})).toMatchObject([
      { from: 'demo-hv02', to: 'demo-hv34', state: 'broken' },
    ]);

    // Entering maintenance probes the host's paths first: the evacuation avoids hv17 and hv34.
    const { host, evacuation } = await c.handlers['hosts:set-maintenance']({
      hostId: 'demo-hv05' as HostId,
      maintenance: true,
    });
    expect(host.config.maintenance).toBe(true);
    if (!evacuation?.ok) throw new Error(`no evacuation: ${JSON.stringify(evacuation)}`);
    expect(evacuation.plan.steps.length).toBeGreaterThan(0);
    for (const s of evacuation.plan.steps) {
      expect(s.hostId).toBe('demo-hv05');
      expect(['demo-hv05', 'demo-hv17', 'demo-hv34', 'demo-hv51']).not.toContain(s.targetHostId);
    }
    const fromHv05 = (await c.handlers['paths:list']({})).filter((l) => l.from === 'demo-hv05');
    expect(
      fromHv05
        .filter((l) => l.state === 'broken')
        .map((l) => l.to)
        .sort(),
    ).toEqual(['demo-hv17', 'demo-hv34', 'demo-hv51']);
  });
});
