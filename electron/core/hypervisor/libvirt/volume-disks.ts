import type { VmDisk } from '../../../../shared/domain/vm-details';
import { AppError } from '../../../../shared/errors';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import { run, virsh, type DriverContext } from './driver-context';
import { parseVolumeXml } from './parse-storage';
import { libvirtReason } from './virsh-batch';

/** Past this many pool volumes in one VM, the rest are listed without their look-up. */
const MAX_LOOKUPS = 16;

/**
 * The disks that name a pool volume (<disk type='volume'>), completed from the volume itself
 * (`virsh vol-dumpxml --pool P V`, pool and volume passed as their own arguments, never through a
 * shell or virsh's parser): the file it is, and its sizes where domblkinfo gave none (libvirt 9
 * cannot size a shut-off domain's volume disk: "missing storage backend for 'volume' storage").
 * A look-up that fails is said on that disk; the others are unaffected.
 */
export async function withVolumes(ctx: DriverContext, disks: VmDisk[]): Promise<VmDisk[]> {
  let lookups = 0;
  return Promise.all(
    disks.map(async (disk) => {
      if (disk.pool === undefined || disk.volume === undefined) return disk;
      if (++lookups > MAX_LOOKUPS) return disk;
      return { ...disk, ...(await lookUp(ctx, disk, disk.pool, disk.volume)) };
    }),
  );
}

async function lookUp(
  ctx: DriverContext,
  disk: VmDisk,
  pool: string,
  volume: string,
): Promise<Partial<VmDisk>> {
  const what = `look up volume '${volume}' of pool '${pool}'`;
  try {
    const result = await run(
      ctx,
      virsh(ctx, 'vol-dumpxml', '--pool', pool, '--vol', volume),
      ctx.timeouts.queryMs,
      what,
      { maxOutputBytes: SMALL_OUTPUT_BYTES },
    );
    if (result.code !== 0) return { volumeError: libvirtReason(result.stderr).slice(0, 2000) };
    const facts = parseVolumeXml(result.stdout);
    return {
      ...(facts.path === undefined ? {} : { volumePath: facts.path }),
      // domblkinfo's figures, when it gave them, are the running guest's own view: kept.
      ...(disk.capacityBytes === undefined && facts.capacityBytes !== undefined
        ? { capacityBytes: facts.capacityBytes }
        : {}),
      ...(disk.allocationBytes === undefined && facts.allocationBytes !== undefined
        ? { allocationBytes: facts.allocationBytes }
        : {}),
      ...(disk.physicalBytes === undefined && facts.physicalBytes !== undefined
        ? { physicalBytes: facts.physicalBytes }
        : {}),
    };
  } catch (thrown) {
    return { volumeError: AppError.from(thrown).message.slice(0, 2000) };
  }
}
