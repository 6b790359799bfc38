import type { Host, HostState } from '../domain/host';
import type { MigrationPath } from '../domain/migration-path';
import type { Reason, Refusal, RefusalCode } from '../domain/reason';
import type { Headroom } from '../placement/plan-types';
import { formatMemory, hostUnusable } from '.';
import type { Namer } from './namer';
import { reasonWords } from './reasons';

/** The two ends of a refused move, by host id. */
export interface MoveEnds {
  from: string;
  to: string;
}

/**
 * What the words of a refusal read besides the engine's answer: the migration paths as probed,
 * the hosts (for their driver) and names. The window's move context is one as it stands.
 */
export interface RefusalScene {
  paths: readonly MigrationPath[];
  hostById: ReadonlyMap<string, Host>;
  names: Namer;
}

/**
 * A missing migration path in words, with the probe's own words when it saw the path broken ("hv1
 * does not know hv2's host key"). `withTarget` names the target too, for words that are read away
 * from it (a plan's review); on the target's own card it goes without saying.
 */
export function noPathWords(ends: MoveEnds, scene: RefusalScene, withTarget: boolean): string {
  const { names } = scene;
  const words = withTarget
    ? `no migration path from ${names.host(ends.from)} to ${names.host(ends.to)}`
    : `no migration path from ${names.host(ends.from)}`;
  const broken = brokenPath(scene, ends);
  if (broken?.message !== undefined) return `${words}: ${broken.message}`;
  return crossDriver(scene, ends) ? `${words} (demo and real hosts never exchange VMs)` : words;
}

/**
 * What the admin can do about a refusal, when there is something to say. A plan's review also
 * offers to make a spread rule soft (`offerSoftSpread`); the drag's hint stays short.
 */
export function refusalFix(
  code: RefusalCode,
  ends: MoveEnds,
  scene: RefusalScene,
  offerSoftSpread = false,
): string | undefined {
  const to = scene.names.host(ends.to);
  switch (code) {
    case 'no-path':
      return brokenPath(scene, ends)?.fix;
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
      return offerSoftSpread
        ? 'Pick a host (or zone) without another VM of the same application, or make its spread rule soft.'
        : 'Pick a host (or zone) without another VM of the same application.';
    case 'label':
      return `Add the missing label to ${to}, or pick a host that has it.`;
    case 'colocate':
    case 'partner-leaves':
      return 'Move the VMs that must stay together in one go (select them all).';
    default:
      return undefined;
  }
}

/**
 * An engine refusal as the target host's card shows it while a VM is dragged: the target goes
 * unnamed ("host in maintenance", "memory short by 1.0 GiB").
 */
export function targetRefusalWords(refusal: Refusal, ends: MoveEnds, scene: RefusalScene): string {
  switch (refusal.code) {
    case 'maintenance':
      return 'host in maintenance';
    case 'down':
      return hostUnusable('host', scene.hostById.get(ends.to)?.state ?? 'disconnected');
    case 'no-path':
      return noPathWords(ends, scene, false);
    default:
      return reasonWords(refusal, scene.names);
  }
}

/**
 * An engine refusal read away from the target (a plan's review), naming it: "to hv3: host is in
 * maintenance". A refused path carries the probe's own words ("hv1 does not know hv2's host key").
 */
export function moveRefusalWords(refusal: Refusal, ends: MoveEnds, scene: RefusalScene): string {
  if (refusal.code === 'no-path') return noPathWords(ends, scene, true);
  const to = scene.names.host(ends.to);
  const target = scene.hostById.get(ends.to);
  // The engine says "down" for any host it cannot use; the admin needs to hear which trouble.
  if (refusal.code === 'down' && target) return `to ${to}: ${hostUnusable(to, target.state)}`;
  return `to ${to}: ${reasonWords(refusal, scene.names)}`;
}

/** What the admin can do about a planner's reason (a host unreached, a VM in the wrong state). */
export function reasonFix(reason: Reason, names: Namer): string | undefined {
  switch (reason.code) {
    case 'source-unusable':
      return `Reconnect ${names.host(reason.host)} first.`;
    case 'host-unusable':
      return `Reconnect ${names.host(reason.host)}, or pick another host.`;
    case 'no-facts':
      return 'Wait a few seconds for its facts, then try again.';
    case 'vm-state': {
      const vm = names.vm(reason.vm);
      return reason.state === 'shutting-down'
        ? 'Wait until it has stopped (it then moves cold), or start it again.'
        : `Start ${vm} or shut it off, then move it.`;
    }
    case 'order-cycle':
      return 'Move one of these VMs to a third host first, then the others.';
    case 'vm-elsewhere':
      return 'Look at where it is now, and move it again from there.';
    case 'vm-moved':
      return `Move ${names.vm(reason.vm)} yourself if it should go back to ${names.host(reason.origin)}.`;
    case 'disk-cold':
      return `Start ${names.vm(reason.vm)} and move it while it runs (its disks are copied then).`;
    case 'pool-space':
      return `Free space in ${names.host(reason.host)}'s pool ${reason.pool}, or pick a host with more room.`;
    case 'volume-exists':
      if (reason.unknown === true) return 'Try again once the host answers, or pick another host.';
      return reason.usedBy === undefined
        ? `Delete it or rename it on ${names.host(reason.host)} (virsh vol-delete, or vol-clone then vol-delete), or pick another host.`
        : `It is ${names.vm(reason.usedBy)}'s disk: rename it on ${names.host(reason.host)} (and in ${names.vm(reason.usedBy)}'s definition), or pick another host.`;
    case 'disk-not-copied':
      return diskFix(reason, names);
    default:
      return undefined;
  }
}

function diskFix(reason: Extract<Reason, { code: 'disk-not-copied' }>, names: Namer): string {
  const host = reason.host === undefined ? 'the host' : names.host(reason.host);
  switch (reason.why) {
    case 'block':
      return 'Move it by other means (the device has to exist on the target).';
    case 'no-source-pool':
      return `Define a storage pool for ${reason.where} on ${host} (virsh pool-define-as), then try again.`;
    case 'no-target-pool':
      return reason.kind === 'volume'
        ? `Define pool ${reason.where} on ${host}, or pick a host that has it.`
        : `Define a pool at ${reason.where} on ${host}, or pick a host that has one.`;
    case 'pool-inactive':
      return `Start the pool on ${host} (virsh pool-start), then try again.`;
    case 'pools-unknown':
      return 'Wait for the host to report its pools (up to a minute), then try again.';
  }
}

/**
 * A host's room after a move: "hv2 after the move: 1.2 GiB memory, 3 vCPUs free" (`after` says
 * when: "after the move" on a drag, "after" in a plan's review).
 */
export function headroomWords(hostName: string, room: Headroom, after = 'after'): string {
  const cpu = Number.isInteger(room.cpu) ? String(room.cpu) : room.cpu.toFixed(1);
  return `${hostName} ${after}: ${formatMemory(room.memoryMiB)} memory, ${cpu} vCPU${room.cpu === 1 ? '' : 's'} free`;
}

function brokenPath(scene: RefusalScene, ends: MoveEnds): MigrationPath | undefined {
  return scene.paths.find((l) => l.from === ends.from && l.to === ends.to && l.state === 'broken');
}

function crossDriver(scene: RefusalScene, ends: MoveEnds): boolean {
  const driver = (id: string) => scene.hostById.get(id)?.config.driver;
  return driver(ends.from) !== driver(ends.to);
}

/** On a target card: a host the engine cannot count, because it has no size yet or is not usable. */
export function uncountedTargetWords(state: HostState): string {
  return state === 'connected'
    ? 'nothing is known of its size yet (no facts reported)'
    : hostUnusable('host', state);
}

/** On a target card: the move keeps every hard rule but scores a whole soft rule worse. */
export const SOFT_SCORE_WORDS =
  'the engine scores this host worse than where the VMs are (a soft rule)';
