import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { Core } from '../core';
import { until } from '../../testing/core-waits';
import { defineGuestXml, guestXml, outOfBandList, virshAs } from '../../testing/lab-hosts';
import {
  POOL,
  createVolume,
  diskXml,
  fingerprint,
  guestWithVolume,
  hasVolume,
  removeOurVolumes,
  volName,
} from '../../testing/disk-lab';
import { journalLines } from '../../testing/service-lab';
import {
  hostsListing,
  hv1,
  hv2,
  hv3,
  idOf,
  labCore,
  labHosts,
  removeOurGuests,
  tempDir,
  vmName,
  waitPlan,
} from '../../testing/move-lab';

// Maintenance and undo never write over a volume. A running guest whose disk is a qcow2 overlay
// volume (named with a space, quotes and `$(x)`) in hv3's pool; hv2's pool holds an unrelated
// volume of the same name (3 MiB: its size and sha256 recorded). hv3 is the source, as in
// evacuate.lab.test.ts: hv1 holds the lab's running `alpha` with a local disk, which an evacuation
// of hv1 would move too; hv3 holds only the shut-off `delta`, which an evacuation leaves in place.
// - maintenance on hv3: the evacuation sends the guest to hv1, never hv2, and its review says hv2
//   was passed over and why; run, hv2's volume is unchanged;
// - the undo, with an unrelated same-named volume put into hv3's pool: refused in words; with it
//   gone the undo is planned, and when it appears again before the approval, the migrate step
//   refuses right before the copy and the volume is unchanged; without it, the undo runs;
// - a move whose source gains a domain naming the disk's file after the plan was made: the
//   stale-copy step keeps the volume and says so.

let dataDir: string;
let core: Core;
let ids: { hv1: HostId; hv2: HostId; hv3: HostId };
let deltaUuid: string;

beforeAll(async () => {
  dataDir = tempDir();
  core = await labCore(dataDir);
  ids = { hv1: await idOf(core, hv1), hv2: await idOf(core, hv2), hv3: await idOf(core, hv3) };
  deltaUuid = virshAs(hv3, 'domuuid', 'delta').trim();
});
afterAll(async () => {
  await core.stop();
  const left = removeOurGuests();
  if (left.length > 0) console.log(`removed: ${left.join(', ')}`);
  removeOurVolumes(labHosts);
  rmSync(dataDir, { recursive: true, force: true });
});

const name = vmName('evac-disk');
const volume = volName('evac-disk');
let uuid: string;

/** The plan once it ended, with its steps' words on failure. */
async function approved(plan: Plan): Promise<Plan> {
  const started = performance.now();
  await core.handlers['plans:approve']({ planId: plan.id });
  const done = await waitPlan(core, plan.id);
  console.log(
    `${plan.kind} "${plan.title}": ${(performance.now() - started).toFixed(0)} ms approve → ${done.status}; ${done.steps.map((s) => `${s.kind} ${s.status}${s.note ? ` (${s.note})` : ''}`).join(', ')}`,
  );
  return done;
}

/** The guest with its disk size listed on `host` (the checks weigh it). */
function shownOn(host: HostId) {
  return until(core, (s) =>
    s.vms.some(
      (vm) =>
        vm.id === uuid &&
        vm.hostId === host &&
        vm.state === 'running' &&
        vm.disks?.[0]?.capacityBytes !== undefined,
    ),
  );
}

describe('local disks in maintenance and undo on the lab', () => {
  let evacuation: Plan;

  it('evacuates hv3 without picking hv2, whose pool has an unrelated volume of the disk’s name, and leaves that volume untouched', async () => {
    createVolume(hv3, volume, '8M', 'lab-base.qcow2');
    createVolume(hv2, volume, '3M');
    const unrelated = fingerprint(hv2, volume);
    expect(unrelated.capacity).toBe(3 * 1024 ** 2);
    uuid = guestWithVolume(hv3, name, volume);
    // hv3 holds delta and ours only (others' tests could leave VMs there: not ours to move).
    await until(core, (s) => {
      const here = s.vms.filter((vm) => vm.hostId === ids.hv3);
      return (
        here.some((vm) => vm.id === uuid && vm.disks?.[0]?.capacityBytes !== undefined) &&
        here.every((vm) => vm.id === uuid || vm.id === deltaUuid)
      );
    });

    const entered = await core.handlers['hosts:set-maintenance']({
      hostId: ids.hv3,
      maintenance: true,
    });
    const proposal = entered.evacuation;
    if (!proposal?.ok) throw new Error(`no evacuation: ${JSON.stringify(proposal)}`);
    evacuation = proposal.plan;
    console.log(`evacuation: ${evacuation.steps.map((s) => s.label).join('; ')}`);
    console.log(`its notes: ${(evacuation.warnings ?? []).join(' | ')}`);
    expect(evacuation.steps.map((s) => [s.kind, s.vmId, s.targetHostId ?? s.hostId])).toEqual([
      ['migrate', uuid, ids.hv1],
      ['volume-delete', uuid, ids.hv3],
    ]);
    expect(evacuation.warnings).toContain(
      `hv2 was passed over for ${name}: hv2's pool default already has a volume named ${volume}: copying ${name}'s disk vda there would write over it`,
    );

    try {
      const done = await approved(evacuation);
      expect(done.status, journalLines(done)).toBe('done');
      expect(hostsListing(uuid)).toEqual(['hv1']);
      expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
      expect(hasVolume(hv1, volume)).toBe(true);
      expect(hasVolume(hv3, volume)).toBe(false); // the stale copy, removed by the plan
      expect(fingerprint(hv2, volume)).toEqual(unrelated);
    } finally {
      await core.handlers['hosts:set-maintenance']({ hostId: ids.hv3, maintenance: false });
    }
    expect(hostsListing(deltaUuid)).toEqual(['hv3']);
  }, 600_000);

  it('refuses the undo while hv3’s pool has a volume of that name, and its migrate step refuses one that appears after the plan; then undoes', async () => {
    await shownOn(ids.hv1);
    // Someone else's volume of that name on hv3 now: the undo is refused when planned.
    createVolume(hv3, volume, '3M');
    const theirs = fingerprint(hv3, volume);
    const refused = await core.handlers['plans:plan-undo']({ planId: evacuation.id });
    if (refused.ok) throw new Error(`undo planned: ${refused.plan.title}`);
    console.log(`undo refused: ${refused.message}: ${refused.unplaced[0]?.reasons.join('; ')}`);
    expect(refused.message).toBe(
      `Couldn't undo "Empty hv3 for maintenance": 1 of its 1 VM cannot go back; nothing was moved`,
    );
    expect(refused.unplaced[0]?.reasons).toEqual([
      `hv3's pool default already has a volume named ${volume}: copying ${name}'s disk vda there would write over it`,
    ]);

    // Gone, the undo is planned; back before the approval, the step refuses right before the copy.
    virshAs(hv3, 'vol-delete', '--pool', POOL, volume);
    const undo = await core.handlers['plans:plan-undo']({ planId: evacuation.id });
    if (!undo.ok) throw new Error(`undo refused: ${JSON.stringify(undo)}`);
    createVolume(hv3, volume, '3M');
    const again = fingerprint(hv3, volume);
    const failed = await approved(undo.plan);
    expect(failed.status).toBe('failed');
    const migrate = failed.steps.find((s) => s.kind === 'migrate');
    expect(migrate?.status).toBe('failed');
    expect(migrate?.error?.message).toBe(
      `Couldn't migrate ${name} from hv1 to hv3: hv3's pool default now has a volume named ${volume}, which it did not have when the move was checked: copying ${name}'s disk vda there would write over it, so nothing was moved; delete or rename that volume if nothing needs it, or move ${name} elsewhere`,
    );
    expect(hostsListing(uuid)).toEqual(['hv1']);
    expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
    expect(fingerprint(hv3, volume)).toEqual(again);
    expect(again.sha).not.toBe(''); // (a new volume: its own bytes, checked unchanged)
    expect(theirs.capacity).toBe(3 * 1024 ** 2);

    // Without it, the undo runs: the guest back on hv3, hv1's copy removed.
    virshAs(hv3, 'vol-delete', '--pool', POOL, volume);
    const retry = await core.handlers['plans:plan-undo']({ planId: evacuation.id });
    if (!retry.ok) throw new Error(`undo refused: ${JSON.stringify(retry)}`);
    const back = await approved(retry.plan);
    expect(back.status, journalLines(back)).toBe('done');
    expect(hostsListing(uuid)).toEqual(['hv3']);
    expect(virshAs(hv3, 'domstate', uuid).trim()).toBe('running');
    expect(hasVolume(hv3, volume)).toBe(true);
    expect(hasVolume(hv1, volume)).toBe(false);
  }, 600_000);

  it('keeps the source’s copy when a domain defined there after the plan names its file', async () => {
    await shownOn(ids.hv3);
    const proposal = await core.handlers['vms:plan-moves']({
      moves: [{ vmId: uuid as VmId, fromHostId: ids.hv3, toHostId: ids.hv1 }],
    });
    if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal)}`);
    expect(proposal.plan.steps.map((s) => s.kind)).toEqual(['migrate', 'volume-delete']);
    // After the plan: a shut-off domain on hv3 whose disk is that volume's file, by its path.
    const file = virshAs(hv3, 'vol-path', '--pool', POOL, volume).trim();
    const keeper = vmName('keeper');
    const xml = guestXml(keeper).replace('<serial', `${diskXml({ file })}\n    <serial`);
    defineGuestXml(hv3, keeper, xml);
    const before = fingerprint(hv3, volume);
    const done = await approved(proposal.plan);
    expect(done.status, journalLines(done)).toBe('done');
    expect(hostsListing(uuid)).toEqual(['hv1']);
    expect(done.steps.find((s) => s.kind === 'volume-delete')?.note).toBe(
      `kept volume “${volume}” of pool “${POOL}”: ${keeper}, defined here now, uses it`,
    );
    expect(hasVolume(hv3, volume)).toBe(true);
    expect(fingerprint(hv3, volume)).toEqual(before);
    expect([...outOfBandList(hv3).values()]).toContain(keeper);
  }, 600_000);
});
