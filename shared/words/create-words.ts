/**
 * New VMs and clones in words: the plan's title and review lines (what will be made where), and
 * the refusals (a name taken, no room in the pool, nothing to copy) as sentences with the fix.
 */
import type { NewVmDisk, NewVmNetwork } from '../domain/create-vm';
import { formatMemory, plural } from '.';

const MiB = 1024 * 1024;

/** A disk or pool size: "16 MiB", "20.0 GiB", "1.1 TiB". */
export function formatSize(bytes: number): string {
  return formatMemory(bytes / MiB);
}

/** Why a new VM or a clone cannot be planned, as data. */
export type CreateRefusal =
  | { code: 'name-taken'; name: string; host: string }
  | { code: 'no-pool'; pool: string; host: string }
  | { code: 'pool-inactive'; pool: string; host: string }
  | { code: 'no-space'; pool: string; host: string; neededBytes: number; availableBytes: number }
  | { code: 'volume-taken'; pool: string; volume: string; host: string }
  | { code: 'volume-missing'; pool: string; volume: string; host: string }
  | { code: 'no-network'; network: string; host: string }
  | { code: 'network-inactive'; network: string; host: string }
  | { code: 'no-host'; pool?: string; neededBytes?: number; asked: number }
  | { code: 'not-shut-off'; vm: string; state: string }
  | { code: 'host-not-connected'; host: string };

export function createRefusalWords(refusal: CreateRefusal): string {
  switch (refusal.code) {
    case 'name-taken':
      return `${refusal.host} already has a VM named “${refusal.name}”: choose another name`;
    case 'no-pool':
      return `${refusal.host} has no storage pool named “${refusal.pool}”`;
    case 'pool-inactive':
      return `storage pool “${refusal.pool}” on ${refusal.host} is not active: start it (virsh pool-start) or choose another pool`;
    case 'no-space':
      return (
        `storage pool “${refusal.pool}” on ${refusal.host} has ${formatSize(refusal.availableBytes)} free, ` +
        `and the disk needs ${formatSize(refusal.neededBytes)}: choose a smaller disk, another pool or another host`
      );
    case 'volume-taken':
      return `storage pool “${refusal.pool}” on ${refusal.host} already has a volume named “${refusal.volume}”: choose another VM name, or use that volume as an existing disk`;
    case 'volume-missing':
      return `storage pool “${refusal.pool}” on ${refusal.host} has no volume named “${refusal.volume}”`;
    case 'no-network':
      return `${refusal.host} has no network named “${refusal.network}”`;
    case 'network-inactive':
      return `network “${refusal.network}” on ${refusal.host} is not active, so the VM could not start: start it (virsh net-start) or choose another network`;
    case 'no-host': {
      const room =
        refusal.pool === undefined
          ? ''
          : ` with storage pool “${refusal.pool}” active and ${formatSize(refusal.neededBytes ?? 0)} free in it`;
      return `no connected host${room} can take it (${plural(refusal.asked, 'host')} asked)`;
    }
    case 'not-shut-off':
      return `${refusal.vm} is ${refusal.state}: only a shut-off VM is cloned (its disks must not change while they are copied). Shut it down first`;
    case 'host-not-connected':
      return `${refusal.host} is not connected`;
  }
}

/** "Create VM web-3", "Clone db-1 as db-2": the plan's title. */
export function createTitle(name: string): string {
  return `Create VM ${name}`;
}

export function cloneTitle(source: string, name: string): string {
  return `Clone ${source} as ${name}`;
}

/** What the wizard's review says will be made, and where. */
export function createReviewWords(spec: {
  name: string;
  host: string;
  vcpus: number;
  memoryMiB: number;
  disk: NewVmDisk;
  network: NewVmNetwork;
  iso?: { pool: string; volume: string };
  volume?: string;
  template: boolean;
  start: boolean;
}): string[] {
  const lines = [
    `${spec.name} will be created on ${spec.host}: ${plural(spec.vcpus, 'vCPU')}, ${formatMemory(spec.memoryMiB)} memory.`,
  ];
  switch (spec.disk.kind) {
    case 'new':
      lines.push(
        `A new ${formatSize(spec.disk.sizeMiB * MiB)} qcow2 volume “${spec.volume ?? ''}” is made in storage pool “${spec.disk.pool}” on ${spec.host}.`,
      );
      break;
    case 'existing':
      lines.push(
        `Its disk is the existing volume “${spec.disk.volume}” of pool “${spec.disk.pool}”.`,
      );
      break;
    case 'none':
      lines.push('It has no disk.');
  }
  if (spec.iso !== undefined) {
    lines.push(`It boots from “${spec.iso.volume}” (pool “${spec.iso.pool}”), then from its disk.`);
  }
  lines.push(networkLine(spec.network));
  if (spec.template)
    lines.push('It is made from the template XML given, with these settings on it.');
  lines.push(
    spec.start
      ? 'It is defined, then started. If a step fails, what the plan made is removed again.'
      : 'It is defined, not started. If a step fails, what the plan made is removed again.',
  );
  return lines;
}

function networkLine(network: NewVmNetwork): string {
  switch (network.kind) {
    case 'network':
      return `Its network card is on network “${network.name}”.`;
    case 'user':
      return 'Its network card uses user-mode networking (outbound only, no host set-up).';
    case 'none':
      return 'It has no network card.';
  }
}

/** What the clone's review says: each disk copied, the new MACs, the UUID. */
export function cloneReviewWords(spec: {
  source: string;
  name: string;
  host: string;
  copies: { from: string; to: string; pool: string }[];
  nics: number;
}): string[] {
  return [
    `${spec.name} will be defined on ${spec.host} as a copy of ${spec.source}, with a new UUID${spec.nics > 0 ? ` and ${plural(spec.nics, 'new MAC address', 'new MAC addresses')}` : ''}.`,
    ...(spec.copies.length === 0
      ? [`${spec.source} has no disk to copy.`]
      : spec.copies.map(
          (c) =>
            `Volume “${c.from}” is copied to “${c.to}” in pool “${c.pool}” (the whole disk: this takes as long as its size).`,
        )),
    `${spec.source} is left as it is. The clone is not started. If a step fails, what the plan made is removed again.`,
  ];
}

/** The note a failed create or clone gets once its undo was launched. */
export function undoneWords(title: string): string {
  return `What it made is being removed by “${title}”.`;
}
