import { describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { newPlan, step } from './plan-builder';
import { reversePlan } from './reverse-plan';

const hv1 = 'h1' as HostId;
const hv2 = 'h2' as HostId;
const names: Record<string, string> = { h1: 'hv1', h2: 'hv2' };
const name = (id: HostId): string => names[id] ?? id;

/** A move plan whose migrate step ran: `disks` copied with it, when given. */
function movedPlan(disks?: { target: string; pool: string; bytes?: number }[]): Plan {
  const migrate = step('migrate', {
    label: 'Move db-1 to hv2',
    hostId: hv1,
    targetHostId: hv2,
    vmId: 'vm-db-1' as VmId,
    vmName: 'db-1',
    live: true,
    ...(disks === undefined ? {} : { disks }),
  });
  return newPlan({ kind: 'move', title: 'Move db-1', steps: [{ ...migrate, status: 'done' }] });
}

describe('reversePlan', () => {
  it('moves a VM back with the local disks it was moved with, and says the copies stay', () => {
    const disks = [{ target: 'vda', pool: 'default', bytes: 16 * 2 ** 30 }];
    const back = reversePlan(movedPlan(disks), name);
    expect(back.steps).toHaveLength(1);
    expect(back.steps[0]).toMatchObject({
      kind: 'migrate',
      hostId: hv2,
      targetHostId: hv1,
      disks,
    });
    expect(back.warnings).toEqual([
      'db-1 goes back with its disks (vda); the copies made on hv2 stay there: delete them once you no longer need them',
    ]);
  });

  it('moves a VM on shared storage back without disks and without a warning', () => {
    const back = reversePlan(movedPlan(), name);
    expect(back.steps[0]).toMatchObject({ kind: 'migrate', hostId: hv2, targetHostId: hv1 });
    expect(back.steps[0]?.disks).toBeUndefined();
    expect(back.warnings).toBeUndefined();
  });
});
