import type { Application, ServiceBundle } from '../domain/application';
import type { Host } from '../domain/host';
import type { ApplicationId, HostId, ServiceId, VmId } from '../domain/ids';
import type { Vm } from '../domain/vm';

// Test data for the service code: a shop of web ×2 (hard spread over hosts), api and db (web and
// api depend on db), and hosts of a given size.

export const SHOP = 'svc-shop' as ServiceId;
export const WEB = 'app-web' as ApplicationId;
export const API = 'app-api' as ApplicationId;
export const DB = 'app-db' as ApplicationId;

export function app(
  id: ApplicationId,
  name: string,
  extra: Partial<Application> = {},
): Application {
  return {
    id,
    name,
    service: SHOP,
    vcpus: 1,
    memoryMiB: 64,
    replicas: 1,
    template: { kind: 'test-guest' },
    ...extra,
  };
}

export function shop(extra: { name?: string; apps?: Application[] } = {}): ServiceBundle {
  const applications = extra.apps ?? [
    app(WEB, 'web', { replicas: 2, spread: { across: 'host', strength: 'hard' } }),
    app(API, 'api'),
    app(DB, 'db'),
  ];
  return {
    service: {
      id: SHOP,
      name: extra.name ?? 'shop',
      applications: applications.map((a) => a.id),
      dependsOn: { [WEB]: [DB], [API]: [DB] },
      policy: 'spread',
      health: { kind: 'all-up' },
    },
    applications,
  };
}

export function host(
  name: string,
  options: { memoryMiB?: number; cores?: number; state?: Host['state'] } = {},
): Host {
  return {
    config: {
      id: `id-${name}` as HostId,
      name,
      address: '127.0.0.1',
      port: 22,
      user: name,
      uri: 'qemu:///session',
      labels: {},
      driver: 'libvirt',
    },
    state: options.state ?? 'connected',
    facts: {
      at: 0,
      value: {
        hostname: name,
        os: { name: 'Debian', kernel: '6.1', uptimeSeconds: 1, load: [0, 0, 0] },
        cpu: { cores: options.cores ?? 8, model: 'test' },
        memoryMiB: options.memoryMiB ?? 8192,
        virtualLayer: { status: 'ok', kind: 'qemu', uri: 'qemu:///session', liveMigration: true },
      },
    },
  };
}

export function vm(
  name: string,
  hostOf: Host,
  extra: Partial<Vm> & { app?: ApplicationId } = {},
): Vm {
  const { app: application, ...rest } = extra;
  return {
    id: `uuid-${name}` as VmId,
    hostId: hostOf.config.id,
    name,
    state: 'running',
    vcpus: 1,
    memoryMiB: 64,
    persistent: true,
    ...(application === undefined ? {} : { application, service: SHOP }),
    ...rest,
  };
}
