import type { Host } from '../domain/host';
import type { MigrationLink } from '../domain/migration-link';
import type { RefusalCode } from '../placement';
import type { Namer } from './namer';

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
  links: readonly MigrationLink[];
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
  const path = withTarget
    ? `no migration path from ${names.host(ends.from)} to ${names.host(ends.to)}`
    : `no migration path from ${names.host(ends.from)}`;
  const link = brokenLink(scene, ends);
  if (link?.message !== undefined) return `${path}: ${link.message}`;
  return crossDriver(scene, ends) ? `${path} (demo and real hosts never exchange VMs)` : path;
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
      return brokenLink(scene, ends)?.fix;
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

function brokenLink(scene: RefusalScene, ends: MoveEnds): MigrationLink | undefined {
  return scene.links.find((l) => l.from === ends.from && l.to === ends.to && l.state === 'broken');
}

function crossDriver(scene: RefusalScene, ends: MoveEnds): boolean {
  const driver = (id: string) => scene.hostById.get(id)?.config.driver;
  return driver(ends.from) !== driver(ends.to);
}
