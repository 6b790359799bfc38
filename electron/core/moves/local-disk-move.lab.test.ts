import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Core } from '../core';
import { virshAs } from '../../testing/lab-hosts';
import {
  POOL,
  createVolume,
  fingerprint,
  hasVolume,
  guestWithVolume,
  removeOurVolumes,
  volName,
  volumeNames,
} from '../../testing/disk-lab';
import { journalLines } from '../../testing/service-lab';
import {
  hostsListing,
  hv1,
  hv2,
  idOf,
  labCore,
  removeOurGuests,
  tempDir,
  vmName,
  vmShown,
  waitPlan,
} from '../../testing/move-lab';
import { until } from '../../testing/core-waits';
import { newPlan, newVmId, step } from '../plans/plan-builder';

// A guest whose disk is a qcow2 overlay volume in hv1's pool `default` (over the lab's
// lab-base.qcow2, as the lab's own guests have), moved live to hv2 through the console: the plan
// says it copies the disk, libvirt creates the volume in hv2's `default` and copies it, and the
// hosts' own listings are the judge. Then a disk too big for hv2's pool (a sparse qcow2 whose
// virtual size is past the pool's free space: both pools are on this machine's one filesystem,
// and the check counts the virtual size, which is what the copy may grow to) is refused in words.

let dataDir: string;
let core: Core;
let ids: { hv1: HostId; hv2: HostId };

/** The guest listed on hv1 with its disk's size (domstats --block), as the check needs it. */
async function shownWithDiskSize(uuid: string): Promise<void> {
  await vmShown(core, uuid, ids.hv1);
  await until(core, (s) =>
    s.vms.some((vm) => vm.id === uuid && vm.disks?.[0]?.capacityBytes !== undefined),
  );
}

const planMove = (uuid: string, from: HostId, to: HostId) =>
  core.handlers['vms:plan-moves']({
    moves: [{ vmId: uuid as VmId, fromHostId: from, toHostId: to }],
  });

/** A guest on hv1 with `volume` as its disk, whose move to hv2 must be refused: the refusal. */
async function refusedMove(name: string, volume: string) {
  const uuid = guestWithVolume(hv1, name, volume);
  await shownWithDiskSize(uuid);
  const refused = await planMove(uuid, ids.hv1, ids.hv2);
  if (refused.ok) throw new Error(`not refused: ${refused.plan.title}`);
  console.log(`refused: ${refused.message}`);
  return { uuid, refused };
}

beforeAll(async () => {
  dataDir = tempDir();
  core = await labCore(dataDir);
  ids = { hv1: await idOf(core, hv1), hv2: await idOf(core, hv2) };
});
afterAll(async () => {
  await core.stop();
  const left = removeOurGuests();
  if (left.length > 0) console.log(`removed: ${left.join(', ')}`);
  removeOurVolumes([hv1, hv2]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('moving a VM with a local disk on the lab', () => {
  it('live-migrates a guest with a qcow2 overlay volume hv1 → hv2 and back, its disk copied into the target’s pool and the source’s copy removed each time', async () => {
    const name = vmName('disk');
    const volume = volName('disk');
    createVolume(hv1, volume, '8M', 'lab-base.qcow2');
    const uuid = guestWithVolume(hv1, name, volume);
    await vmShown(core, uuid, ids.hv1);
    // The listing carries the disk with its size (domstats --block).
    const seen = await until(core, (s) =>
      s.vms.some((vm) => vm.id === uuid && vm.disks?.[0]?.capacityBytes !== undefined),
    );
    expect(seen.vms.find((vm) => vm.id === uuid)?.disks).toEqual([
      {
        target: 'vda',
        kind: 'volume',
        pool: POOL,
        volume,
        format: 'qcow2',
        capacityBytes: 8 * 1024 ** 2,
      },
    ]);

    const proposal = await planMove(uuid, ids.hv1, ids.hv2);
    if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal)}`);
    const plan = proposal.plan;
    expect(plan.steps).toMatchObject([
      {
        kind: 'migrate',
        live: true,
        disks: [{ target: 'vda', pool: POOL, bytes: 8 * 1024 ** 2 }],
        label: `Move ${name} from hv1 to hv2 (live, copies disk vda (8 MiB) into pool default)`,
      },
      { kind: 'volume-delete', hostId: ids.hv1, volume: { pool: POOL, name: volume } },
    ]);
    expect(plan.review?.[0]?.disks).toEqual([{ target: 'vda', pool: POOL, bytes: 8 * 1024 ** 2 }]);

    const progress: number[] = [];
    const off = core.events.on('plans:changed', (p) => {
      const step = p.steps[0];
      if (p.id === plan.id && step?.progress !== undefined) progress.push(step.progress);
    });
    const started = performance.now();
    await core.handlers['plans:approve']({ planId: plan.id });
    const done = await waitPlan(core, plan.id);
    off();
    console.log(
      `local-disk move: ${(performance.now() - started).toFixed(0)} ms (approve → plan done); progress seen: ${[...new Set(progress)].join(', ')}`,
    );
    expect(done.status, journalLines(done)).toBe('done');

    // The hosts say: running on hv2 only, its disk a volume of hv2's own pool, in hv2's home.
    expect(virshAs(hv2, 'domstate', uuid).trim()).toBe('running');
    expect(hostsListing(uuid)).toEqual(['hv2']);
    expect(volumeNames(hv2).some((line) => line.startsWith(volume))).toBe(true);
    // Its disk names the volume in `default`, which hv2's pool resolves into hv2's home.
    expect(virshAs(hv2, 'domblklist', uuid, '--details')).toMatch(
      new RegExp(`volume\\s+disk\\s+vda\\s+${volume.replace(/[$()]/g, '\\$&')}`),
    );
    expect(virshAs(hv2, 'vol-path', '--pool', POOL, volume).trim()).toBe(
      `/home/${hv2.user}/.local/share/libvirt/images/${volume}`,
    );
    // Flattened: the copy does not lean on hv1's base image.
    const info = virshAs(hv2, 'vol-dumpxml', '--pool', POOL, volume);
    expect(info).not.toContain(`/home/${hv1.user}/`);
    // hv1's stale copy was removed by the plan's own step, after the move was verified.
    expect(done.steps.map((s) => [s.kind, s.status, s.label])).toEqual([
      ['migrate', 'done', expect.any(String)],
      [
        'volume-delete',
        'done',
        `Remove hv1's copy of vda after the move (volume “${volume}” of pool “${POOL}”)`,
      ],
    ]);
    expect(volumeNames(hv1).some((line) => line.startsWith(volume))).toBe(false);

    // And back hv2 → hv1: the copy lands where the stale one was, hv2's goes; the guest runs once.
    await until(core, (s) => s.vms.some((vm) => vm.id === uuid && vm.hostId === ids.hv2));
    const back = await planMove(uuid, ids.hv2, ids.hv1);
    if (!back.ok) throw new Error(`refused: ${JSON.stringify(back)}`);
    expect(back.plan.steps.map((s) => s.label)).toEqual([
      `Move ${name} from hv2 to hv1 (live, copies disk vda (8 MiB) into pool default)`,
      `Remove hv2's copy of vda after the move (volume “${volume}” of pool “${POOL}”)`,
    ]);
    await core.handlers['plans:approve']({ planId: back.plan.id });
    const returned = await waitPlan(core, back.plan.id);
    expect(returned.status, journalLines(returned)).toBe('done');
    expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
    expect(hostsListing(uuid)).toEqual(['hv1']);
    expect(volumeNames(hv1).some((line) => line.startsWith(volume))).toBe(true);
    expect(volumeNames(hv2).some((line) => line.startsWith(volume))).toBe(false);
  });

  it('rolls back a failed plan after a local-disk move: the guest goes back with its disk, onto the copy the move left', async () => {
    const name = vmName('rollback');
    const volume = volName('rollback');
    createVolume(hv1, volume, '8M', 'lab-base.qcow2');
    const uuid = guestWithVolume(hv1, name, volume);
    await shownWithDiskSize(uuid);
    // A plan that moves the guest with its disk, then fails (a start of a VM hv2 never had): the
    // move left hv1's copy behind (no removal step ran), as a failed or interrupted move does.
    const move = step('migrate', {
      label: `Move ${name} to hv2`,
      hostId: ids.hv1,
      targetHostId: ids.hv2,
      vmId: uuid as VmId,
      vmName: name,
      live: true,
      disks: [{ target: 'vda', pool: POOL, bytes: 8 * 1024 ** 2 }],
    });
    const doomed = step('start', {
      label: 'Start a VM hv2 never had',
      hostId: ids.hv2,
      vmId: newVmId(),
      vmName: `${name}-ghost`,
      after: [move.id],
    });
    const plan = newPlan({ kind: 'move', title: `Move ${name}, then fail`, steps: [move, doomed] });
    await core.plans().run(plan);
    const failed = await core.plans().settled(plan.id);
    expect(
      failed.steps.map((s) => s.status),
      journalLines(failed),
    ).toEqual(['done', 'failed']);
    expect(hostsListing(uuid)).toEqual(['hv2']);
    expect(hasVolume(hv1, volume)).toBe(true);
    await until(core, (s) => s.vms.some((vm) => vm.id === uuid && vm.hostId === ids.hv2));

    const back = await core.handlers['plans:rollback']({ planId: plan.id });
    expect(back.steps).toMatchObject([
      {
        kind: 'migrate',
        hostId: ids.hv2,
        targetHostId: ids.hv1,
        disks: [{ target: 'vda', pool: POOL }],
      },
    ]);
    expect(back.warnings).toContain(
      `${name} goes back with its disks (vda); the copies made on hv2 stay there: delete them once you no longer need them`,
    );
    const started = performance.now();
    const end = await core.plans().settled(back.id);
    console.log(
      `rollback of a local-disk move: ${(performance.now() - started).toFixed(0)} ms (rollback → done)`,
    );
    expect(end.status, journalLines(end)).toBe('done');
    expect(virshAs(hv1, 'domstate', uuid).trim()).toBe('running');
    expect(hostsListing(uuid)).toEqual(['hv1']);
    expect(virshAs(hv1, 'domblklist', uuid, '--details')).toContain(volume);
    // The copy on hv2 stays (the warning said so); hv1's volume is the guest's disk again.
    expect(hasVolume(hv2, volume)).toBe(true);
  });

  it("refuses a disk bigger than hv2's pool has free, in words, and moves nothing", async () => {
    const { pools } = await core.handlers['hosts:storage']({ hostId: ids.hv2 });
    const storage = pools.find((p) => p.name === POOL);
    const free = storage?.availableBytes ?? 0;
    expect(free).toBeGreaterThan(0);
    const size = Math.ceil((free + 64 * 1024 ** 3) / 1024 ** 3); // GiB, past the free space
    const name = vmName('huge');
    const volume = volName('huge');
    createVolume(hv1, volume, `${size}G`); // sparse: a few hundred KiB on disk
    const { uuid, refused } = await refusedMove(name, volume);
    expect(refused.message).toMatch(
      new RegExp(
        `^Couldn't move ${name} to hv2: no space in the target pool: hv2's pool default has [\\d.]+ [GT]iB free, ${name}'s disk needs [\\d.]+ [GT]iB$`,
      ),
    );
    expect(refused.unplaced[0]?.why?.[0]).toMatchObject({
      code: 'pool-space',
      pool: POOL,
      needBytes: size * 1024 ** 3,
    });
    expect(hostsListing(uuid)).toEqual(['hv1']);
    expect(volumeNames(hv2).some((line) => line.startsWith(volume))).toBe(false);
  });
  it('refuses a copy onto an unrelated volume of the same name in hv2’s pool, in words, and leaves it untouched', async () => {
    const name = vmName('taken');
    const volume = volName('taken');
    createVolume(hv1, volume, '8M', 'lab-base.qcow2');
    createVolume(hv2, volume, '3M'); // someone else's, same name, another size
    const before = fingerprint(hv2, volume);
    expect(before.capacity).toBe(3 * 1024 ** 2);
    const { uuid, refused } = await refusedMove(name, volume);
    expect(refused.message).toBe(
      `Couldn't move ${name} to hv2: hv2's pool default already has a volume named ${volume}: copying ${name}'s disk vda there would write over it`,
    );
    expect(refused.unplaced[0]?.suggestions).toEqual([
      'Delete it or rename it on hv2 (virsh vol-delete, or vol-clone then vol-delete), or pick another host.',
    ]);
    expect(hostsListing(uuid)).toEqual(['hv1']);
    // hv2's volume is as it was: its size and its bytes.
    expect(fingerprint(hv2, volume)).toEqual(before);
  });
});
