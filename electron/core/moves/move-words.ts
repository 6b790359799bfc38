import type { Headroom, RefusalCode } from '../../../shared/placement';
import { memory } from '../../../shared/services/placement-words';
import type { Namer } from '../../../shared/fleet-placement/namer';
import type { MoveFleet } from './move-fleet';

interface Ends {
  from: string;
  to: string;
}

/**
 * One refusal of the engine in words, naming the target: "to hv3: host is in maintenance". A
 * refused path carries the probe's own words ("hv1 does not know hv2's host key").
 */
export function refusalReason(
  refusal: { code: RefusalCode; message: string },
  ends: Ends,
  fleet: MoveFleet,
  names: Namer,
): string {
  const to = names.host(ends.to);
  if (refusal.code === 'no-path') {
    const link = brokenLink(fleet, ends);
    return link?.message === undefined
      ? `no migration path from ${names.host(ends.from)} to ${to}${crossDriver(fleet, ends) ? ' (demo and real hosts never exchange VMs)' : ''}`
      : `no migration path from ${names.host(ends.from)} to ${to}: ${link.message}`;
  }
  return `to ${to}: ${names.words(refusal.message)}`;
}

/** What the admin can do about a refusal, when there is something. */
export function refusalFix(
  code: RefusalCode,
  ends: Ends,
  fleet: MoveFleet,
  names: Namer,
): string | undefined {
  const to = names.host(ends.to);
  switch (code) {
    case 'no-path':
      return brokenLink(fleet, ends)?.fix;
    case 'maintenance':
    case 'evacuating':
      return `Take ${to} out of maintenance, or pick another host.`;
    case 'down':
      return `Reconnect ${to}, or pick another host.`;
    case 'memory':
    case 'cpu':
    case 'disk':
      return `Move a VM off ${to} first, or pick a host with more room.`;
    case 'spread-host':
    case 'spread-zone':
      return `Pick a host (or zone) without another VM of the same application, or make its spread rule soft.`;
    case 'label':
      return `Add the missing label to ${to}, or pick a host that has it.`;
    case 'colocate':
    case 'partner-leaves':
      return 'Move the VMs that must stay together in one go (select them all).';
    default:
      return undefined;
  }
}

/** "hv2 after: 21.3 GiB memory, 1.5 vCPUs free". */
export function headroomWords(hostName: string, room: Headroom): string {
  const cpu = Number.isInteger(room.cpu) ? String(room.cpu) : room.cpu.toFixed(1);
  return `${hostName} after: ${memory(room.memoryMiB)} memory, ${cpu} vCPU${room.cpu === 1 ? '' : 's'} free`;
}

function brokenLink(fleet: MoveFleet, ends: Ends) {
  return fleet.links.find((l) => l.from === ends.from && l.to === ends.to && l.state === 'broken');
}

function crossDriver(fleet: MoveFleet, ends: Ends): boolean {
  const driver = (id: string) => fleet.hosts.find((h) => h.config.id === id)?.config.driver;
  return driver(ends.from) !== driver(ends.to);
}
