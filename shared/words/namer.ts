import type { ServiceBundle } from '../domain/application';
import type { Host } from '../domain/host';
import type { Vm } from '../domain/vm';
import { UNMANAGED_PREFIX } from '../placement-input/build-input';

/**
 * Names for words: hosts, VMs, applications and services by id; the id itself when unknown. It
 * only maps ids to names: reasons carry their ids apart from any sentence, so nothing ever has to
 * find an id inside words. Plain functions, so `names.host` can be passed on alone.
 */
export interface Namer {
  host: (id: string) => string;
  vm: (id: string) => string;
  /** An application's name; a VM no service owns stands for itself (`vm:<id>` → its name). */
  application: (id: string) => string;
  service: (id: string) => string;
}

/** What the names are read from: the fleet as last reported and the services. */
export interface NameSource {
  hosts: readonly Pick<Host, 'config'>[];
  vms: readonly Pick<Vm, 'id' | 'name'>[];
  services: readonly ServiceBundle[];
}

/**
 * One namer for the core (plan reviews, refusals), the window (drag verdicts) and the command line,
 * so all name things alike. `vmNames` adds VMs the fleet does not list (a deploy's new VMs, a VM
 * removed since a plan ran). Built in one pass; every lookup after that is a map read.
 */
export function createNamer(
  fleet: NameSource,
  vmNames: ReadonlyMap<string, string> = new Map(),
): Namer {
  const hosts = new Map(fleet.hosts.map((h) => [h.config.id as string, h.config.name]));
  const vms = new Map([...vmNames, ...fleet.vms.map((vm) => [vm.id as string, vm.name] as const)]);
  const apps = new Map(
    fleet.services.flatMap((b) => b.applications.map((a) => [a.id as string, a.name] as const)),
  );
  const services = new Map(fleet.services.map((b) => [b.service.id as string, b.service.name]));
  return {
    host: (id) => hosts.get(id) ?? id,
    vm: (id) => vms.get(id) ?? id,
    application: (id) =>
      id.startsWith(UNMANAGED_PREFIX)
        ? (vms.get(id.slice(UNMANAGED_PREFIX.length)) ?? id)
        : (apps.get(id) ?? id),
    service: (id) => services.get(id) ?? id,
  };
}

/** A namer that names everything by its id: the command line, whose input has only ids. */
export const ID_NAMER: Namer = {
  host: (id) => id,
  vm: (id) => id,
  application: (id) => id,
  service: (id) => id,
};
