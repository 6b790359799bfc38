import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/domain/plan';
import { checkPlan } from '../../../shared/placement';
import { moveInput } from '../context/planning-view';
import { fleetOf, host, inMaintenance, planOf, refusalOf, vm } from '../../testing/move-fixtures';
import { evacuationTargets, planEvacuation } from './plan-evacuation';
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
const hv3 = inMaintenance(host('hv3', { memoryMiB: 2048 }));

describe('planEvacuation', () => {
  it('moves exactly the VMs of the host, running ones live, shut-off ones cold, none onto it', () => {
    const here = [
      vm('a', hv3, { memoryMiB: 512 }),
      vm('b', hv3, { memoryMiB: 512 }),
      vm('off', hv3, { state: 'shutoff', memoryMiB: 256 }),
    ];
    const elsewhere = vm('x', hv1, { memoryMiB: 1024 });
    const fleet = fleetOf([hv1, hv2, hv3], [...here, elsewhere]);
    const plan = planOf(planEvacuation(hv3.config.id, fleet));
    expect(plan).toMatchObject({ kind: 'evacuate', hostId: hv3.config.id, status: 'review' });
    expect(plan.title).toBe('Empty hv3 for maintenance');
    expect(plan.steps.map((s) => s.vmName).sort()).toEqual(['a', 'b', 'off']);
    for (const s of plan.steps) {
      expect(s.hostId).toBe(hv3.config.id);
      expect(s.targetHostId).not.toBe(hv3.config.id);
      expect(s.live).toBe(s.vmName !== 'off');
    }
    // The independent checker agrees: every hard rule kept where the VMs end up.
    const input = moveInput(fleet);
    const assignments = (input.vms ?? []).map((v) => ({
      vm: v.id,
      application: v.application,
      host: plan.steps.find((s) => s.vmId === v.id)?.targetHostId ?? v.host ?? '',
    }));
    expect(
      checkPlan(input, {
        operation: 'evacuate',
        assignments,
        unplaced: [],
        evacuated: [hv3.config.id],
      }).violations,
    ).toEqual([]);
    expect(plan.review?.every((r) => r.reason.length > 0)).toBe(true);
  });

  it('refuses when a VM fits nowhere else, naming it and why; nothing is planned', () => {
    const huge = vm('huge', hv3, { memoryMiB: 2100 }); // bigger than any other host
    const fleet = fleetOf([hv1, hv2, hv3], [huge, vm('x', hv1), vm('y', hv2)]);
    const refused = refusalOf(planEvacuation(hv3.config.id, fleet));
    expect(refused.message).toBe(
      "Couldn't plan emptying hv3: 1 of its 1 VM fits on no other host; nothing was moved, and hv3 stays in maintenance and takes no new VMs",
    );
    expect(refused.unplaced[0]?.vmName).toBe('huge');
    expect(refused.unplaced[0]?.reasons.join(' ')).toMatch(/memory short/);
  });

  it('offers to move what fits, naming what stays and why', () => {
    const huge = vm('huge', hv3, { memoryMiB: 2100 }); // bigger than any other host
    const small = [
      vm('a', hv3, { memoryMiB: 512 }),
      vm('off', hv3, { state: 'shutoff', memoryMiB: 256 }),
    ];
    const fleet = fleetOf([hv1, hv2, hv3], [huge, ...small]);
    const refused = refusalOf(planEvacuation(hv3.config.id, fleet));
    expect(refused.message).toBe(
      "Couldn't plan emptying hv3: 1 of its 3 VMs fits on no other host; nothing was moved, and hv3 stays in maintenance and takes no new VMs",
    );
    expect(refused.unplaced.map((u) => u.vmName)).toEqual(['huge']);
    expect(refused.unplaced[0]?.reasons.join(' ')).toMatch(/memory short/);
    const partial = (refused as { partial?: Plan }).partial;
    expect(partial).toMatchObject({ kind: 'evacuate', status: 'review', hostId: hv3.config.id });
    expect(partial?.title).toBe('Empty hv3 for maintenance: move what fits (2 of 3)');
    expect(partial?.steps.map((s) => s.vmName).sort()).toEqual(['a', 'off']);
    expect(partial?.steps.every((s) => s.targetHostId !== hv3.config.id)).toBe(true);
  });

  it('has nothing to plan for an empty host, and refuses a host it cannot reach', () => {
    expect(planEvacuation(hv3.config.id, fleetOf([hv1, hv2, hv3], []))).toBeUndefined();
    const lost = { ...hv3, state: 'unreachable' as const };
    const refused = refusalOf(
      planEvacuation(lost.config.id, fleetOf([hv1, hv2, lost], [vm('a', lost)])),
    );
    expect(refused.message).toMatch(
      /^Couldn't plan emptying hv3: it is unreachable, so its VMs cannot be migrated away/,
    );
    expect(refused.unplaced[0]?.suggestions[0]).toMatch(/^Reconnect hv3/);
  });
});

describe('planEvacuation: local disks', () => {
  it('leaves a shut-off VM with a local disk where it is, saying why, and copies a running one', () => {
    const pools = [pool('default', 100 * GiB)];
    const [one, two, three] = [hv1, hv2, hv3].map((h) => withPools(h, pools));
    if (!one || !two || !three) throw new Error('hosts');
    const off = withDisks(vm('delta', three, { state: 'shutoff', memoryMiB: 64 }), [
      volume('vda', 'default', 8 * MiB),
    ]);
    const on = withDisks(vm('alpha', three, { memoryMiB: 64 }), [
      volume('vda', 'default', 8 * MiB),
    ]);
    const plan = planOf(planEvacuation(three.config.id, fleetOf([one, two, three], [off, on])));
    expect(plan.steps.map((s) => [s.vmName, s.live, s.disks?.map((d) => d.target)])).toEqual([
      ['alpha', true, ['vda']],
    ]);
    expect(plan.warnings).toContain(
      'delta stays on hv3: it is shut off and its disk (vda) only hv3 has; libvirt copies disks only in a live migration, and off it needs nothing from hv3 meanwhile',
    );
    // Nothing else to move: nothing to plan.
    expect(planEvacuation(three.config.id, fleetOf([one, two, three], [off]))).toBeUndefined();
  });
});

describe('planEvacuation: a volume of the disk’s name already on a target', () => {
  const pools = [pool('default', 100 * GiB)];
  const [one, two, three] = [hv1, hv2, hv3].map((h) => withPools(h, pools));
  if (!one || !two || !three) throw new Error('hosts');
  const name = `it's "a disk" $(x)`;
  const disk = { ...volume('vda', 'default', 8 * MiB), volume: name };
  const guest = withDisks(vm('alpha', three, { memoryMiB: 64 }), [disk]);
  const listed = (byHost: Record<string, string[] | undefined>) =>
    new Map(
      Object.entries(byHost)
        .filter((e): e is [string, string[]] => e[1] !== undefined)
        .map(([h, names]) => [`${h}\ndefault`, names]),
    );

  it('reads every other connected host of its driver for a running VM with a local disk', () => {
    const fleet = fleetOf([one, two, three], [guest, vm('x', one)]);
    expect(evacuationTargets(three.config.id, fleet)).toEqual([
      { vmId: guest.id, fromHostId: three.config.id, toHostId: one.config.id },
      { vmId: guest.id, fromHostId: three.config.id, toHostId: two.config.id },
    ]);
    const off = withDisks(vm('off', three, { state: 'shutoff' }), [disk]);
    expect(evacuationTargets(three.config.id, fleetOf([one, two, three], [off]))).toEqual([]);
  });

  it('passes over the host whose pool has it, for that VM alone, and says so in the review', () => {
    const other = withDisks(vm('beta', three, { memoryMiB: 64 }), [volume('vdb', 'default')]);
    // hv1 would be the engine's choice (more room): its pool has a volume of alpha's disk name.
    const busy = vm('x', two, { memoryMiB: 1024 });
    const fleet = {
      ...fleetOf([one, two, three], [guest, other, busy]),
      poolVolumes: listed({ [one.config.id]: [name], [two.config.id]: [] }),
    };
    const plan = planOf(planEvacuation(three.config.id, fleet));
    const to = Object.fromEntries(
      plan.steps.filter((s) => s.kind === 'migrate').map((s) => [s.vmName, s.targetHostId]),
    );
    expect(to).toEqual({ alpha: two.config.id, beta: one.config.id });
    expect(plan.warnings).toContain(
      `hv1 was passed over for alpha: hv1's pool default already has a volume named ${name}: copying alpha's disk vda there would write over it`,
    );
  });

  it('leaves the VM where it is, with the reason in words, when every other host has it or cannot be read', () => {
    const fleet = {
      ...fleetOf([one, two, three], [guest]),
      poolVolumes: listed({ [one.config.id]: [name, 'other.qcow2'], [two.config.id]: undefined }),
    };
    const refused = refusalOf(planEvacuation(three.config.id, fleet));
    expect(refused.message).toBe(
      "Couldn't plan emptying hv3: 1 of its 1 VM fits on no other host; nothing was moved, and hv3 stays in maintenance and takes no new VMs",
    );
    expect(refused.unplaced[0]?.vmName).toBe('alpha');
    expect(refused.unplaced[0]?.reasons).toEqual(
      expect.arrayContaining([
        `hv1's pool default already has a volume named ${name}: copying alpha's disk vda there would write over it`,
        `the volumes of hv2's pool default could not be read, so the console cannot tell whether copying alpha's disk vda there would write over a volume named ${name}`,
      ]),
    );
  });

  it('names the VM on the target whose disk that volume is', () => {
    const owner = withDisks(vm('owner', one, { memoryMiB: 64 }), [
      { target: 'vda', kind: 'file', path: `/pools/default/${name}` },
    ]);
    const fleet = {
      ...fleetOf([one, two, three], [guest, owner]),
      poolVolumes: listed({ [one.config.id]: [name], [two.config.id]: [name] }),
    };
    const refused = refusalOf(planEvacuation(three.config.id, fleet));
    expect(refused.unplaced[0]?.reasons).toContain(
      `hv1's pool default already has a volume named ${name} (a disk of owner, defined on hv1): copying alpha's disk vda there would write over it`,
    );
  });
});
