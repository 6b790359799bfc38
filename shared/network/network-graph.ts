import type { Host, HostState } from '../domain/host';
import type { HostId, ServiceId } from '../domain/ids';
import type { MigrationPath } from '../domain/migration-path';
import type { Vm } from '../domain/vm';
import { chooseGroupKey, groupValueOf } from './network-groups';

/**
 * The physical machine network as a graph: hosts (or, for a big fleet, groups of hosts by a label)
 * as nodes, their migration paths as edges, and which services run on each. Pure data for the
 * window's network view to lay out and draw; every "why" is a reason (code + ids), said in words
 * only by shared/words/network-words.ts.
 */

/** Over this many hosts shown, the view starts with one node per group (zone, rack …). */
export const HOSTS_UP_TO = 100;
/** Working paths are drawn up to this many pairs; past that they are counted, not drawn. */
export const OK_EDGES_UP_TO = 30;

export type PathState = MigrationPath['state'];

/** Paths between two sets of hosts (or within one), by state. */
export interface PathCounts {
  ok: number;
  broken: number;
  unknown: number;
}

/** Why a host has no path drawn, or what the view leaves out: data, said by network-words. */
export type NetworkReason =
  /** The console does not have the host connected: its paths are not checked, nothing moves to it. */
  | { code: 'host-unusable'; host: HostId; state: HostState }
  /** Pairs of connected hosts never probed (a fleet past the sweep limit probes on demand). */
  | { code: 'not-checked'; count: number }
  /** Working pairs not drawn so the broken ones stand out. */
  | { code: 'ok-not-drawn'; count: number };

export interface HostNode {
  kind: 'host';
  id: HostId;
  name: string;
  state: HostState;
  vmCount: number;
  /** The services whose VMs run here, by id, sorted. */
  services: ServiceId[];
  /** Set when the host's paths cannot be checked (it is not connected). */
  reason?: NetworkReason;
}

export interface GroupNode {
  kind: 'group';
  /** `group:<value>`, apart from any host id. */
  id: string;
  /** The label's value (`zone-a`), or '' for the hosts without the label. */
  value: string;
  hostIds: HostId[];
  /** Hosts not connected. */
  unusable: number;
  vmCount: number;
  services: ServiceId[];
  /** Paths between two hosts of this group. */
  within: PathCounts;
}

/** Both directions between two hosts (a, b sorted by id): one edge on screen. */
export interface HostEdge {
  kind: 'pair';
  id: string;
  a: HostId;
  b: HostId;
  /** The worse direction: broken, then unknown (a direction not listed counts unknown), then ok. */
  state: PathState;
  /** The directions that are broken, with the core's words of what failed and the fix. */
  broken: MigrationPath[];
}

export interface GroupEdge {
  kind: 'groups';
  id: string;
  a: string;
  b: string;
  counts: PathCounts;
}

export interface NetworkGraph {
  level: 'hosts' | 'groups';
  /** The label the groups are made by (null: no host has a label). */
  groupKey: string | null;
  /** The group opened (its value), when the hosts shown are one group's. */
  openGroup: string | null;
  nodes: (HostNode | GroupNode)[];
  edges: (HostEdge | GroupEdge)[];
  /** What the picture leaves out, to be said next to it. */
  notes: NetworkReason[];
  /** Every path between the hosts shown, by state (drawn or not). */
  counts: PathCounts;
}

export interface NetworkInput {
  /** The hosts the view shows (the search and the filter applied). */
  hosts: readonly Host[];
  /** Their VMs. */
  vms: readonly Vm[];
  paths: readonly MigrationPath[];
  /** A label key to group by; null or a key no host has: chosen (zone, then rack, then the commonest). */
  groupBy: string | null;
  /** A group's value: show that group's hosts. Ignored at the host level. */
  openGroup: string | null;
  hostsUpTo?: number;
  okEdgesUpTo?: number;
}

const zero = (): PathCounts => ({ ok: 0, broken: 0, unknown: 0 });
const RANK: Record<PathState, number> = { ok: 0, unknown: 1, broken: 2 };

export function buildNetworkGraph(input: NetworkInput): NetworkGraph {
  const groupKey = chooseGroupKey(input.hosts, input.groupBy);
  const big = input.hosts.length > (input.hostsUpTo ?? HOSTS_UP_TO);
  if (!big) return hostLevel(input, input.hosts, groupKey, null);
  const opened =
    input.openGroup === null
      ? []
      : input.hosts.filter((h) => groupValueOf(h, groupKey) === input.openGroup);
  if (opened.length > 0) return hostLevel(input, opened, groupKey, input.openGroup);
  return groupLevel(input, groupKey);
}

function servicesOn(vms: readonly Vm[]): Map<HostId, { count: number; services: Set<ServiceId> }> {
  const out = new Map<HostId, { count: number; services: Set<ServiceId> }>();
  for (const vm of vms) {
    let entry = out.get(vm.hostId);
    if (!entry) out.set(vm.hostId, (entry = { count: 0, services: new Set() }));
    entry.count++;
    if (vm.service) entry.services.add(vm.service);
  }
  return out;
}

function hostLevel(
  input: NetworkInput,
  hosts: readonly Host[],
  groupKey: string | null,
  openGroup: string | null,
): NetworkGraph {
  const vmsOf = servicesOn(input.vms);
  const nodes: HostNode[] = hosts.map((host) => {
    const own = vmsOf.get(host.config.id);
    const node: HostNode = {
      kind: 'host',
      id: host.config.id,
      name: host.config.name,
      state: host.state,
      vmCount: own?.count ?? 0,
      services: [...(own?.services ?? [])].sort(),
    };
    if (host.state !== 'connected') {
      node.reason = { code: 'host-unusable', host: host.config.id, state: host.state };
    }
    return node;
  });
  const shown = new Set<string>(nodes.map((n) => n.id));
  const connected = hosts.filter((h) => h.state === 'connected').map((h) => h.config.id as string);
  const directions = new Map<string, MigrationPath>();
  for (const path of input.paths) {
    if (shown.has(path.from) && shown.has(path.to))
      directions.set(`${path.from}\n${path.to}`, path);
  }
  const counts = zero();
  const pairs: HostEdge[] = [];
  connected.sort();
  for (let i = 0; i < connected.length; i++) {
    for (let j = i + 1; j < connected.length; j++) {
      const a = connected[i] as HostId;
      const b = connected[j] as HostId;
      const both = [directions.get(`${a}\n${b}`), directions.get(`${b}\n${a}`)];
      let state: PathState = 'ok';
      for (const path of both) {
        const one = path?.state ?? 'unknown';
        counts[one]++;
        if (RANK[one] > RANK[state]) state = one;
      }
      const broken = both.filter((p): p is MigrationPath => p?.state === 'broken');
      pairs.push({ kind: 'pair', id: `${a}↔${b}`, a, b, state, broken });
    }
  }
  // Working and unchecked pairs are drawn only while few: past that they are counted, not drawn.
  const drawAll =
    pairs.filter((p) => p.state !== 'broken').length <= (input.okEdgesUpTo ?? OK_EDGES_UP_TO);
  const edges = drawAll ? pairs : pairs.filter((p) => p.state === 'broken');
  const notes: NetworkReason[] = [];
  if (!drawAll && counts.ok > 0) notes.push({ code: 'ok-not-drawn', count: counts.ok });
  if (!drawAll && counts.unknown > 0) notes.push({ code: 'not-checked', count: counts.unknown });
  return { level: 'hosts', groupKey, openGroup, nodes, edges, notes, counts };
}

function groupLevel(input: NetworkInput, groupKey: string | null): NetworkGraph {
  const vmsOf = servicesOn(input.vms);
  const groupOf = new Map<string, GroupNode>();
  const byValue = new Map<string, GroupNode>();
  for (const host of input.hosts) {
    const value = groupValueOf(host, groupKey);
    let group = byValue.get(value);
    if (!group) {
      group = {
        kind: 'group',
        id: `group:${value}`,
        value,
        hostIds: [],
        unusable: 0,
        vmCount: 0,
        services: [],
        within: zero(),
      };
      byValue.set(value, group);
    }
    group.hostIds.push(host.config.id);
    if (host.state !== 'connected') group.unusable++;
    const own = vmsOf.get(host.config.id);
    group.vmCount += own?.count ?? 0;
    for (const s of own?.services ?? []) if (!group.services.includes(s)) group.services.push(s);
    groupOf.set(host.config.id, group);
  }
  const counts = zero();
  const between = new Map<string, GroupEdge>();
  for (const path of input.paths) {
    const from = groupOf.get(path.from);
    const to = groupOf.get(path.to);
    if (!from || !to) continue;
    counts[path.state]++;
    if (from === to) {
      from.within[path.state]++;
      continue;
    }
    const [a, b] = from.id < to.id ? [from.id, to.id] : [to.id, from.id];
    const id = `${a}↔${b}`;
    let edge = between.get(id);
    if (!edge) between.set(id, (edge = { kind: 'groups', id, a, b, counts: zero() }));
    edge.counts[path.state]++;
  }
  const nodes = [...byValue.values()].sort((x, y) => byName.compare(x.value, y.value));
  for (const node of nodes) node.services.sort();
  // A fleet past the core's sweep limit lists only the pairs probed so far: say how many are not.
  const up = input.hosts.filter((h) => h.state === 'connected').length;
  const unchecked = up * (up - 1) - counts.ok - counts.broken;
  const notes: NetworkReason[] = unchecked > 0 ? [{ code: 'not-checked', count: unchecked }] : [];
  const edges = [...between.values()];
  return { level: 'groups', groupKey, openGroup: null, nodes, edges, notes, counts };
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
