import type { VmId } from '../../../shared/domain/ids';
import type { PlanStep } from '../../../shared/domain/plan';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import { copyName, namesVolume } from '../../../shared/placement-input/disk-copies';
import {
  ownCopyInUseWords,
  staleCopyKeptWords,
  volumeAppearedWords,
  volumesUnreadWords,
} from '../../../shared/words/disk-copy-words';
import type { HostOperations } from '../hosts/host-link';
import { hostName } from './plan-hosts';
import type { StepEnv } from './step-env';

/**
 * Checks a step makes on the host itself right before it acts, since the plan's view can be
 * minutes old: libvirt writes over a volume of a copied disk's name already in the target pool,
 * and a volume removed from the source may have become another domain's disk since.
 */

/**
 * Before `virsh migrate --copy-storage-all`: each copied disk's name is looked for in its target
 * pool (`vol-list`, bounded) and the move refused if it is there now or the pool cannot be read.
 * `vm` is the VM as its source lists it now (the disks' names are its definition's).
 */
export async function refuseWritingOver(
  step: PlanStep,
  vm: Vm,
  target: HostOperations,
  env: StepEnv,
): Promise<void> {
  const copies = step.disks ?? [];
  if (copies.length === 0 || step.targetHostId === undefined) return;
  const host = step.targetHostId;
  const hostNamed = hostName(env.hosts, host);
  const byPool = new Map<string, Set<string>>();
  for (const copy of copies) {
    const disk = (vm.disks ?? []).find((d) => d.target === copy.target);
    if (disk === undefined) {
      throw new AppError(
        'conflict',
        `its disk ${copy.target} is no longer in its definition on ${hostName(env.hosts, step.hostId)}: check the move again`,
        { hostId: step.hostId },
      );
    }
    const names = byPool.get(copy.pool) ?? new Set<string>();
    if (!byPool.has(copy.pool)) {
      const unread = (detail: string, retryable: boolean): AppError =>
        new AppError(
          'conflict',
          volumesUnreadWords({ vmName: step.vmName, hostName: hostNamed, pool: copy.pool, detail }),
          { hostId: host, ...(retryable ? { retryable } : {}) },
        );
      const volumes = target.volumes;
      if (volumes === undefined) throw unread('it offers no storage volumes', false);
      try {
        for (const v of await volumes.list(copy.pool)) names.add(v.name);
      } catch (error) {
        throw unread(AppError.from(error).message, true);
      }
      byPool.set(copy.pool, names);
    }
    const volume = copyName(disk);
    if (names.has(volume) && step.ontoOwnCopy === true) {
      // A rollback's way back: the volume is the copy the reversed move left; nobody may use it.
      const user = await userNow(target, { pool: copy.pool, name: volume }, step.vmId);
      if (user === undefined) continue;
      throw new AppError(
        'conflict',
        ownCopyInUseWords({
          vmName: step.vmName,
          disk: copy.target,
          hostName: hostNamed,
          pool: copy.pool,
          volume,
          user,
        }),
        { hostId: host },
      );
    }
    if (names.has(volume)) {
      throw new AppError(
        'conflict',
        volumeAppearedWords({
          vmName: step.vmName,
          disk: copy.target,
          hostName: hostNamed,
          pool: copy.pool,
          volume,
        }),
        { hostId: host },
      );
    }
  }
}

/**
 * Before a volume is deleted: the domains its host lists NOW (active or not), any of which names it
 * as a volume or as the file in its pool's directory. Returns that domain's name (the volume is
 * then kept), undefined when none does (`except`: a VM whose own copy it is). A listing that cannot be read rejects: not knowing is not
 * "nobody uses it".
 */
export async function userNow(
  ops: HostOperations,
  volume: { pool: string; name: string },
  except?: VmId,
): Promise<string | undefined> {
  const vms = (await ops.refresh()).filter((vm) => vm.id !== except);
  const disks = vms.flatMap((vm) => (vm.disks ?? []).map((disk) => ({ vm, disk })));
  if (disks.length === 0) return undefined;
  // A file disk is compared by the pool's directory, read only when some domain has one.
  const path = disks.some((d) => d.disk.kind === 'file')
    ? (await ops.hostStorage()).pools.find((p) => p.name === volume.pool)?.path
    : undefined;
  const pool = { name: volume.pool, ...(path === undefined ? {} : { path }) };
  return disks.find((d) => d.disk.kind !== 'block' && namesVolume(d.disk, pool, volume.name))?.vm
    .name;
}

/** The note of a delete that kept its volume for `user`. */
export function keptFor(volume: { pool: string; name: string }, user: string): string {
  return staleCopyKeptWords({ volume: volume.name, pool: volume.pool, vmName: user });
}
