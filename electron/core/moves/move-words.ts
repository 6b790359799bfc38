import type { Host } from '../../../shared/domain/host';
import type { Namer } from '../../../shared/fleet-placement/namer';
import {
  noPathWords,
  type MoveEnds,
  type RefusalScene,
} from '../../../shared/fleet-placement/refusal-words';
import type { Headroom, RefusalCode } from '../../../shared/placement';
import type { MoveFleet } from './move-fleet';
import { formatMemory, hostUnusable } from '../../../shared/words';

/** What the refusal words read of the fleet, built once per check. */
export function refusalScene(fleet: MoveFleet, names: Namer): RefusalScene {
  return {
    links: fleet.links,
    hostById: new Map<string, Host>(fleet.hosts.map((h) => [h.config.id, h])),
    names,
  };
}

/**
 * One refusal of the engine in words, naming the target: "to hv3: host is in maintenance". A
 * refused path carries the probe's own words ("hv1 does not know hv2's host key").
 */
export function refusalReason(
  refusal: { code: RefusalCode; message: string },
  ends: MoveEnds,
  scene: RefusalScene,
): string {
  if (refusal.code === 'no-path') return noPathWords(ends, scene, true);
  const target = scene.hostById.get(ends.to);
  // The engine says "down" for any host it cannot use; the admin needs to hear which trouble.
  if (refusal.code === 'down' && target) {
    return `to ${scene.names.host(ends.to)}: ${hostUnusable(scene.names.host(ends.to), target.state)}`;
  }
  return `to ${scene.names.host(ends.to)}: ${scene.names.words(refusal.message)}`;
}

/** "hv2 after: 21.3 GiB memory, 1.5 vCPUs free". */
export function headroomWords(hostName: string, room: Headroom): string {
  const cpu = Number.isInteger(room.cpu) ? String(room.cpu) : room.cpu.toFixed(1);
  return `${hostName} after: ${formatMemory(room.memoryMiB)} memory, ${cpu} vCPU${room.cpu === 1 ? '' : 's'} free`;
}
