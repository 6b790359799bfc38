/**
 * Seeded random fleets for property tests, benchmarks and demos: realistic VM size mixes (many
 * small VMs, a few large ones), services with hard spread, and, on request, every other rule
 * (labels, hypervisors, co-location, host states, blocked migration paths, VMs already placed).
 */
import type {
  PlacementApplication,
  PlacementHost,
  PlacementInput,
  PlacementMode,
  PlacementVm,
} from './input-types';

/** Shape of a generated fleet. */
export interface RandomInputOptions {
  seed: number;
  hosts: number;
  /** Number of VMs (replicas over all applications), approximately. */
  vms: number;
  mode?: PlacementMode;
  /** Share of VMs in services whose applications have a hard spread rule (default 0.1). */
  serviceShare?: number;
  /** Zones the hosts are spread over (default 3). */
  zones?: number;
  /** Add labels, hypervisors, co-location, soft rules, host states, blocked paths (default false). */
  rules?: boolean;
  /** Share of VMs already placed at random in the input (default 0; needs `rules`). */
  placedShare?: number;
  /**
   * How VM disks are sized: `by-flavour` (default: 20 or 40 GiB per vCPU, as cloud flavours do) or
   * `independent` (any of 20–320 GiB whatever the flavour, hosts with 2 TB): a harder mix, where
   * disk competes with memory for the bottleneck.
   */
  disks?: 'by-flavour' | 'independent';
}

/** Deterministic PRNG (mulberry32): same seed, same sequence, on every runtime. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [vCPUs, GiB of memory, weight]: a common cloud flavour mix, small VMs dominating. Disks follow
// the flavour (OpenStack's defaults give 20 GiB per vCPU), doubled for some applications.
const FLAVOURS: readonly (readonly [number, number, number])[] = [
  [1, 2, 25],
  [2, 4, 25],
  [2, 8, 15],
  [4, 8, 12],
  [4, 16, 10],
  [8, 32, 8],
  [16, 64, 4],
  [8, 64, 1],
];
const WEIGHT = FLAVOURS.reduce((s, f) => s + f[2], 0);

/** A random fleet; identical hosts (32 cores, 256 GiB, 4 TB, CPU overcommit 2) unless `rules`. */
export function randomInput(o: RandomInputOptions): PlacementInput {
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const zones = o.zones ?? 3;
  const hosts: PlacementHost[] = [];
  for (let i = 0; i < o.hosts; i++) {
    const h: PlacementHost = {
      id: `h${i}`,
      capacity: { cpu: 32, memoryMiB: 262144, diskGiB: o.disks === 'independent' ? 2000 : 4000 },
      labels: { zone: `z${i % zones}`, rack: `r${Math.floor(i / 20)}` },
    };
    if (o.rules === true) {
      h.capacity = { cpu: pick([8, 16, 32]), memoryMiB: pick([32768, 65536, 131072]) };
      if (rnd() < 0.7) h.capacity.diskGiB = pick([500, 1000]);
      if (rnd() < 0.5) h.labels = { ...h.labels, ssd: 'true' };
      h.hypervisor = rnd() < 0.8 ? 'kvm' : 'qemu';
      const r = rnd();
      if (r < 0.08) h.state = 'maintenance';
      else if (r < 0.12) h.state = 'down';
      if (rnd() < 0.2) h.cpuOvercommit = 4;
    }
    hosts.push(h);
  }
  const apps = applications(o, rnd, pick, zones);
  const input: PlacementInput = {
    version: 1,
    hosts,
    applications: apps,
    policy: { mode: o.mode ?? 'pack', cpuOvercommit: 2 },
  };
  if (o.rules === true) {
    input.unreachable = [];
    for (let i = 0; i < o.hosts; i++) {
      if (rnd() < 0.3)
        input.unreachable.push({ from: `h${i}`, to: `h${Math.floor(rnd() * o.hosts)}` });
    }
    input.vms = placedVms(apps, hosts, o.placedShare ?? 0, rnd);
  }
  return input;
}

function applications(
  o: RandomInputOptions,
  rnd: () => number,
  pick: <T>(xs: readonly T[]) => T,
  zones: number,
): PlacementApplication[] {
  const apps: PlacementApplication[] = [];
  const flavour = (): readonly [number, number, number] => {
    let w = rnd() * WEIGHT;
    for (const f of FLAVOURS) if ((w -= f[2]) < 0) return f;
    return FLAVOURS[0]!;
  };
  const make = (id: string, replicas: number): PlacementApplication => {
    const [vcpus, gib] = flavour();
    const app: PlacementApplication = { id, vcpus, memoryMiB: gib * 1024, replicas };
    app.diskGiB =
      o.disks === 'independent' ? pick([20, 40, 80, 160, 320]) : vcpus * pick([20, 20, 40]);
    return app;
  };
  const inServices = Math.round(o.vms * (o.serviceShare ?? 0.1));
  let n = 0;
  for (let s = 0; n < inServices; s++) {
    const parts = 2 + Math.floor(rnd() * 3);
    for (let p = 0; p < parts && n < inServices; p++) {
      const app = make(`s${s}-a${p}`, Math.min(2 + Math.floor(rnd() * 4), inServices - n));
      app.service = `svc${s}`;
      const zoneSpread = (app.replicas ?? 1) <= zones && rnd() < 0.3;
      app.spread = { across: zoneSpread ? 'zone' : 'host', strength: 'hard' };
      if (o.rules === true && p > 0 && rnd() < 0.2) {
        app.colocate = { with: `s${s}-a0`, strength: rnd() < 0.5 ? 'hard' : 'soft' };
      }
      n += app.replicas ?? 1;
      apps.push(app);
    }
  }
  for (let i = 0; n < o.vms; i++) {
    const app = make(`app${i}`, Math.min(1 + Math.floor(rnd() * 6), o.vms - n));
    if (o.rules === true) decorate(app, rnd, apps);
    n += app.replicas ?? 1;
    apps.push(app);
  }
  return apps;
}

function decorate(
  app: PlacementApplication,
  rnd: () => number,
  apps: PlacementApplication[],
): void {
  if (rnd() < 0.2) app.requiredLabels = { ssd: 'true' };
  if (rnd() < 0.1) app.hypervisor = 'kvm';
  if (rnd() < 0.3) app.spread = { across: rnd() < 0.5 ? 'host' : 'zone', strength: 'soft' };
  if (rnd() < 0.1 && apps.length > 0) {
    const partner = apps[Math.floor(rnd() * apps.length)]!;
    app.colocate = { with: partner.id, strength: rnd() < 0.5 ? 'hard' : 'soft' };
  }
  if (rnd() < 0.2) app.priority = Math.floor(rnd() * 3);
}

function placedVms(
  apps: PlacementApplication[],
  hosts: PlacementHost[],
  share: number,
  rnd: () => number,
): PlacementVm[] {
  const vms: PlacementVm[] = [];
  for (const a of apps) {
    for (let i = 1; i <= (a.replicas ?? 1); i++) {
      if (rnd() >= share) continue;
      const host = hosts[Math.floor(rnd() * hosts.length)]!;
      vms.push({ id: `${a.id}-${i}`, application: a.id, host: host.id });
    }
  }
  return vms;
}
