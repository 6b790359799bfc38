import { describe, expect, it } from 'vitest';
import type { Vm } from '../../../shared/domain/vm';
import { pool, withPools, GiB } from '../../../shared/testing/disk-fixtures';
import { API, DB, host, shop, vm } from '../../../shared/testing/service-fixtures';
import { fleetOf } from '../../testing/move-fixtures';
import { planRecovery } from './plan-recovery';

// A failed host's VM whose disk only that host held cannot be restarted elsewhere: defined on a
// survivor it would have no disk. The recovery leaves it out and says why; a disk in a shared
// pool does not block.

const failed = withPools(host('hv3', { state: 'unreachable' }), [
  pool('default', GiB),
  pool('nfs', GiB, { type: 'netfs', path: '/mnt/nfs' }),
]);
const survivor = host('hv1');

const xmlWith = (disk: string): string =>
  `<domain type="kvm"><name>x</name><devices>${disk}</devices></domain>`;
const volumeDisk = (poolName: string): string =>
  `<disk type="volume" device="disk"><driver name="qemu" type="qcow2"/><source pool="${poolName}" volume="a b.qcow2"/><target dev="vda" bus="virtio"/></disk>`;
const fileDisk = (path: string): string =>
  `<disk type="file" device="disk"><driver name="qemu" type="qcow2"/><source file="${path}"/><target dev="vdb" bus="virtio"/></disk>`;

function recover(vms: Vm[], xmlOf: Record<string, string>) {
  const view = fleetOf([survivor, failed], vms, { services: [shop()] });
  return planRecovery(failed.config.id, view, (v) => xmlOf[v.name]);
}

describe('planRecovery and local disks', () => {
  it('leaves out a VM with a volume of a local pool, naming the disk and the pool', () => {
    const db = vm('db-1', failed, { app: DB });
    const planning = recover([db], { 'db-1': xmlWith(volumeDisk('default')) });
    expect(planning.plan).toBeUndefined();
    expect(planning.leftOut).toEqual([
      { code: 'local-disk', vm: db.id, vmName: 'db-1', disk: 'vda', where: 'default' },
    ]);
  });

  it('leaves out a VM with a file disk outside every shared pool, naming its path', () => {
    const db = vm('db-1', failed, { app: DB });
    const path = "/var/lib/my disks/$(rm -rf)'.qcow2";
    const planning = recover([db], { 'db-1': xmlWith(fileDisk(path)) });
    expect(planning.leftOut).toEqual([
      { code: 'local-disk', vm: db.id, vmName: 'db-1', disk: 'vdb', where: path },
    ]);
  });

  it('restarts a VM whose disks are in a shared pool (by volume or by file), and a disk-less one', () => {
    const db = vm('db-1', failed, { app: DB });
    const api = vm('api-1', failed, { app: API });
    const planning = recover([db, api], {
      'db-1': xmlWith(volumeDisk('nfs') + fileDisk('/mnt/nfs/db.qcow2')),
      'api-1': xmlWith(''),
    });
    expect(planning.leftOut).toEqual([]);
    expect(
      planning.plan?.steps
        .filter((s) => s.kind === 'start')
        .map((s) => s.vmName)
        .sort(),
    ).toEqual(['api-1', 'db-1']);
  });

  it("counts every disk as local when the failed host's pools were never read", () => {
    const unknown = { ...failed, facts: host('hv3').facts };
    const db = vm('db-1', unknown, { app: DB });
    const view = fleetOf([survivor, unknown], [db], { services: [shop()] });
    const planning = planRecovery(unknown.config.id, view, () => xmlWith(volumeDisk('nfs')));
    expect(planning.leftOut.map((l) => l.code)).toEqual(['local-disk']);
  });
});
