import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { checkPlan } from '../../../shared/placement';
import type { Core } from '../core';
import { until } from '../../testing/core-waits';
import { defineGuest, outOfBandList, virshAs, type LabHost } from '../../testing/lab-hosts';
import { journalLines } from '../../testing/service-lab';
import { moveInput } from '../context/planning-view';
import {
  hostsListing,
  hv3,
  idOf,
  labCore,
  labHosts,
  removeOurGuests,
  runningGuest,
  tempDir,
  vmName,
  waitPlan,
} from '../../testing/move-lab';

// Maintenance on hv3 through the console: the evacuation the engine plans (three running guests of
// ours live, the lab's shut-off `delta` cold), approved and run; hv3 refuses new VMs while in
// maintenance; then the evacuation is undone and everything is back on hv3. `delta` belongs to the
// lab: it is away only between the evacuation and the undo, and a safety net puts it back.

let dataDir: string;
let core: Core;
let hv3Id: HostId;
let deltaUuid: string;

beforeAll(async () => {
  dataDir = tempDir();
  core = await labCore(dataDir);
  hv3Id = await idOf(core, hv3);
  deltaUuid = virshAs(hv3, 'domuuid', 'delta').trim();
});
afterAll(async () => {
  await core.stop();
  putDeltaBack();
  const left = removeOurGuests();
  if (left.length > 0) console.log(`removed: ${left.join(', ')}`);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Safety net: `delta` back on hv3 (shut off, so an offline move of its definition), out of band. */
function putDeltaBack(): void {
  const away = labHosts.find((h) => h !== hv3 && outOfBandList(h).has(deltaUuid));
  if (!away) return;
  console.log(`delta was left on ${away.name}: moving it back to hv3 out of band`);
  virshMigrateOffline(away, deltaUuid, hv3);
}

function virshMigrateOffline(from: LabHost, uuid: string, to: LabHost): void {
  execFileSync(
    'runuser',
    [
      '-u',
      from.user,
      '--',
      'env',
      '-i',
      `HOME=${from.home}`,
      'PATH=/usr/bin:/bin',
      'virsh',
      '-c',
      from.uri,
      'migrate',
      '--offline',
      '--persistent',
      '--undefinesource',
      '--domain',
      uuid,
      '--desturi',
      `qemu+ssh://${to.user}@${to.address}:${to.port}/session?no_tty=1`,
    ],
    { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
  );
}

/** Names of the domains hv3 lists, out of band. */
const onHv3 = (): string[] => [...outOfBandList(hv3).values()];

function timings(plan: Plan): string {
  return plan.steps
    .map(
      (s) =>
        `${s.vmName} ${s.live === true ? 'live' : 'cold'} ${(s.endedAt ?? 0) - (s.startedAt ?? 0)} ms`,
    )
    .join(', ');
}

describe('maintenance on the lab', () => {
  it('evacuates hv3 (ours live, a disk-less shut-off one cold, delta with its local disk stays), refuses moves onto it, and the undo brings everything back', async () => {
    const ours = [1, 2, 3].map((i) => vmName(`evac-${i}`));
    const uuids = ours.map((name) => runningGuest(hv3, name));
    const offName = vmName('evac-off');
    const offUuid = defineGuest(hv3, offName);
    ours.push(offName);
    const moving = new Set([...uuids, offUuid]);
    const expected = new Set([...moving, deltaUuid]);
    // Other helpers' tests use the lab too: their VMs on hv3 are not ours to move. Wait until hv3
    // holds only delta and ours (as the console sees it) before entering maintenance.
    const snapshot = await until(core, (s) => {
      const here = s.vms.filter((vm) => vm.hostId === hv3Id);
      return (
        uuids.every((u) => here.some((vm) => vm.id === u && vm.state === 'running')) &&
        here.every((vm) => expected.has(vm.id))
      );
    });
    expect(snapshot.vms.filter((vm) => vm.hostId === hv3Id)).toHaveLength(5);

    const entered = await core.handlers['hosts:set-maintenance']({
      hostId: hv3Id,
      maintenance: true,
    });
    expect(entered.host.config.maintenance).toBe(true);
    const proposal = entered.evacuation;
    if (!proposal?.ok) throw new Error(`no evacuation: ${JSON.stringify(proposal)}`);
    const plan = proposal.plan;
    expect(plan).toMatchObject({ kind: 'evacuate', hostId: hv3Id, status: 'review' });
    expect(new Set(plan.steps.map((s) => s.vmId))).toEqual(moving);
    for (const s of plan.steps) {
      expect(s).toMatchObject({ kind: 'migrate', hostId: hv3Id, live: s.vmId !== offUuid });
      expect(s.targetHostId).not.toBe(hv3Id);
    }
    // delta is shut off and its disk is a volume of hv3's pool: moved offline, the disk would stay
    // behind, and off it needs nothing from hv3 during the maintenance. It stays, and the review says so.
    expect(plan.warnings).toContain(
      'delta stays on hv3: it is shut off and its disk (vda) only hv3 has; libvirt copies disks only in a live migration, and off it needs nothing from hv3 meanwhile',
    );
    console.log(`evacuation plan: ${plan.steps.map((s) => s.label).join('; ')}`);

    try {
      const started = performance.now();
      await core.handlers['plans:approve']({ planId: plan.id });
      const done = await waitPlan(core, plan.id);
      console.log(
        `evacuate: ${(performance.now() - started).toFixed(0)} ms for 4 VMs, 2 at a time (${timings(done)})`,
      );
      expect(done.status, journalLines(done)).toBe('done');

      // hv3 holds nothing of what it held but delta; each VM is where the plan said, by virsh.
      const left = onHv3();
      expect(left.filter((name) => ours.includes(name) || name === 'delta')).toEqual(['delta']);
      const foreign = left.filter((name) => !ours.includes(name) && name !== 'delta');
      if (foreign.length > 0)
        console.log(`arrived on hv3 from other tests meanwhile: ${foreign.join(', ')}`);
      expect(foreign).toEqual([]);
      const now = await core.handlers['fleet:snapshot']({});
      const nameOf = (id: string | undefined) =>
        now.hosts.find((h) => h.config.id === id)?.config.name;
      for (const s of done.steps) expect(hostsListing(s.vmId)).toEqual([nameOf(s.targetHostId)]);
      // Every hard rule kept where they ended, by the engine's independent checker.
      const input = moveInput({
        ...now,
        services: [],
        paths: await core.handlers['paths:list']({}),
        overcommit: await core.handlers['settings:get']({}),
      });
      const assignments = (input.vms ?? []).map((v) => ({
        vm: v.id,
        application: v.application,
        host: v.host ?? '',
      }));
      expect(
        checkPlan(input, { operation: 'evacuate', assignments, unplaced: [], evacuated: [hv3Id] })
          .violations,
      ).toEqual([]);

      // In maintenance, hv3 takes nothing.
      const mine = now.vms.find((vm) => vm.id === uuids[0]);
      const refused = await core.handlers['vms:plan-moves']({
        moves: [{ vmId: uuids[0] as VmId, fromHostId: mine?.hostId ?? hv3Id, toHostId: hv3Id }],
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.message).toBe(`Couldn't move ${ours[0]} to hv3: host is in maintenance`);
        expect(refused.unplaced[0]?.suggestions).toEqual([
          'Take hv3 out of maintenance, or pick another host.',
        ]);
      }

      const left3 = await core.handlers['hosts:set-maintenance']({
        hostId: hv3Id,
        maintenance: false,
      });
      expect(left3.host.config.maintenance).toBeUndefined();
      expect(left3.evacuation).toBeUndefined();

      const undo = await core.handlers['plans:plan-undo']({ planId: plan.id });
      if (!undo.ok) throw new Error(`undo refused: ${JSON.stringify(undo)}`);
      const undoPlan = undo.plan;
      expect(undoPlan).toMatchObject({ kind: 'undo', reverses: plan.id, status: 'review' });
      expect(undoPlan.steps.every((s) => s.targetHostId === hv3Id)).toBe(true);
      const back = performance.now();
      await core.handlers['plans:approve']({ planId: undoPlan.id });
      const undone = await waitPlan(core, undoPlan.id);
      console.log(`undo: ${(performance.now() - back).toFixed(0)} ms (${timings(undone)})`);
      expect(undone.status, journalLines(undone)).toBe('done');
      for (const uuid of uuids) {
        expect(hostsListing(uuid)).toEqual(['hv3']);
        expect(virshAs(hv3, 'domstate', uuid).trim()).toBe('running');
      }
      expect(hostsListing(offUuid)).toEqual(['hv3']);
      expect(hostsListing(deltaUuid)).toEqual(['hv3']);
      expect(virshAs(hv3, 'domstate', 'delta').trim()).toBe('shut off');
    } finally {
      putDeltaBack();
    }
  }, 600_000);
});
