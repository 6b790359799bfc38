import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceBundle } from '../../../shared/domain/application';
import type { Host, Vm } from '../../../shared/domain';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import { buildPlacementInput, type Overcommit } from '../../../shared/placement-input/build-input';
import { createNamer, type Namer } from '../../../shared/words/namer';
import { createWhatIfSession, type WhatIfSession } from '../../../shared/placement';

/**
 * Everything a drag or "Move to…" asks the engine: a what-if session over the fleet as the window
 * knows it (built exactly as the core builds it, so a green host is not refused at the drop), and
 * names for the engine's words.
 */
export interface MoveContext {
  session: WhatIfSession;
  hosts: readonly Host[];
  hostById: ReadonlyMap<string, Host>;
  vmById: ReadonlyMap<string, Vm>;
  paths: readonly MigrationPath[];
  names: Namer;
}

export function buildMoveContext(
  fleet: FleetSnapshot,
  services: readonly ServiceBundle[],
  paths: readonly MigrationPath[],
  overcommit: Overcommit,
): MoveContext {
  const input = buildPlacementInput({
    hosts: fleet.hosts,
    vms: fleet.vms,
    services,
    paths: paths,
    overcommit,
  });
  return {
    session: createWhatIfSession(input),
    hosts: fleet.hosts,
    hostById: new Map(fleet.hosts.map((h) => [h.config.id as string, h])),
    vmById: new Map(fleet.vms.map((vm) => [vm.id as string, vm])),
    paths: paths,
    names: createNamer({ hosts: fleet.hosts, vms: fleet.vms, services }),
  };
}
