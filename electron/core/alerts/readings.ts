import type {
  AlertMetric,
  AlertObject,
  AlertReason,
  AlertStateKind,
} from '../../../shared/domain/alert';
import type { HostState } from '../../../shared/domain/host';
import type { HostSample } from '../../../shared/domain/metrics';
import { serviceHealth, type ServiceHealth } from '../../../shared/services/health';
import type { Vm } from '../../../shared/domain/vm';
import type { ServiceBundle } from '../../../shared/domain/application';
import { MAX_NAMED_PATH_ENDS } from '../../../shared/domain/alert';
import { groupBrokenPaths } from '../../../shared/domain/migration-path';
import type { AlertView } from './alert-view';
import type { NMinusOneFinding } from './n-minus-one';

/** One metric of one object in one sample, in % (the rules' scale). */
export interface MetricReading {
  object: AlertObject;
  value: number;
}

/** Host states that count as unreachable: the console cannot talk to the host, not by choice. */
const UNREACHABLE: ReadonlySet<HostState> = new Set<HostState>([
  'unreachable',
  'auth-failed',
  'host-key-changed',
]);

/** The readings of `metric` a host's sample carries (a VM metric: one per VM it lists). */
export function metricReadings(
  metric: AlertMetric,
  sample: HostSample,
  view: AlertView,
): MetricReading[] {
  const host = view.hosts.get(sample.hostId);
  const hostObject: AlertObject = {
    kind: 'host',
    id: sample.hostId,
    name: host?.config.name ?? sample.hostId,
    hostId: sample.hostId,
  };
  const one = (value: number | undefined): MetricReading[] =>
    value === undefined || !Number.isFinite(value) ? [] : [{ object: hostObject, value }];
  const u = sample.host;
  switch (metric) {
    case 'host-cpu':
      return one(u.cpu);
    case 'host-memory': {
      const total = u.memoryTotalMiB ?? host?.facts?.value?.memoryMiB;
      return one(u.memory !== undefined && total ? (100 * u.memory) / total : undefined);
    }
    case 'host-disk-used':
      return one(u.rootDisk);
    case 'host-disk-free':
      return one(u.rootDisk === undefined ? undefined : 100 - u.rootDisk);
    case 'vm-cpu':
    case 'vm-memory': {
      const readings: MetricReading[] = [];
      for (const usage of sample.vms) {
        const vm = view.vms.get(usage.vmId);
        const value =
          metric === 'vm-cpu'
            ? usage.cpu
            : usage.memory !== undefined && vm !== undefined && vm.memoryMiB > 0
              ? (100 * usage.memory) / vm.memoryMiB
              : undefined;
        if (value === undefined || !Number.isFinite(value)) continue;
        readings.push({
          object: {
            kind: 'vm',
            id: usage.vmId,
            name: vm?.name ?? usage.vmId,
            hostId: sample.hostId,
          },
          value,
        });
      }
      return readings;
    }
  }
}

/** One object a state rule looks at: whether the state holds, and why when it does. */
export interface StateReading {
  object: AlertObject;
  why: AlertReason | undefined;
}

/**
 * Every object a state can apply to, each with its reason when the state holds (undefined: it
 * does not, so an open alert on it resolves). An object not listed is gone from the fleet.
 */
export function stateReadings(
  state: AlertStateKind,
  view: AlertView,
  nMinusOne: readonly NMinusOneFinding[],
): StateReading[] {
  switch (state) {
    case 'host-unreachable':
    case 'hypervisor-problem':
      return [...view.hosts.values()].map((host) => {
        const id = host.config.id;
        const object: AlertObject = { kind: 'host', id, name: host.config.name, hostId: id };
        if (state === 'hypervisor-problem')
          return {
            object,
            why:
              host.state === 'hypervisor-problem'
                ? { code: 'hypervisor-problem', host: id }
                : undefined,
          };
        return {
          object,
          why: UNREACHABLE.has(host.state)
            ? { code: 'host-unreachable', host: id, state: host.state }
            : undefined,
        };
      });
    case 'service-degraded':
    case 'service-down':
      return serviceReadings(state, view);
    case 'migration-path-broken':
      return pathReadings(view);
    case 'n-minus-1':
      return nMinusOneReadings(view, nMinusOne);
  }
}

/** Each service of a view with its health, worked out once for the two rules that read it. */
const healthByView = new WeakMap<
  AlertView,
  readonly { bundle: ServiceBundle; health: ServiceHealth }[]
>();

/**
 * The health of every service in `view`, each from its own VMs and the hosts they are on (what
 * serviceHealth reads of them), not from the whole fleet: at 1,000 hosts / 10,000 VMs the rules
 * of degraded and down each filtered all 10,000 VMs and indexed all 1,000 hosts per service, on
 * every look at the states (each fleet change and every 5 s).
 */
function servicesHealth(view: AlertView) {
  const known = healthByView.get(view);
  if (known) return known;
  const vmsOf = new Map<string, Vm[]>();
  for (const vm of view.vms.values()) {
    if (vm.service === undefined) continue;
    const list = vmsOf.get(vm.service);
    if (list) list.push(vm);
    else vmsOf.set(vm.service, [vm]);
  }
  const health = view.services.map((bundle) => {
    const vms = vmsOf.get(bundle.service.id) ?? [];
    const hosts = [...new Set(vms.map((vm) => vm.hostId))].flatMap((id) => {
      const host = view.hosts.get(id);
      return host ? [host] : [];
    });
    return { bundle, health: serviceHealth(bundle, vms, hosts) };
  });
  healthByView.set(view, health);
  return health;
}

function serviceReadings(
  state: 'service-degraded' | 'service-down',
  view: AlertView,
): StateReading[] {
  const wanted = state === 'service-down' ? 'down' : 'degraded';
  return servicesHealth(view).map(({ bundle, health }) => {
    const object: AlertObject = {
      kind: 'service',
      id: bundle.service.id,
      name: bundle.service.name,
    };
    if (health.state !== wanted) return { object, why: undefined };
    const short = health.applications
      .filter((a) => a.running < a.needed)
      .map((a) => ({ application: a.applicationId, running: a.running, needed: a.needed }));
    return { object, why: { code: state, service: bundle.service.id, short } };
  });
}

function nMinusOneReadings(view: AlertView, findings: readonly NMinusOneFinding[]): StateReading[] {
  const byApp = new Map(findings.map((f) => [f.application, f]));
  return view.services.flatMap((bundle) =>
    bundle.applications
      .filter((app) => app.replicas >= 2)
      .map((app): StateReading => {
        const f = byApp.get(app.id);
        return {
          object: {
            kind: 'application',
            id: app.id,
            name: `${app.name} (${bundle.service.name})`,
            ...(f === undefined ? {} : { hostId: f.host }),
          },
          why: f === undefined ? undefined : { code: 'n-minus-1', ...f },
        };
      }),
  );
}

/** Every path and every host as an object of the broken-path rule: the broken ones with why. */
function pathReadings(view: AlertView): StateReading[] {
  const name = (id: string): string => view.hosts.get(id)?.config.name ?? id;
  const { groups, single } = groupBrokenPaths(view.paths);
  const alone = new Set(single);
  const readings: StateReading[] = view.paths.map((path) => ({
    object: {
      kind: 'path',
      id: `${path.from}→${path.to}`,
      name: `${name(path.from)} → ${name(path.to)}`,
      hostId: path.from,
    },
    why: alone.has(path)
      ? { code: 'migration-path-broken', from: path.from, to: path.to }
      : undefined,
  }));
  const grouped = new Map(groups.map((g) => [g.host, g.paths]));
  for (const host of view.hosts.keys()) {
    const mine = grouped.get(host);
    const ends = (side: 'into' | 'out') => {
      const hosts = (mine ?? [])
        .filter((p) => (side === 'into' ? p.to === host : p.from === host))
        .map((p) => (side === 'into' ? p.from : p.to));
      return { count: hosts.length, hosts: hosts.slice(0, MAX_NAMED_PATH_ENDS) };
    };
    readings.push({
      object: {
        kind: 'path',
        id: `${host}→*`,
        name: `paths to and from ${name(host)}`,
        hostId: host,
      },
      why:
        mine === undefined
          ? undefined
          : { code: 'migration-paths-broken', host, into: ends('into'), out: ends('out') },
    });
  }
  return readings;
}
