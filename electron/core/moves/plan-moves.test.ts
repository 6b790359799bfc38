import { describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../shared/domain/application';
import { app, shop, WEB } from '../../../shared/testing/service-fixtures';
import { estimateMigrationSeconds } from './migration-estimate';
import {
  fleetOf,
  host,
  inMaintenance,
  move,
  planOf,
  refusalOf,
  vm,
} from '../../testing/move-fixtures';
import { planMoves } from './plan-moves';
import {
  GiB,
  MiB,
  pool,
  volume,
  withDisks,
  withPools,
} from '../../../shared/testing/disk-fixtures';

const hv1 = host('hv1', { memoryMiB: 2048 });
const hv2 = host('hv2', { memoryMiB: 2048 });
const hv3 = host('hv3', { memoryMiB: 2048 });

describe('planMoves', () => {
  it('moves a running VM live and a shut-off one cold, one migrate step each, on the source', () => {
    const web = vm('web', hv1, { memoryMiB: 1024 });
    const old = vm('old', hv1, { state: 'shutoff', memoryMiB: 512 });
    const plan = planOf(
      planMoves([move(web, hv2), move(old, hv3)], fleetOf([hv1, hv2, hv3], [web, old])),
    );
    expect(plan).toMatchObject({ kind: 'move', status: 'review', concurrency: 2 });
    expect(plan.title).toBe('Move 2 VMs to hv2, hv3');
    expect(plan.steps.map((s) => [s.kind, s.vmName, s.hostId, s.targetHostId, s.live])).toEqual([
      ['migrate', 'web', hv1.config.id, hv2.config.id, true],
      ['migrate', 'old', hv1.config.id, hv3.config.id, false],
    ]);
    expect(plan.steps[1]?.label).toBe('Move old from hv1 to hv3 (cold: it is shut off)');
    expect(plan.review).toEqual([
      expect.objectContaining({
        vmName: 'web',
        fromHostId: hv1.config.id,
        hostId: hv2.config.id,
        live: true,
        estimatedSeconds: estimateMigrationSeconds(1024, true),
        reason: 'hv2 after: 1.0 GiB memory, 31 vCPUs free',
      }),
      expect.objectContaining({
        vmName: 'old',
        live: false,
        estimatedSeconds: estimateMigrationSeconds(512, false),
      }),
    ]);
  });

  it('estimates from memory: about 2 s fixed plus 150 MiB/s live, a fraction of a second cold', () => {
    expect(estimateMigrationSeconds(64, true)).toBe(2.4);
    expect(estimateMigrationSeconds(1500, true)).toBe(12);
    expect(estimateMigrationSeconds(8192, false)).toBe(0.3);
  });

  it('checks the moves as one set: two that each fit alone are refused together', () => {
    const resident = vm('resident', hv2, { memoryMiB: 512 });
    const a = vm('a', hv1, { memoryMiB: 1024 });
    const b = vm('b', hv1, { memoryMiB: 1024 });
    const fleet = fleetOf([hv1, hv2, hv3], [resident, a, b]);
    expect(planMoves([move(a, hv2)], fleet).ok).toBe(true);
    expect(planMoves([move(b, hv2)], fleet).ok).toBe(true);
    const both = refusalOf(planMoves([move(a, hv2), move(b, hv2)], fleet));
    expect(both.message).toBe('1 of the 2 moves is refused; nothing was moved');
    expect(both.unplaced).toEqual([
      {
        vmName: 'b',
        why: [{ code: 'memory', host: hv2.config.id, shortMiB: 512 }],
        reasons: ['to hv2: memory short by 512 MiB'],
        suggestions: ['Move a VM off hv2 first, or pick a host with more room.'],
      },
    ]);
  });

  it('lets a VM into a full host when another leaves it in the same set, and orders the moves', () => {
    const big = vm('big', hv2, { memoryMiB: 2048 });
    const next = vm('next', hv1, { memoryMiB: 1024 });
    const fleet = fleetOf([hv1, hv2, hv3], [big, next]);
    expect(refusalOf(planMoves([move(next, hv2)], fleet)).message).toBe(
      "Couldn't move next to hv2: memory short by 1.0 GiB",
    );
    const plan = planOf(planMoves([move(next, hv2), move(big, hv3)], fleet));
    const [into, out] = plan.steps;
    expect(into?.vmName).toBe('next');
    expect(into?.after).toEqual([out?.id]); // hv2 is emptied before it is filled
    expect(out?.after).toEqual([]);
  });

  it('refuses a swap between two full hosts: each move waits for the other', () => {
    const a = vm('a', hv1, { memoryMiB: 2048 });
    const b = vm('b', hv2, { memoryMiB: 2048 });
    const refused = refusalOf(planMoves([move(a, hv2), move(b, hv1)], fleetOf([hv1, hv2], [a, b])));
    expect(refused.unplaced.map((u) => u.vmName).sort()).toEqual(['a', 'b']);
    expect(refused.unplaced[0]?.suggestions).toEqual([
      'Move one of these VMs to a third host first, then the others.',
    ]);
  });

  it('says the fix: a host in maintenance, a broken path (the probe fix)', () => {
    const web = vm('web', hv1);
    const down = refusalOf(
      planMoves([move(web, hv3)], fleetOf([hv1, hv2, inMaintenance(hv3)], [web])),
    );
    expect(down.message).toBe("Couldn't move web to hv3: host is in maintenance");
    expect(down.unplaced[0]?.suggestions).toEqual([
      'Take hv3 out of maintenance, or pick another host.',
    ]);
    const path = {
      from: hv1.config.id,
      to: hv2.config.id,
      state: 'broken' as const,
      message: "hv1 does not know hv2's host key",
      fix: "On hv1, as user hv1, add hv2's host key to ~/.ssh/known_hosts",
    };
    const noPath = refusalOf(
      planMoves([move(web, hv2)], fleetOf([hv1, hv2, hv3], [web], { paths: [path] })),
    );
    expect(noPath.message).toBe(
      "Couldn't move web to hv2: no migration path from hv1 to hv2: hv1 does not know hv2's host key",
    );
    expect(noPath.unplaced[0]?.suggestions).toEqual([path.fix]);
  });

  it('refuses a move made from a stale view, a VM asked twice, and a host not connected', () => {
    const web = vm('web', hv2);
    const fleet = fleetOf([hv1, hv2, host('hv4', { state: 'unreachable' })], [web]);
    const stale = refusalOf(planMoves([{ ...move(web, hv3), fromHostId: hv1.config.id }], fleet));
    expect(stale.unplaced[0]?.reasons).toEqual(['web is now on hv2, not on hv1']);
    const twice = refusalOf(planMoves([move(web, hv1), move(web, hv1)], fleet));
    expect(twice.unplaced.map((u) => u.reasons[0])).toContain('web is asked to move twice');
    const hv4 = fleet.hosts[2]!;
    expect(refusalOf(planMoves([move(web, hv4)], fleet)).message).toBe(
      "Couldn't move web to hv4: hv4 is unreachable",
    );
    expect(refusalOf(planMoves([move(web, hv2)], fleet)).message).toBe(
      'Nothing to move: every VM is already there',
    );
  });

  it('warns when a soft spread rule gets worse, and says nothing of a hard one kept', () => {
    const soft: ServiceBundle = shop({
      apps: [app(WEB, 'web', { replicas: 2, spread: { across: 'host', strength: 'soft' } })],
    });
    const w1 = vm('web-1', hv1, { app: WEB });
    const w2 = vm('web-2', hv2, { app: WEB });
    const plan = planOf(
      planMoves([move(w1, hv2)], fleetOf([hv1, hv2, hv3], [w1, w2], { services: [soft] })),
    );
    expect(plan.warnings).toEqual([
      'web-1 joins web-2 (also web) on hv2: its soft spread rule prefers them apart',
    ]);
    const hard = shop({
      apps: [app(WEB, 'web', { replicas: 2, spread: { across: 'host', strength: 'hard' } })],
    });
    const refused = refusalOf(
      planMoves([move(w1, hv2)], fleetOf([hv1, hv2, hv3], [w1, w2], { services: [hard] })),
    );
    expect(refused.message).toBe("Couldn't move web-1 to hv2: anti-affinity with web-2");
    expect(
      planOf(planMoves([move(w1, hv3)], fleetOf([hv1, hv2, hv3], [w1, w2], { services: [hard] })))
        .warnings,
    ).toEqual([]);
  });

  it('keeps the concurrency asked for', () => {
    const vms = ['a', 'b', 'c'].map((n) => vm(n, hv1));
    const plan = planOf(
      planMoves(
        vms.map((v) => move(v, hv2)),
        fleetOf([hv1, hv2], vms),
        { concurrency: 3 },
      ),
    );
    expect(plan.concurrency).toBe(3);
    expect(plan.warnings).toContain('3 migrations, 3 at a time: about 2 s in all');
  });
});

describe('planMoves: disks only the source has', () => {
  const one = withPools(hv1, [pool('default', 100 * GiB)]);
  const two = withPools(hv2, [pool('default', 40 * MiB)]);

  it('copies them live: the step and the review say which disks, how big and where to', () => {
    const alpha = withDisks(vm('alpha', one, { memoryMiB: 64 }), [
      volume('vda', 'default', 8 * MiB),
    ]);
    const plan = planOf(planMoves([move(alpha, two)], fleetOf([one, two], [alpha])));
    expect(plan.steps[0]).toMatchObject({
      kind: 'migrate',
      live: true,
      disks: [{ target: 'vda', pool: 'default', bytes: 8 * MiB }],
      label: 'Move alpha from hv1 to hv2 (live, copies disk vda (8 MiB) into pool default)',
    });
    expect(plan.review?.[0]).toMatchObject({
      disks: [{ target: 'vda', pool: 'default', bytes: 8 * MiB }],
      estimatedSeconds: estimateMigrationSeconds(64, true, undefined, 8),
    });
  });

  it('refuses a disk the target pool has no room for, in words with both sizes', () => {
    const alpha = withDisks(vm('alpha', one), [volume('vda', 'default', 64 * MiB)]);
    const refused = refusalOf(planMoves([move(alpha, two)], fleetOf([one, two], [alpha])));
    expect(refused.message).toBe(
      "Couldn't move alpha to hv2: no space in the target pool: hv2's pool default has 40 MiB free, alpha's disk needs 64 MiB",
    );
    expect(refused.unplaced[0]?.suggestions).toEqual([
      "Free space in hv2's pool default, or pick a host with more room.",
    ]);
  });

  it("removes the source's stale copy of each copied volume after the move, waiting for it", () => {
    const alpha = withDisks(vm('alpha', one, { memoryMiB: 64 }), [
      volume('vda', 'default', 8 * MiB),
      { target: 'vdb', kind: 'file', path: '/pools/default/b.img', capacityBytes: MiB },
    ]);
    const plan = planOf(planMoves([move(alpha, two)], fleetOf([one, two], [alpha])));
    const [migrate, remove, removeFile] = plan.steps;
    expect(plan.steps).toHaveLength(3);
    expect(removeFile).toMatchObject({
      kind: 'volume-delete',
      volume: { pool: 'default', name: 'b.img' },
      after: [migrate?.id],
    });
    expect(remove).toMatchObject({
      kind: 'volume-delete',
      hostId: one.config.id,
      vmId: alpha.id,
      volume: { pool: 'default', name: 'vda.qcow2' },
      after: [migrate?.id],
      label: "Remove hv1's copy of vda after the move (volume “vda.qcow2” of pool “default”)",
    });
  });

  it('keeps a volume another domain of the source still uses', () => {
    const alpha = withDisks(vm('alpha', one), [volume('vda', 'default', MiB)]);
    const sharer = withDisks(vm('sharer', one, { state: 'shutoff' }), [volume('vda', 'default')]);
    const plan = planOf(planMoves([move(alpha, two)], fleetOf([one, two], [alpha, sharer])));
    expect(plan.steps.map((s) => s.kind)).toEqual(['migrate']);
  });

  it('keeps a volume another domain names as a file in the pool directory', () => {
    const alpha = withDisks(vm('alpha', one), [volume('vda', 'default', MiB)]);
    const sharer = withDisks(vm('sharer', one, { state: 'shutoff' }), [
      { target: 'vdb', kind: 'file', path: '/pools/default/vda.qcow2' },
    ]);
    const plan = planOf(planMoves([move(alpha, two)], fleetOf([one, two], [alpha, sharer])));
    expect(plan.steps.map((s) => s.kind)).toEqual(['migrate']);
  });

  it('refuses to move a shut-off VM with a local disk offline: the disk would stay behind', () => {
    const off = withDisks(vm('off', one, { state: 'shutoff' }), [volume('vda', 'default', MiB)]);
    const refused = refusalOf(planMoves([move(off, two)], fleetOf([one, two], [off])));
    expect(refused.unplaced[0]?.why).toEqual([{ code: 'disk-cold', vm: off.id, disk: 'vda' }]);
    expect(refused.message).toContain('libvirt copies disks only in a live migration');
  });
});
