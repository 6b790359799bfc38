import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { PowerRequest } from '../../../shared/domain/vm-power';
import type { Core } from '../core';
import { until } from '../../testing/core-waits';
import { virshAs, type LabHost } from '../../testing/lab-hosts';
import {
  hv1,
  hv2,
  idOf,
  removeOurGuests,
  runningGuest,
  tempDir,
  vmName,
  waitPlan,
} from '../../testing/move-lab';
import { journalLines, startLabCore } from '../../testing/service-lab';

// Bulk power plans on real lab guests across two hosts, each outcome read with `virsh domstate` on
// the host. The lab's guests are disk-less and boot no OS: nothing in them answers ACPI, so
// `virsh shutdown` is accepted and does nothing, and the plan's grace period then forces them off.

const GRACE_MS = 3000;
const dataDir = tempDir();
let core: Core;
const guests: { host: LabHost; name: string; uuid: string }[] = [];

const state = (g: { host: LabHost; uuid: string }): string =>
  virshAs(g.host, 'domstate', g.uuid).trim();
const domId = (g: { host: LabHost; uuid: string }): string =>
  virshAs(g.host, 'domid', g.uuid).trim();
const ids = (...which: number[]): VmId[] => which.map((i) => guests[i]!.uuid as VmId);

async function power(request: PowerRequest): Promise<Plan> {
  const proposed = await core.handlers['vms:plan-power'](request);
  await core.handlers['plans:approve']({ planId: proposed.id });
  const plan = await waitPlan(core, proposed.id);
  expect(plan.status, journalLines(plan)).toBe('done');
  return plan;
}

/** The console's fleet shows every guest in one of these states (steps plan from what it shows). */
function shown(states: Record<string, string>): Promise<unknown> {
  return until(core, (s) =>
    Object.entries(states).every(
      ([uuid, want]) => s.vms.find((v) => v.id === uuid)?.state === want,
    ),
  );
}

beforeAll(async () => {
  // The test's own grace period: the console's default is 60 s.
  core = await startLabCore({
    dataDir,
    demoByDefault: false,
    planTiming: { pollMs: 100, shutdownGraceMs: GRACE_MS },
  });
  for (const [host, what] of [
    [hv1, 'a'],
    [hv1, 'b'],
    [hv2, 'c'],
    [hv2, 'd'],
  ] as const) {
    const name = vmName(`pw-${what}`);
    guests.push({ host, name, uuid: runningGuest(host, name) });
  }
  virshAs(hv2, 'destroy', guests[3]!.uuid); // d starts shut off
  await shown({
    [guests[0]!.uuid]: 'running',
    [guests[1]!.uuid]: 'running',
    [guests[2]!.uuid]: 'running',
    [guests[3]!.uuid]: 'shutoff',
  });
}, 120_000);

afterAll(async () => {
  await core?.stop();
  removeOurGuests();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bulk power actions on the lab', () => {
  it('shut down leaves out the VM already off, and forces off guests that ignore ACPI', async () => {
    const proposed = await core.handlers['vms:plan-power']({
      action: 'shutdown',
      vmIds: ids(0, 1, 2, 3),
    });
    expect(proposed.warnings?.[0]).toBe(
      `3 VMs will be shut down; ${guests[3]!.name} is already shut off`,
    );
    await core.handlers['plans:approve']({ planId: proposed.id });
    const plan = await waitPlan(core, proposed.id);
    expect(plan.status, journalLines(plan)).toBe('done');
    for (const s of plan.steps) expect(s.note).toMatch(/did not shut down within .*; forced off/);
    expect([0, 1, 2, 3].map((i) => state(guests[i]!))).toEqual(Array(4).fill('shut off'));
  }, 180_000);

  it('starts all four, pauses and resumes a whole host, across hv1 and hv2', async () => {
    await power({ action: 'start', vmIds: ids(0, 1, 2, 3) });
    expect(guests.map(state)).toEqual(Array(4).fill('running'));
    await shown(Object.fromEntries(guests.map((g) => [g.uuid, 'running'])));

    // The whole of hv2: the lab's own guest there too, so it is resumed by host as well.
    const hv2Id = await idOf(core, hv2);
    const othersOnHv2 = virshAs(hv2, 'list', '--name', '--state-running')
      .split('\n')
      .filter((n) => n.trim() !== '' && !n.startsWith(vmName('pw-')));
    const pause = await power({ action: 'pause', hostId: hv2Id });
    expect(pause.steps.every((s) => s.kind === 'suspend')).toBe(true);
    expect(pause.steps.map((s) => s.vmName).sort()).toEqual(
      [guests[2]!.name, guests[3]!.name, ...othersOnHv2].sort(),
    );
    expect(guests.map(state)).toEqual(['running', 'running', 'paused', 'paused']);
    await shown({ [guests[2]!.uuid]: 'paused', [guests[3]!.uuid]: 'paused' });

    const resume = await core.handlers['vms:plan-power']({ action: 'resume', hostId: hv2Id });
    expect(resume.title).toBe(`Resume the VMs of ${hv2.name}`);
    await core.handlers['plans:approve']({ planId: resume.id });
    expect((await waitPlan(core, resume.id)).status).toBe('done');
    expect(guests.map(state)).toEqual(Array(4).fill('running'));
    for (const name of othersOnHv2) expect(virshAs(hv2, 'domstate', name).trim()).toBe('running');
  }, 180_000);

  it('reboots one VM on each host (a new QEMU each: its domain id changes) and forces all off', async () => {
    await shown(Object.fromEntries(guests.map((g) => [g.uuid, 'running'])));
    const before = [domId(guests[0]!), domId(guests[2]!)];
    const reboot = await power({ action: 'reboot', vmIds: ids(0, 2) });
    expect(reboot.steps.map((s) => `${s.kind}`)).toEqual([
      'shutdown',
      'start',
      'shutdown',
      'start',
    ]);
    expect([state(guests[0]!), state(guests[2]!)]).toEqual(['running', 'running']);
    const after = [domId(guests[0]!), domId(guests[2]!)];
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);

    await shown(Object.fromEntries(guests.map((g) => [g.uuid, 'running'])));
    const off = await power({ action: 'force-off', vmIds: ids(0, 1, 2, 3) });
    expect(off.steps.every((s) => s.kind === 'destroy' && s.note === undefined)).toBe(true);
    expect(guests.map(state)).toEqual(Array(4).fill('shut off'));
  }, 180_000);
});
