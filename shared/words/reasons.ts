/**
 * Every reason in words, in one place: the engine's refusals ("memory short by 1.0 GiB",
 * "anti-affinity with web-1") and the planners' ("hv3 has not reported its size yet"). Ids become
 * names through the `Namer`; memory goes through `formatMemory`. The soft rules a move makes worse
 * ("web-1 joins web-2 (also web) on hv2 …") are reasons too, said as warnings. The switch is exhaustive: a new
 * reason code does not compile until it has words here.
 */
import type { Reason } from '../domain/reason';
import { formatMemory, hostUnusable, plural, VM_STATE_WORDS } from '.';
import type { Namer } from './namer';

/** A resource amount in words: integers stay integers, fractions get two decimals. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** "3 vCPUs", "1 vCPU", "0.50 vCPUs". */
export function vcpuWords(n: number): string {
  return `${fmt(n)} vCPU${n === 1 ? '' : 's'}`;
}

/**
 * One reason as a clause, its host unnamed where it is the engine's (the words stand next to the
 * host, or after "to hv2:").
 */
export function reasonWords(reason: Reason, names: Namer): string {
  switch (reason.code) {
    case 'down':
      return 'host is not available';
    case 'maintenance':
      return 'host is in maintenance';
    case 'evacuating':
      return 'host is being evacuated';
    case 'hypervisor':
      return `needs hypervisor ${reason.needs}, host has ${reason.has ?? 'none'}`;
    case 'label':
      return `host lacks ${reason.missing.map((l) => `label ${l}`).join(', ') || 'a required label'}`;
    case 'no-path':
      return `no migration path from ${names.host(reason.from)}`;
    case 'spread-host':
      return `anti-affinity with ${holder(reason, names)}`;
    case 'spread-zone':
      return `zone already runs ${holder(reason, names)} (zone spread)`;
    case 'colocate':
      return `no VM of ${names.application(reason.with)} to co-locate with`;
    case 'memory':
      return `memory short by ${formatMemory(reason.shortMiB)}`;
    case 'cpu':
      return `CPU short by ${vcpuWords(reason.shortVcpus)}`;
    case 'disk':
      return `storage pools short by ${bytesWords(reason.shortGiB * 1024 ** 3)}`;
    case 'partner-leaves':
      return `${names.vm(reason.vm)} must stay co-located with it`;
    case 'host-unusable':
      return hostUnusable(names.host(reason.host), reason.state);
    case 'source-unusable': {
      const from = names.host(reason.host);
      const why = reason.state ? hostUnusable(from, reason.state) : `${from} is removed`;
      return `${why}: a VM is only moved from a host the console reaches`;
    }
    case 'no-such-host':
      return `there is no host with id ${reason.host} (removed?)`;
    case 'no-facts':
      return `${names.host(reason.host)} has not reported its size yet`;
    case 'vm-state':
      return reason.state === 'shutting-down'
        ? `${names.vm(reason.vm)} is shutting down`
        : `${names.vm(reason.vm)} is ${VM_STATE_WORDS[reason.state].phrase}: only a running or a shut-off VM can be moved`;
    case 'vm-transient':
      return `${names.vm(reason.vm)} is not persistent: a shut-off transient VM has nothing to move`;
    case 'vm-gone':
      return `${names.vm(reason.vm)} is no longer in the fleet (removed since, or its host is gone)`;
    case 'move-twice':
      return `${names.vm(reason.vm)} is asked to move twice`;
    case 'disk-cold':
      return `${names.vm(reason.vm)} is shut off and its disk ${reason.disk} is on storage only its host has: libvirt copies disks only in a live migration, so moving it shut off would leave the disk behind`;
    case 'disk-not-copied':
      return diskNotCopied(reason, names);
    case 'volume-exists':
      return reason.unknown === true
        ? `the volumes of ${names.host(reason.host)}'s pool ${reason.pool} could not be read, so the console cannot tell whether copying ${names.vm(reason.vm)}'s disk ${reason.disk} there would write over a volume named ${reason.volume}`
        : `${names.host(reason.host)}'s pool ${reason.pool} already has a volume named ${reason.volume}${reason.usedBy === undefined ? '' : ` (a disk of ${names.vm(reason.usedBy)}, defined on ${names.host(reason.host)})`}: copying ${names.vm(reason.vm)}'s disk ${reason.disk} there would write over it`;
    case 'pool-space': {
      const disks = reason.disks.length === 1 ? 'disk needs' : `disks need`;
      return `no space in the target pool: ${names.host(reason.host)}'s pool ${reason.pool} has ${bytesWords(reason.freeBytes)} free, ${names.vm(reason.vm)}'s ${disks} ${bytesWords(reason.needBytes)}`;
    }
    case 'vm-elsewhere':
      return `${names.vm(reason.vm)} is now on ${names.host(reason.host)}, not on ${names.host(reason.expected)}`;
    case 'vm-moved':
      return `${names.vm(reason.vm)} has moved since: it is on ${names.host(reason.host)}, not on ${names.host(reason.expected)} where this plan left it`;
    case 'order-cycle':
      return `${names.host(reason.host)} can only take it once another VM of these moves has left, and that VM waits for this one`;
    case 'service-blocked':
      return `service ${names.service(reason.service)} is placed all or nothing and application ${names.application(reason.application)} cannot be placed`;
    case 'no-hosts':
      return 'no hosts in the fleet';
    case 'adopt-not-listed':
      return `${names.vm(reason.vm)} is not on ${names.host(reason.host)} (as last listed)`;
    case 'adopt-host-unusable':
      return `${names.vm(reason.vm)}: ${names.host(reason.host)} is not connected`;
    case 'adopt-too-large':
      return `${names.vm(reason.vm)} is larger than ${names.application(reason.application)}: ${tooLarge(reason, names)}`;
    case 'adopt-other-service':
      return `${names.vm(reason.vm)} already belongs to service ${names.service(reason.service)}`;
    case 'adopt-already':
      return `${names.vm(reason.vm)} is already a replica of ${names.application(reason.application)}`;
    case 'adopt-replicas':
      return `${names.application(reason.application)} has ${plural(reason.replicas, 'replica')} and ${reason.already} already: raise its replicas first`;
    case 'soft-spread': {
      const where =
        reason.across === 'host'
          ? `on ${names.host(reason.host)}`
          : `in ${names.host(reason.host)}'s zone`;
      return `${names.vm(reason.vm)} joins ${reason.joins.map((id) => names.vm(id)).join(', ')} (also ${names.application(reason.application)}) ${where}: its soft spread rule prefers them apart`;
    }
    case 'soft-colocate':
      return `${names.vm(reason.vm)} leaves ${names.application(reason.with)} behind: ${names.host(reason.host)} runs none (soft co-location)`;
  }
}

/** A size in bytes as pools and disks are said: "40 MiB", "1.5 GiB", "2.0 TiB". */
export function bytesWords(bytes: number): string {
  return formatMemory(bytes / 1024 ** 2);
}

function diskNotCopied(reason: Extract<Reason, { code: 'disk-not-copied' }>, names: Namer): string {
  const disk = `${names.vm(reason.vm)}'s disk ${reason.disk}`;
  const host = reason.host === undefined ? 'the host' : names.host(reason.host);
  const where = reason.kind === 'volume' ? `pool ${reason.where}` : `a pool at ${reason.where}`;
  switch (reason.why) {
    case 'block':
      return `${disk} is a block device (${reason.where}): libvirt copies files and pool volumes, not devices`;
    case 'no-source-pool':
      return `${disk} is a file in ${reason.where}, which is in no storage pool of ${host}: it may be on storage the hosts share, and copying a disk onto itself would destroy it`;
    case 'no-target-pool':
      return `${disk} is in ${reason.kind === 'volume' ? `pool ${reason.where}` : reason.where}, and ${host} has no ${where} to copy it into`;
    case 'pool-inactive':
      return `${disk} would be copied into ${host}'s ${where}, which is not active`;
    case 'pools-unknown':
      return `${host}'s storage pools are not known yet, so ${disk} cannot be placed (they are read with the host's facts)`;
  }
}

// The VM that makes a spread rule bite, else its application.
function holder(reason: { application: string; vm?: string | undefined }, names: Namer): string {
  return reason.vm === undefined ? names.application(reason.application) : names.vm(reason.vm);
}

function tooLarge(reason: Extract<Reason, { code: 'adopt-too-large' }>, names: Namer): string {
  const app = names.application(reason.application);
  const parts: string[] = [];
  if (reason.vcpus !== undefined)
    parts.push(`${reason.vcpus} vCPUs, ${app} allows ${reason.allowedVcpus ?? '?'}`);
  if (reason.memoryMiB !== undefined) {
    const allowed =
      reason.allowedMemoryMiB === undefined ? '?' : formatMemory(reason.allowedMemoryMiB);
    parts.push(`${formatMemory(reason.memoryMiB)} of memory, ${app} allows ${allowed}`);
  }
  return parts.join('; ');
}
