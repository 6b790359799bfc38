import type { ServiceBundle } from '../../../shared/domain/application';
import type { Host } from '../../../shared/domain/host';
import type { MigrationLink } from '../../../shared/domain/migration-link';
import type { Vm } from '../../../shared/domain/vm';
import {
  buildPlacementInput,
  FLEET_CPU_OVERCOMMIT,
  UNMANAGED_PREFIX,
} from '../../../shared/fleet-placement/build-input';
import type { PlacementInput } from '../../../shared/placement';
import type { CoreContext } from '../handlers/core-context';

/** What the move planners read: the fleet as last reported, the services, the migration paths. */
export interface MoveFleet {
  hosts: readonly Host[];
  vms: readonly Vm[];
  services: readonly ServiceBundle[];
  links: readonly MigrationLink[];
}

/** The fleet now, as the planners read it (moves and service deploys alike). */
export function fleetNow(ctx: CoreContext): MoveFleet {
  const entries = ctx.fleet.all();
  return {
    hosts: entries.map((e) => e.host),
    vms: entries.flatMap((e) => e.vms),
    services: ctx.inventory.listServices(),
    links: ctx.links.list(),
  };
}

/**
 * The engine's input, built exactly as the window builds it for the drag what-if (same overcommit),
 * so a move the window coloured green is not refused here for another reason.
 */
export function moveInput(fleet: MoveFleet): PlacementInput {
  return buildPlacementInput({ ...fleet, cpuOvercommit: FLEET_CPU_OVERCOMMIT });
}

/** Names for messages: hosts, VMs, applications and services by id; the id when unknown. */
export interface Namer {
  host(id: string): string;
  vm(id: string): string;
  /** An application's name; a VM no service owns stands for itself (`vm:<id>` → its name). */
  application(id: string): string;
  /** The engine's words name hosts and VMs by id: the same words with names. */
  words(text: string): string;
}

export function namer(fleet: MoveFleet): Namer {
  const hosts = new Map(fleet.hosts.map((h) => [h.config.id as string, h.config.name]));
  const vms = new Map(fleet.vms.map((vm) => [vm.id as string, vm.name]));
  const apps = new Map(
    fleet.services.flatMap((b) => b.applications.map((a) => [a.id as string, a.name] as const)),
  );
  const pairs: [string, string][] = [
    ...hosts,
    ...vms,
    ...fleet.services.flatMap(({ service, applications }): [string, string][] => [
      [service.id, service.name],
      ...applications.map((a): [string, string] => [a.id, a.name]),
    ]),
  ].filter(([id, name]) => id.length > 0 && id !== name);
  // Longest ids first, so an id that contains another is replaced whole.
  pairs.sort((a, b) => b[0].length - a[0].length);
  return {
    host: (id) => hosts.get(id) ?? id,
    vm: (id) => vms.get(id) ?? id,
    application: (id) =>
      id.startsWith(UNMANAGED_PREFIX)
        ? (vms.get(id.slice(UNMANAGED_PREFIX.length)) ?? id)
        : (apps.get(id) ?? id),
    words: (text) => pairs.reduce((out, [id, name]) => out.split(id).join(name), text),
  };
}
