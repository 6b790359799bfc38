import type { Host, HostState } from '../domain/host';
import type { ApplicationId, HostId, ServiceId, VmId } from '../domain/ids';
import type { ServiceCatalog } from '../domain/application';
import type { Vm, VmState } from '../domain/vm';

/** A host as the search reads it: every text lower-cased once. */
export interface IndexedHost {
  id: HostId;
  name: string;
  /** Name, address and id, lower case, for plain words and `host=`. */
  names: readonly string[];
  state: HostState;
  /** Label key → value, both lower case. */
  labels: ReadonlyMap<string, string>;
  /** `key=value` of each label, lower case, for plain words. */
  labelTexts: readonly string[];
}

export interface IndexedVm {
  id: VmId;
  name: string;
  hostId: HostId;
  /** Index of its host in `hosts`, or -1 when the host is not in the fleet. */
  host: number;
  /** Its host's name as shown (its id when the host is not in the fleet). */
  hostName: string;
  /** Name and UUID, lower case. */
  names: readonly string[];
  state: VmState;
  /** Its service's and application's names (or ids when not in the catalogue), lower case. */
  service: string | undefined;
  app: string | undefined;
}

export interface IndexedService {
  id: ServiceId;
  name: string;
  lower: string;
}

export interface IndexedApp {
  id: ApplicationId;
  name: string;
  serviceId: ServiceId;
  lower: string;
  serviceName: string;
  /** Its service's name, lower case: `service=shop` finds its applications too. */
  service: string;
}

/**
 * Everything the search box looks through, built once per change of the fleet or the catalogue
 * (at 1,000 hosts / 10,000 VMs a few milliseconds), so that a keystroke only compares strings.
 */
export interface SearchIndex {
  hosts: readonly IndexedHost[];
  vms: readonly IndexedVm[];
  services: readonly IndexedService[];
  apps: readonly IndexedApp[];
  /** Every label key of the fleet, lower case, sorted: what `key=` may name besides the built-ins. */
  labelKeys: readonly string[];
}

export function buildSearchIndex(
  fleet: { hosts: readonly Host[]; vms: readonly Vm[] },
  catalog: ServiceCatalog | undefined,
): SearchIndex {
  const keys = new Set<string>();
  const hostAt = new Map<string, number>();
  const hosts = fleet.hosts.map((host, i): IndexedHost => {
    const { id, name, address, labels } = host.config;
    hostAt.set(id, i);
    const lowered = new Map<string, string>();
    const labelTexts: string[] = [];
    for (const [key, value] of Object.entries(labels)) {
      const k = key.toLowerCase();
      keys.add(k);
      lowered.set(k, value.toLowerCase());
      labelTexts.push(`${k}=${value.toLowerCase()}`);
    }
    return {
      id,
      name,
      names: [name.toLowerCase(), address.toLowerCase(), id.toLowerCase()],
      state: host.state,
      labels: lowered,
      labelTexts,
    };
  });
  const serviceName = new Map<string, string>();
  const appName = new Map<string, string>();
  const services: IndexedService[] = [];
  const apps: IndexedApp[] = [];
  for (const { service, applications } of catalog?.services ?? []) {
    serviceName.set(service.id, service.name);
    services.push({ id: service.id, name: service.name, lower: service.name.toLowerCase() });
    for (const app of applications) {
      appName.set(app.id, app.name);
      apps.push({
        id: app.id,
        name: app.name,
        serviceId: service.id,
        lower: app.name.toLowerCase(),
        serviceName: service.name,
        service: service.name.toLowerCase(),
      });
    }
  }
  const vms = fleet.vms.map((vm): IndexedVm => ({
    id: vm.id,
    name: vm.name,
    hostId: vm.hostId,
    host: hostAt.get(vm.hostId) ?? -1,
    hostName: fleet.hosts[hostAt.get(vm.hostId) ?? -1]?.config.name ?? vm.hostId,
    names: [vm.name.toLowerCase(), vm.id.toLowerCase()],
    state: vm.state,
    service: vm.service && (serviceName.get(vm.service) ?? vm.service).toLowerCase(),
    app: vm.application && (appName.get(vm.application) ?? vm.application).toLowerCase(),
  }));
  return { hosts, vms, services, apps, labelKeys: [...keys].sort() };
}
