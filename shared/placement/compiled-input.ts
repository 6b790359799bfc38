/**
 * The input compiled into flat, indexed arrays: hosts, applications and VMs become integers so that
 * the hot paths (choosing a host, what-if) read typed arrays and allocate nothing.
 */
import type {
  PlacementApplication,
  PlacementHost,
  PlacementInput,
  PlacementMode,
} from './input-types';
import { checkReferences } from './fleet-references';

/** Resources per host / VM, in this order: vCPUs, MiB of memory, GiB of disk. */
export const RESOURCES = 3;
export const CPU = 0;
export const MEMORY = 1;
export const DISK = 2;

/**
 * Capacity of a resource a host does not track: finite, so that `(free - demand) * invCap` is 0,
 * never Infinity × 0 = NaN, in the hot loops.
 */
export const UNTRACKED = 1e300;

/** Host states as stored in `Fleet.hostState`. */
export const UP = 0;
export const MAINTENANCE = 1;
export const DOWN = 2;

/** Spread scopes as stored in `Fleet.spreadScope`. */
export const NO_SPREAD = 0;
export const SPREAD_HOST = 1;
export const SPREAD_ZONE = 2;

/** An immutable, indexed view of one {@link PlacementInput}. */
export interface CompiledInput {
  readonly input: PlacementInput;
  readonly mode: PlacementMode;
  readonly hysteresis: number;
  /** Seed of pack mode's shuffled order. */
  readonly seed: number;
  readonly hosts: readonly PlacementHost[];
  readonly hostIndex: ReadonlyMap<string, number>;
  /** Effective capacity (overcommit applied), `RESOURCES` per host; `UNTRACKED` when untracked. */
  readonly cap: Float64Array;
  /** 1 / cap, 0 when untracked: a resource nobody tracks weighs nothing in scores. */
  readonly invCap: Float64Array;
  readonly hostState: Uint8Array;
  readonly hostZone: Int32Array;
  readonly zoneCount: number;
  readonly apps: readonly PlacementApplication[];
  readonly appIndex: ReadonlyMap<string, number>;
  /** Demand of one VM of each application, `RESOURCES` per application. */
  readonly demand: Float64Array;
  readonly spreadScope: Uint8Array;
  readonly spreadHard: Uint8Array;
  /** Index of the co-location partner, -1 when none. */
  readonly colocateWith: Int32Array;
  readonly colocateHard: Uint8Array;
  readonly priority: Float64Array;
  /** Index into `services`, -1 when the application belongs to none. */
  readonly appService: Int32Array;
  readonly services: readonly string[];
  /** Hosts whose labels and hypervisor suit each application; null means every host. */
  readonly eligible: readonly (Uint8Array | null)[];
  /** Shape of each application: same demand and same eligible hosts, same shape number. */
  readonly shapeOf: Int32Array;
  /** Applications whose VMs are counted per host / zone (spread rules, co-location partners). */
  readonly tracked: Uint8Array;
  /** Applications that another application must be co-located with (hard). */
  readonly hardPartner: Uint8Array;
  readonly vmIds: readonly string[];
  readonly vmIndex: ReadonlyMap<string, number>;
  readonly vmApp: Int32Array;
  /** Host index in the input, -1 for a VM to place. */
  readonly vmInitialHost: Int32Array;
  /** `from * hostCount + to` for every pair without a migration path; null when all can migrate. */
  readonly blocked: ReadonlySet<number> | null;
}

/** Number of hosts in a fleet. */
export const hostCount = (f: CompiledInput): number => f.hosts.length;

/**
 * Compiles and cross-checks an input (duplicate ids, unknown references); new VMs are created for
 * applications' missing replicas, named `<app>-<n>` with the smallest free n.
 * @throws PlacementInputError naming the bad field.
 */
export function compileInput(input: PlacementInput): CompiledInput {
  const refs = checkReferences(input);
  const policy = input.policy ?? {};
  const hosts = input.hosts;
  const apps = input.applications;
  const H = hosts.length;
  const cap = new Float64Array(H * RESOURCES);
  const invCap = new Float64Array(H * RESOURCES);
  const hostState = new Uint8Array(H);
  const hostZone = new Int32Array(H);
  const zones = new Map<string, number>();
  const zoneLabel = policy.zoneLabel ?? 'zone';
  hosts.forEach((h, i) => {
    const cpuRatio = h.cpuOvercommit ?? policy.cpuOvercommit ?? 1;
    const memRatio = h.memoryOvercommit ?? policy.memoryOvercommit ?? 1;
    const c = [h.capacity.cpu * cpuRatio, h.capacity.memoryMiB * memRatio, h.capacity.diskGiB];
    for (let r = 0; r < RESOURCES; r++) {
      const v = c[r];
      cap[i * RESOURCES + r] = v ?? UNTRACKED;
      invCap[i * RESOURCES + r] = v === undefined ? 0 : 1 / v;
    }
    hostState[i] = h.state === 'maintenance' ? MAINTENANCE : h.state === 'down' ? DOWN : UP;
    // A host without a zone label is a zone of its own ('\0' keeps it apart from real names).
    const zone = h.labels?.[zoneLabel] ?? `\0${h.id}`;
    let z = zones.get(zone);
    if (z === undefined) zones.set(zone, (z = zones.size));
    hostZone[i] = z;
  });

  const A = apps.length;
  const demand = new Float64Array(A * RESOURCES);
  const spreadScope = new Uint8Array(A);
  const spreadHard = new Uint8Array(A);
  const colocateWith = new Int32Array(A).fill(-1);
  const colocateHard = new Uint8Array(A);
  const priority = new Float64Array(A);
  const appService = new Int32Array(A).fill(-1);
  const tracked = new Uint8Array(A);
  const hardPartner = new Uint8Array(A);
  const services = new Map<string, number>();
  const eligibleCache = new Map<string, Uint8Array | null>();
  const eligible = apps.map((a, i) => {
    demand[i * RESOURCES] = a.vcpus;
    demand[i * RESOURCES + 1] = a.memoryMiB;
    demand[i * RESOURCES + 2] = a.diskGiB ?? 0;
    if (a.spread !== undefined) {
      spreadScope[i] = a.spread.across === 'host' ? SPREAD_HOST : SPREAD_ZONE;
      spreadHard[i] = a.spread.strength === 'hard' ? 1 : 0;
      tracked[i] = 1;
    }
    if (a.colocate !== undefined) {
      const partner = refs.appIndex.get(a.colocate.with) ?? -1;
      colocateWith[i] = partner;
      colocateHard[i] = a.colocate.strength === 'hard' ? 1 : 0;
      tracked[partner] = 1;
      if (a.colocate.strength === 'hard') hardPartner[partner] = 1;
    }
    priority[i] = a.priority ?? 0;
    if (a.service !== undefined) {
      let s = services.get(a.service);
      if (s === undefined) services.set(a.service, (s = services.size));
      appService[i] = s;
    }
    return eligibility(hosts, a, eligibleCache);
  });

  const vms = buildVms(input, refs.appIndex, refs.hostIndex);
  const masks = new Map<Uint8Array | null, number>();
  const shapes = new Map<string, number>();
  const shapeOf = Int32Array.from(eligible, (mask, a) => {
    if (!masks.has(mask)) masks.set(mask, masks.size);
    const key = `${demand.subarray(a * RESOURCES, (a + 1) * RESOURCES).join()}/${masks.get(mask)}`;
    if (!shapes.has(key)) shapes.set(key, shapes.size);
    return shapes.get(key) ?? 0;
  });
  return {
    input,
    mode: policy.mode ?? 'spread',
    hysteresis: policy.hysteresis ?? 0.05,
    seed: policy.seed ?? 1,
    hosts,
    hostIndex: refs.hostIndex,
    cap,
    invCap,
    hostState,
    hostZone,
    zoneCount: zones.size,
    apps,
    appIndex: refs.appIndex,
    demand,
    spreadScope,
    spreadHard,
    colocateWith,
    colocateHard,
    priority,
    appService,
    services: [...services.keys()],
    eligible,
    shapeOf,
    tracked,
    hardPartner,
    ...vms,
    blocked: blockedPairs(input, refs.hostIndex),
  };
}

function eligibility(
  hosts: readonly PlacementHost[],
  app: PlacementApplication,
  cache: Map<string, Uint8Array | null>,
): Uint8Array | null {
  const required = Object.entries(app.requiredLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (required.length === 0 && app.hypervisor === undefined) return null;
  // Many applications share a requirement (`ssd=true`): one mask per distinct requirement.
  const key = JSON.stringify([app.hypervisor ?? null, required]);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const mask = new Uint8Array(hosts.length);
  hosts.forEach((h, i) => {
    const hvOk = app.hypervisor === undefined || h.hypervisor === app.hypervisor;
    mask[i] = hvOk && required.every(([k, v]) => h.labels?.[k] === v) ? 1 : 0;
  });
  cache.set(key, mask);
  return mask;
}

function buildVms(
  input: PlacementInput,
  appIndex: ReadonlyMap<string, number>,
  hostIndex: ReadonlyMap<string, number>,
) {
  const given = input.vms ?? [];
  const vmIds = given.map((v) => v.id);
  const taken = new Set(vmIds);
  const perApp = new Int32Array(input.applications.length);
  const app: number[] = given.map((v) => appIndex.get(v.application) ?? -1);
  const host: number[] = given.map((v) =>
    v.host === undefined ? -1 : (hostIndex.get(v.host) ?? -1),
  );
  for (const a of app) perApp[a] = (perApp[a] ?? 0) + 1;
  input.applications.forEach((a, i) => {
    let n = 1;
    for (let missing = (a.replicas ?? 1) - (perApp[i] ?? 0); missing > 0; missing--) {
      while (taken.has(`${a.id}-${n}`)) n++;
      const name = `${a.id}-${n}`;
      taken.add(name);
      vmIds.push(name);
      app.push(i);
      host.push(-1);
    }
  });
  return {
    vmIds,
    vmIndex: new Map(vmIds.map((v, i) => [v, i])),
    vmApp: Int32Array.from(app),
    vmInitialHost: Int32Array.from(host),
  };
}

function blockedPairs(input: PlacementInput, hostIndex: ReadonlyMap<string, number>) {
  if (input.unreachable === undefined || input.unreachable.length === 0) return null;
  const H = input.hosts.length;
  const set = new Set<number>();
  for (const { from, to } of input.unreachable) {
    set.add((hostIndex.get(from) ?? 0) * H + (hostIndex.get(to) ?? 0));
  }
  return set;
}
