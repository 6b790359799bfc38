import type { ApplicationId, HostId, ServiceId, VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import type { DomainXmlFacts } from './parse-domain-xml';
import type { ListedDomain } from './parse-domain-list';
import type { DomainStats } from './parse-domstats';

/**
 * Join the three bulk answers into VMs. A domain listed but absent from domstats appeared or went
 * between the two commands: it is left out of this round (its event brings a new listing) rather
 * than shown with made-up figures.
 */
export function assembleVms(
  hostId: HostId,
  listed: readonly ListedDomain[],
  transient: ReadonlySet<string>,
  stats: ReadonlyMap<string, DomainStats>,
  xml: ReadonlyMap<string, DomainXmlFacts>,
): Vm[] {
  const vms: Vm[] = [];
  for (const { uuid, name } of listed) {
    const live = stats.get(name);
    if (live === undefined) continue;
    const defined = xml.get(uuid);
    const vcpus = live.vcpus ?? defined?.vcpus;
    const memoryKiB = live.memoryKiB ?? defined?.memoryKiB;
    if (vcpus === undefined || memoryKiB === undefined) {
      throw new AppError(
        'parse-error',
        `No vCPU or memory figure for VM '${name}' in virsh domstats or dumpxml`,
        {
          hostId,
        },
      );
    }
    vms.push({
      id: uuid as VmId,
      hostId,
      name,
      state: live.state,
      ...(live.stateReason === undefined ? {} : { stateReason: live.stateReason }),
      vcpus,
      memoryMiB: memoryKiB / 1024,
      persistent: !transient.has(uuid),
      ...(defined?.application === undefined
        ? {}
        : { application: defined.application as ApplicationId }),
      ...(defined?.service === undefined ? {} : { service: defined.service as ServiceId }),
      ...(defined?.disks === undefined
        ? {}
        : {
            disks: defined.disks.map((disk) => {
              const capacityBytes = live.diskCapacity?.get(disk.target);
              return capacityBytes === undefined ? disk : { ...disk, capacityBytes };
            }),
          }),
    });
  }
  return vms;
}
