import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/domain/plan';
import type { Vm } from '../../../shared/domain/vm';
import { fleetOf, host, move, planOf, refusalOf, vm } from '../../testing/move-fixtures';
import { planMoves } from './plan-moves';
import { planUndo } from './plan-undo';
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

/** A move plan as the runner leaves it once every step is done. */
function finished(plan: Plan): Plan {
  return { ...plan, status: 'done', steps: plan.steps.map((s) => ({ ...s, status: 'done' })) };
}

/** The fleet after the plan: each migrated VM on its target. */
function after(plan: Plan, vms: Vm[]): Vm[] {
  return vms.map((v) => {
    const s = plan.steps.find((x) => x.vmId === v.id);
    return s?.targetHostId ? { ...v, hostId: s.targetHostId } : v;
  });
}

describe('planUndo', () => {
  const web = vm('web', hv1);
  const old = vm('old', hv1, { state: 'shutoff' });
  const moved = finished(
    planOf(planMoves([move(web, hv2), move(old, hv3)], fleetOf([hv1, hv2, hv3], [web, old]))),
  );

  it('sends every migrated VM back to its source, live or cold as it is now', () => {
    const undo = planOf(planUndo(moved, fleetOf([hv1, hv2, hv3], after(moved, [web, old]))));
    expect(undo).toMatchObject({
      kind: 'undo',
      status: 'review',
      reverses: moved.id,
      title: 'Undo: Move 2 VMs to hv2, hv3',
    });
    expect(undo.steps.map((s) => [s.vmName, s.hostId, s.targetHostId, s.live])).toEqual([
      ['web', hv2.config.id, hv1.config.id, true],
      ['old', hv3.config.id, hv1.config.id, false],
    ]);
  });

  it('refuses a VM that moved elsewhere since, and one that is gone, naming where it is', () => {
    const now = after(moved, [web, old]).map((v) =>
      v.name === 'web' ? { ...v, hostId: hv3.config.id } : v,
    );
    const refused = refusalOf(planUndo(moved, fleetOf([hv1, hv2, hv3], now)));
    expect(refused.message).toBe(
      `Couldn't undo "Move 2 VMs to hv2, hv3": 1 of its 2 VMs cannot go back; nothing was moved`,
    );
    expect(refused.unplaced[0]?.reasons).toEqual([
      'web has moved since: it is on hv3, not on hv2 where this plan left it',
    ]);
    const gone = refusalOf(planUndo(moved, fleetOf([hv1, hv2, hv3], after(moved, [old]))));
    expect(gone.unplaced[0]?.reasons[0]).toMatch(/^web is no longer in the fleet/);
  });

  it('re-checks the way back against the fleet now: a source filled since refuses', () => {
    const filler = vm('filler', hv1, { memoryMiB: 2048 });
    const refused = refusalOf(
      planUndo(moved, fleetOf([hv1, hv2, hv3], [...after(moved, [web, old]), filler])),
    );
    expect(refused.unplaced.map((u) => u.reasons[0])).toEqual([
      'to hv1: memory short by 64 MiB',
      'to hv1: memory short by 128 MiB',
    ]);
  });

  it('undoes only a finished plan, and only the steps that ran', () => {
    expect(() =>
      planUndo({ ...moved, status: 'failed' }, fleetOf([hv1, hv2, hv3], [web, old])),
    ).toThrow(/only a finished plan is undone/);
    const half: Plan = {
      ...moved,
      steps: moved.steps.map((s) => (s.vmName === 'old' ? { ...s, status: 'skipped' } : s)),
    };
    const undo = planOf(planUndo(half, fleetOf([hv1, hv2, hv3], after(half, [web]).concat(old))));
    expect(undo.steps.map((s) => s.vmName)).toEqual(['web']);
  });
});

describe('planUndo: local disks going back', () => {
  const pools = [pool('default', 100 * GiB)];
  const [one, two] = [hv1, hv2].map((h) => withPools(h, pools));
  if (!one || !two) throw new Error('hosts');
  const name = `it's "a disk" $(x)`;
  const guest = withDisks(vm('alpha', one, { memoryMiB: 64 }), [
    { ...volume('vda', 'default', 8 * MiB), volume: name },
  ]);
  const moved = finished(
    planOf(
      planMoves(
        [move(guest, two)],
        fleetOf([one, two], [guest], { poolVolumes: new Map([[`${two.config.id}\ndefault`, []]]) }),
      ),
    ),
  );
  const back = after(moved, [guest]);

  it('copies the disk back when the source pool no longer has a volume of its name', () => {
    const fleet = fleetOf([one, two], back, {
      poolVolumes: new Map([[`${one.config.id}\ndefault`, ['other.qcow2']]]),
    });
    const undo = planOf(planUndo(moved, fleet));
    expect(undo.steps.map((s) => [s.kind, s.vmName, s.targetHostId ?? s.volume?.name])).toEqual([
      ['migrate', 'alpha', one.config.id],
      ['volume-delete', 'alpha', name],
    ]);
  });

  it('refuses it when a volume of that name is in the source pool now, or the pool cannot be read', () => {
    const taken = fleetOf([one, two], back, {
      poolVolumes: new Map([[`${one.config.id}\ndefault`, [name]]]),
    });
    const refused = refusalOf(planUndo(moved, taken));
    expect(refused.message).toBe(
      `Couldn't undo "${moved.title}": 1 of its 1 VM cannot go back; nothing was moved`,
    );
    expect(refused.unplaced[0]?.reasons).toEqual([
      `hv1's pool default already has a volume named ${name}: copying alpha's disk vda there would write over it`,
    ]);
    const unread = refusalOf(
      planUndo(moved, fleetOf([one, two], back, { poolVolumes: new Map() })),
    );
    expect(unread.unplaced[0]?.reasons[0]).toMatch(
      /^the volumes of hv1's pool default could not be read/,
    );
  });
});
