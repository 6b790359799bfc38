import type { ServiceBundle } from '../domain/application';
import type { Host } from '../domain/host';
import type { Vm } from '../domain/vm';
import { UNMANAGED_PREFIX } from './build-input';

/** Names for messages: hosts, VMs, applications and services by id; the id itself when unknown. */
export interface Namer {
  host(id: string): string;
  vm(id: string): string;
  /** An application's name; a VM no service owns stands for itself (`vm:<id>` → its name). */
  application(id: string): string;
  /** The engine's words name hosts, VMs, applications and services by id: the same words with names. */
  words(text: string): string;
}

/** What the names are read from: the fleet as last reported and the services. */
export interface NamedFleet {
  hosts: readonly Host[];
  vms: readonly Vm[];
  services: readonly ServiceBundle[];
}

/**
 * One namer for the core (plan reviews, refusals) and the window (drag verdicts), so both name
 * things alike. Built in one pass; every lookup after that is a map read.
 */
export function createNamer(fleet: NamedFleet): Namer {
  const hosts = new Map(fleet.hosts.map((h) => [h.config.id as string, h.config.name]));
  const vms = new Map(fleet.vms.map((vm) => [vm.id as string, vm.name]));
  const apps = new Map(
    fleet.services.flatMap((b) => b.applications.map((a) => [a.id as string, a.name] as const)),
  );
  const services = fleet.services.map((b) => [b.service.id as string, b.service.name] as const);
  // On an id shared by two kinds, a host wins over a VM, a VM over an application or service.
  const byId = new Map<string, string>([...services, ...apps, ...vms, ...hosts]);
  const application = (id: string): string =>
    id.startsWith(UNMANAGED_PREFIX)
      ? (vms.get(id.slice(UNMANAGED_PREFIX.length)) ?? id)
      : (apps.get(id) ?? id);
  // The engine's words name things by whole tokens ("anti-affinity with <vm id>", "a path from
  // <host id>: 3 hosts would fit"): look each token up rather than replacing every known id in
  // turn (10,000 VMs would make that 10,000 passes over the text).
  const nameOf = (token: string): string => {
    const known = byId.get(token);
    if (known !== undefined) return known;
    if (token.endsWith(':')) return `${nameOf(token.slice(0, -1))}:`;
    return token.startsWith(UNMANAGED_PREFIX) ? application(token) : token;
  };
  return {
    host: (id) => hosts.get(id) ?? id,
    vm: (id) => vms.get(id) ?? id,
    application,
    words: (text) => text.replace(/[^\s,()]+/g, nameOf),
  };
}
