import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../shared/domain/host';
import { HostId } from '../../../shared/domain/ids';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import { buildNetworkGraph } from '../../../shared/network/network-graph';
import { elkLayout } from './elk-layout';
import { GROUP_SIZE, quickLayoutOf, HOST_SIZE, layoutOf } from './network-layout';

// ELK stands in: what matters here is whether it is asked at all.
vi.mock('./elk-layout', () => ({ elkLayout: vi.fn() }));
const inRow = (root: ElkNode) =>
  Promise.resolve<ElkNode>({
    ...root,
    children: (root.children ?? []).map((c, i) => ({ ...c, x: i, y: 0 })),
  });

function host(name: string, zone: string): Host {
  const id = HostId.parse(name);
  const config = { id, name, address: `${name}.example.net`, port: 22, user: 'u', uri: 'x' };
  return { config: { ...config, labels: { zone }, driver: 'libvirt' }, state: 'connected' };
}

const hosts = (n: number, zones: number) =>
  Array.from({ length: n }, (_, i) =>
    host(`h${String(i).padStart(4, '0')}`, `zone-${String(i % zones).padStart(2, '0')}`),
  );
const ok = (from: string, to: string): MigrationPath => ({
  from: HostId.parse(from),
  to: HostId.parse(to),
  state: 'ok',
});
const graphOf = (list: Host[], paths: MigrationPath[] = []) =>
  buildNetworkGraph({ hosts: list, vms: [], paths, groupBy: null, openGroup: null });

describe('the network layout', () => {
  beforeEach(() => {
    vi.mocked(elkLayout).mockReset().mockImplementation(inRow);
  });

  it('1,000 hosts with no path checked: 20 zones in rows at once, ELK not asked', async () => {
    const graph = graphOf(hosts(1000, 20));
    expect(graph.level).toBe('groups');
    expect(graph.edges).toHaveLength(0);
    const grid = quickLayoutOf(graph);
    expect(grid?.size).toBe(20);
    // Wider than tall (6 columns of 4 rows nearest 2.6), no two nodes on each other.
    const xs = new Set([...grid!.values()].map((p) => p.x));
    const ys = new Set([...grid!.values()].map((p) => p.y));
    expect([xs.size, ys.size]).toEqual([6, 4]);
    const spots = [...grid!.values()].map((p) => `${p.x},${p.y}`);
    expect(new Set(spots).size).toBe(20);
    expect(Math.min(...[...xs].slice(1).map((x, i) => x - [...xs][i]!))).toBeGreaterThan(
      GROUP_SIZE.width,
    );
    expect(await layoutOf(graph)).toEqual(grid);
    expect(elkLayout).not.toHaveBeenCalled();
  });

  it('a zone of 50 hosts with no path drawn: hosts in rows, spaced past their size', () => {
    const graph = buildNetworkGraph({
      hosts: hosts(1000, 20),
      vms: [],
      paths: [],
      groupBy: 'zone',
      openGroup: 'zone-03',
    });
    expect(graph.level).toBe('hosts');
    const grid = quickLayoutOf(graph)!;
    expect(grid.size).toBe(50);
    const ys = [...new Set([...grid.values()].map((p) => p.y))].sort((a, b) => a - b);
    expect(ys[1]! - ys[0]!).toBeGreaterThan(HOST_SIZE.height);
  });

  it('four hosts with paths (the demo): on a ring, apart from each other, ELK not asked', async () => {
    const names = ['h0000', 'h0001', 'h0002', 'h0003'];
    const paths = names.flatMap((a) => names.filter((b) => b !== a).map((b) => ok(a, b)));
    const graph = graphOf(hosts(4, 1), paths);
    expect(graph.edges.length).toBe(6);
    const ring = [...quickLayoutOf(graph)!.values()];
    expect(ring).toHaveLength(4);
    for (const [i, a] of ring.entries()) {
      for (const b of ring.slice(i + 1)) {
        const apart =
          Math.abs(a.x - b.x) > HOST_SIZE.width || Math.abs(a.y - b.y) > HOST_SIZE.height;
        expect(apart).toBe(true);
      }
    }
    await layoutOf(graph);
    expect(elkLayout).not.toHaveBeenCalled();
  });

  it('more than a few hosts with edges: laid out by ELK once per shape', async () => {
    const list = hosts(12, 1);
    const broken: MigrationPath = { ...ok('h0000', 'h0001'), state: 'broken', message: 'refused' };
    const graph = graphOf(list, [broken]);
    expect(graph.edges.length).toBeGreaterThan(0);
    expect(quickLayoutOf(graph)).toBeUndefined();
    const positions = await layoutOf(graph);
    expect(positions.size).toBe(12);
    expect(elkLayout).toHaveBeenCalledTimes(1);
    // The same shape again comes from the cache.
    await layoutOf(graph);
    expect(elkLayout).toHaveBeenCalledTimes(1);
  });
});
