import { describe, expect, it } from 'vitest';
import type { Host, HostState } from '../domain/host';
import { HostId, ServiceId, VmId } from '../domain/ids';
import type { MigrationPath } from '../domain/migration-path';
import type { Vm } from '../domain/vm';
import {
  networkReasonWords,
  pairWords,
  pathCountWords,
  brokenPathWords,
} from '../words/network-words';
import { buildNetworkGraph, type GroupNode, type HostEdge, type HostNode } from './network-graph';
import { chooseGroupKey } from './network-groups';

function host(
  name: string,
  labels: Record<string, string> = {},
  state: HostState = 'connected',
): Host {
  const id = HostId.parse(name);
  const config = { id, name, address: `${name}.example.net`, port: 22, user: 'u', uri: 'x' };
  return { config: { ...config, labels, driver: 'libvirt' }, state };
}

let vmCount = 0;
function vm(hostId: string, service?: string): Vm {
  vmCount++;
  return {
    id: VmId.parse(`uuid-${vmCount}`),
    hostId: HostId.parse(hostId),
    name: `vm-${vmCount}`,
    state: 'running',
    vcpus: 1,
    memoryMiB: 512,
    persistent: true,
    ...(service === undefined ? {} : { service: ServiceId.parse(service) }),
  };
}

function path(
  from: string,
  to: string,
  state: MigrationPath['state'],
  message?: string,
): MigrationPath {
  return {
    from: HostId.parse(from),
    to: HostId.parse(to),
    state,
    ...(message === undefined ? {} : { message, fix: `Add ${to}'s key to ${from}'s known_hosts.` }),
  };
}

/** Every ordered pair of `names` working, except those given. */
function mesh(names: string[], except: MigrationPath[] = []): MigrationPath[] {
  const out: MigrationPath[] = [];
  for (const from of names) {
    for (const to of names) {
      if (from === to) continue;
      out.push(except.find((p) => p.from === from && p.to === to) ?? path(from, to, 'ok'));
    }
  }
  return out;
}

const name = (id: string) => id.toUpperCase();
const base = { vms: [] as Vm[], groupBy: null, openGroup: null };

describe('the network graph at the host level', () => {
  it('has a node per host with its VMs and services, and an edge per pair of connected hosts', () => {
    const hosts = [host('hv1'), host('hv2'), host('hv3')];
    const vms = [vm('hv1', 'shop'), vm('hv1', 'blog'), vm('hv1', 'shop'), vm('hv3')];
    const graph = buildNetworkGraph({ ...base, hosts, vms, paths: mesh(['hv1', 'hv2', 'hv3']) });
    expect(graph.level).toBe('hosts');
    const nodes = graph.nodes as HostNode[];
    expect(nodes.map((n) => [n.id, n.vmCount, n.services])).toEqual([
      ['hv1', 3, ['blog', 'shop']],
      ['hv2', 0, []],
      ['hv3', 1, []],
    ]);
    const edges = graph.edges as HostEdge[];
    expect(edges.map((e) => [e.a, e.b, e.state])).toEqual([
      ['hv1', 'hv2', 'ok'],
      ['hv1', 'hv3', 'ok'],
      ['hv2', 'hv3', 'ok'],
    ]);
    expect(graph.counts).toEqual({ ok: 6, broken: 0, unknown: 0 });
    expect(pairWords(edges[0] as HostEdge, name)).toBe('HV1 ↔ HV2: migration works both ways');
  });

  it('marks a pair broken when either direction is, with the core’s words of why and the fix', () => {
    const hosts = [host('hv1'), host('hv2')];
    const broken = path('hv2', 'hv1', 'broken', "hv1's host key is not in hv2's known_hosts");
    const graph = buildNetworkGraph({ ...base, hosts, paths: mesh(['hv1', 'hv2'], [broken]) });
    const [edge] = graph.edges as HostEdge[];
    expect(edge?.state).toBe('broken');
    expect(edge?.broken).toEqual([broken]);
    expect(pairWords(edge as HostEdge, name)).toBe(
      "HV2 → HV1 broken: hv1's host key is not in hv2's known_hosts",
    );
    expect(brokenPathWords(broken, name)).toEqual({
      route: 'HV2 → HV1',
      why: "hv1's host key is not in hv2's known_hosts",
      fix: "Add hv1's key to hv2's known_hosts.",
    });
    expect(pathCountWords(graph.counts)).toBe('1 broken, 1 working');
  });

  it('counts a direction the core did not list as not checked, and a pair as bad as its worse side', () => {
    const hosts = [host('hv1'), host('hv2')];
    const graph = buildNetworkGraph({ ...base, hosts, paths: [path('hv1', 'hv2', 'ok')] });
    expect((graph.edges[0] as HostEdge).state).toBe('unknown');
    expect(graph.counts).toEqual({ ok: 1, broken: 0, unknown: 1 });
  });

  it('draws no path for a host that is not connected and says why on its node', () => {
    const hosts = [host('hv1'), host('hv2'), host('hv4', {}, 'hypervisor-problem')];
    const graph = buildNetworkGraph({ ...base, hosts, paths: mesh(['hv1', 'hv2']) });
    expect(graph.edges.map((e) => e.id)).toEqual(['hv1↔hv2']);
    const hv4 = graph.nodes.find((n) => n.id === 'hv4') as HostNode;
    expect(hv4.reason).toEqual({ code: 'host-unusable', host: 'hv4', state: 'hypervisor-problem' });
    expect(networkReasonWords(hv4.reason!, name)).toBe(
      'No migration path to or from HV4: HV4 is connected, but its hypervisor has a problem',
    );
  });

  it('past the limit of working edges draws only the broken pairs and counts the rest', () => {
    const names = Array.from({ length: 10 }, (_, i) => `hv${i + 1}`);
    const broken = path('hv3', 'hv7', 'broken', 'connection timed out');
    const graph = buildNetworkGraph({
      ...base,
      hosts: names.map((n) => host(n)),
      paths: mesh(names, [broken]),
      okEdgesUpTo: 30,
    });
    expect(graph.edges.map((e) => e.id)).toEqual(['hv3↔hv7']);
    expect(graph.notes).toEqual([{ code: 'ok-not-drawn', count: 89 }]);
    expect(networkReasonWords(graph.notes[0]!, name)).toBe(
      '89 working paths not drawn, so that the broken ones stand out',
    );
  });

  it('within the limit draws working pairs too', () => {
    const names = ['hv1', 'hv2', 'hv3', 'hv4'];
    const graph = buildNetworkGraph({
      ...base,
      hosts: names.map((n) => host(n)),
      paths: mesh(names),
    });
    expect(graph.edges).toHaveLength(6);
    expect(graph.notes).toEqual([]);
  });
});

describe('the network graph of a big fleet', () => {
  const fleet = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      host(`hv${String(i + 1).padStart(3, '0')}`, { zone: `zone-${i % 3}`, rack: `r${i % 7}` }),
    );

  it('starts at the group level over the threshold, one node per zone with its totals', () => {
    const hosts = fleet(101);
    hosts[4] = { ...hosts[4]!, state: 'unreachable' };
    const vms = [vm('hv001', 'shop'), vm('hv004', 'shop'), vm('hv002', 'blog')];
    const paths = [
      path('hv001', 'hv004', 'ok'), // zone-0 within
      path('hv001', 'hv002', 'broken', 'refused'), // zone-0 → zone-1
      path('hv002', 'hv001', 'ok'),
      path('hv003', 'hv002', 'ok'), // zone-2 → zone-1
    ];
    const graph = buildNetworkGraph({ ...base, hosts, vms, paths });
    expect(graph.level).toBe('groups');
    expect(graph.groupKey).toBe('zone');
    const groups = graph.nodes as GroupNode[];
    expect(groups.map((g) => [g.value, g.hostIds.length, g.unusable, g.vmCount])).toEqual([
      ['zone-0', 34, 0, 2],
      ['zone-1', 34, 1, 1],
      ['zone-2', 33, 0, 0],
    ]);
    expect(groups[0]?.services).toEqual(['shop']);
    expect(groups[0]?.within).toEqual({ ok: 1, broken: 0, unknown: 0 });
    expect(graph.edges.map((e) => [e.id, 'counts' in e ? e.counts : null])).toEqual([
      ['group:zone-0↔group:zone-1', { ok: 1, broken: 1, unknown: 0 }],
      ['group:zone-1↔group:zone-2', { ok: 1, broken: 0, unknown: 0 }],
    ]);
    // 100 connected hosts: 9,900 directed pairs, 4 of them probed.
    expect(graph.notes).toEqual([{ code: 'not-checked', count: 9900 - 4 }]);
    expect(networkReasonWords(graph.notes[0]!, name)).toMatch(/^9,896 paths not checked yet: /);
  });

  it('stays at the host level up to the threshold (a search that narrows a big fleet)', () => {
    expect(buildNetworkGraph({ ...base, hosts: fleet(100), paths: [] }).level).toBe('hosts');
    expect(buildNetworkGraph({ ...base, hosts: fleet(100), paths: [], hostsUpTo: 50 }).level).toBe(
      'groups',
    );
  });

  it('opens one group: its hosts, the paths between them', () => {
    const hosts = fleet(120);
    const paths = [
      path('hv001', 'hv004', 'broken', 'timed out'),
      path('hv001', 'hv002', 'broken', 'x'),
    ];
    const graph = buildNetworkGraph({ ...base, hosts, paths, openGroup: 'zone-0' });
    expect(graph.level).toBe('hosts');
    expect(graph.openGroup).toBe('zone-0');
    expect(graph.nodes).toHaveLength(40);
    expect(graph.edges.map((e) => e.id)).toEqual(['hv001↔hv004']);
    // 40 hosts: 1,560 directions, one of them probed (broken); the unchecked ones are not drawn.
    expect(graph.notes).toEqual([{ code: 'not-checked', count: 1559 }]);
  });

  it('goes back to the groups when the group opened no longer has hosts shown', () => {
    const graph = buildNetworkGraph({ ...base, hosts: fleet(120), paths: [], openGroup: 'zone-9' });
    expect(graph.level).toBe('groups');
  });

  it('groups by the admin’s label when hosts have it, else zone, rack, the commonest key', () => {
    const hosts = fleet(3);
    expect(chooseGroupKey(hosts, 'rack')).toBe('rack');
    expect(chooseGroupKey(hosts, 'room')).toBe('zone');
    expect(chooseGroupKey([host('a', { rack: 'r1' }), host('b', { row: '1' })], null)).toBe('rack');
    expect(chooseGroupKey([host('a', { row: '1' }), host('b', { row: '2', pdu: 'x' })], null)).toBe(
      'row',
    );
    expect(chooseGroupKey([host('a')], null)).toBeNull();
  });
});
