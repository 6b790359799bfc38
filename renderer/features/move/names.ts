import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceBundle } from '../../../shared/domain/application';
import { UNMANAGED_PREFIX } from '../../../shared/fleet-placement/build-input';

/** Names for the engine's words, which name hosts, VMs and applications by id. */
export interface Names {
  host(id: string): string;
  vm(id: string): string;
  application(id: string): string;
  /** The same text with every known id replaced by its name. */
  words(text: string): string;
}

export function createNames(fleet: FleetSnapshot, services: readonly ServiceBundle[]): Names {
  const hosts = new Map(fleet.hosts.map((h) => [h.config.id as string, h.config.name]));
  const vms = new Map(fleet.vms.map((vm) => [vm.id as string, vm.name]));
  const apps = new Map(
    services.flatMap((b) => b.applications.map((a) => [a.id as string, a.name] as const)),
  );
  const byId = new Map<string, string>([...apps, ...vms, ...hosts]);
  // The engine's words name things by whole tokens ("anti-affinity with <vm id>"): look each token
  // up rather than replacing every known id in turn (10,000 VMs would make that 10,000 passes).
  const nameOf = (token: string): string => {
    const unmanaged = token.startsWith(UNMANAGED_PREFIX)
      ? token.slice(UNMANAGED_PREFIX.length)
      : '';
    return byId.get(token) ?? vms.get(unmanaged) ?? token;
  };
  return {
    host: (id) => hosts.get(id) ?? id,
    vm: (id) => vms.get(id) ?? id,
    application: (id) =>
      id.startsWith(UNMANAGED_PREFIX)
        ? (vms.get(id.slice(UNMANAGED_PREFIX.length)) ?? id)
        : (apps.get(id) ?? id),
    words: (text) => text.replace(/[^\s,()]+/g, nameOf),
  };
}
