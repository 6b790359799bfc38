import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { NetworkGraph } from '../../../shared/network/network-graph';
import { elkLayout } from './elk-layout';

/** Where each node's top-left corner goes, by node id. */
export type Positions = ReadonlyMap<string, { x: number; y: number }>;

export const HOST_SIZE = { width: 210, height: 110 } as const;
export const GROUP_SIZE = { width: 230, height: 120 } as const;
type Size = { readonly width: number; readonly height: number };

/**
 * Up to this many nodes a graph with edges is laid out by force: a mesh reads as a mesh, and many
 * paths failing towards one host draw a star around it (layered drew them as one long row).
 */
const FORCE_UP_TO = 60;
/** Layouts kept: one per fleet shape (level, nodes, drawn edges) seen lately. */
const KEPT = 24;
/** Up to this many nodes with edges are put on a ring, not laid out by ELK. */
const RING_UP_TO = 8;
/** Space between nodes in rows or on a ring, as ELK's spacing below. */
const GAP = 36;
/** A grid is wider than tall, like the canvas (and ELK's rows of unlinked nodes). */
const ASPECT = 2.6;

const cache = new Map<string, Promise<Positions>>();

/** What decides the layout: the level, the nodes and the edges drawn, not their figures or states. */
export function shapeKeyOf(graph: NetworkGraph): string {
  const nodes = graph.nodes.map((n) => n.id).join('\u0001');
  const edges = graph.edges.map((e) => e.id).join('\u0001');
  return `${graph.level}\u0002${nodes}\u0002${edges}`;
}

/**
 * The layouts that need no ELK, done while rendering: nodes with no edge drawn (a big fleet's
 * groups, most paths not checked yet) in rows, as ELK would pack them; a few nodes with edges
 * (the demo's hosts) on a ring, where every path is a chord. Anything else: undefined, ask ELK.
 */
export function quickLayoutOf(graph: NetworkGraph): Positions | undefined {
  const size = graph.level === 'groups' ? GROUP_SIZE : HOST_SIZE;
  if (graph.edges.length === 0) return rows(graph, size);
  if (graph.nodes.length <= RING_UP_TO) return ring(graph, size);
  return undefined;
}

function rows(graph: NetworkGraph, { width, height }: Size): Positions {
  const n = graph.nodes.length;
  let columns = 1;
  // The column count whose grid comes nearest ASPECT (width over height).
  const misfit = (c: number) =>
    Math.abs((c * (width + GAP)) / (Math.ceil(n / c) * (height + GAP)) - ASPECT);
  for (let c = 2; c <= n; c++) if (misfit(c) < misfit(columns)) columns = c;
  const out = new Map<string, { x: number; y: number }>();
  graph.nodes.forEach((node, i) =>
    out.set(node.id, {
      x: (i % columns) * (width + GAP),
      y: Math.floor(i / columns) * (height + GAP),
    }),
  );
  return out;
}

function ring(graph: NetworkGraph, { width, height }: Size): Positions {
  const n = graph.nodes.length;
  // Radii that grow with the count, so that neighbours on the ring stay a node and a gap apart.
  const rx = ((width + GAP) * Math.max(n, 2)) / 3.2;
  const ry = ((height + GAP) * Math.max(n, 2)) / 3.2;
  const out = new Map<string, { x: number; y: number }>();
  graph.nodes.forEach((node, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    out.set(node.id, {
      x: Math.round(rx * Math.cos(angle) - width / 2),
      y: Math.round(ry * Math.sin(angle) - height / 2),
    });
  });
  return out;
}

/** The layout of this shape, from the cache when it was laid out before. */
export function layoutOf(graph: NetworkGraph, key = shapeKeyOf(graph)): Promise<Positions> {
  const kept = cache.get(key);
  if (kept) return kept;
  const running = layOut(graph);
  cache.set(key, running);
  running.catch(() => cache.delete(key));
  if (cache.size > KEPT) cache.delete(cache.keys().next().value as string);
  return running;
}

async function layOut(graph: NetworkGraph): Promise<Positions> {
  const quick = quickLayoutOf(graph);
  if (quick) return quick;
  const size = graph.level === 'groups' ? GROUP_SIZE : HOST_SIZE;
  const force = graph.edges.length > 0 && graph.nodes.length <= FORCE_UP_TO;
  const root: ElkNode = {
    id: 'root',
    layoutOptions: force
      ? {
          'elk.algorithm': 'force',
          'elk.spacing.nodeNode': '40',
          'elk.separateConnectedComponents': 'true',
          'elk.aspectRatio': '2',
        }
      : {
          // Layered, top to bottom: a host many paths fail towards sits under them; hosts with
          // no edge drawn are packed in rows, wider than tall, like the canvas.
          'elk.algorithm': 'layered',
          'elk.direction': 'DOWN',
          'elk.separateConnectedComponents': 'true',
          'elk.aspectRatio': '2.6',
          'elk.spacing.nodeNode': '36',
          'elk.spacing.componentComponent': '36',
          'elk.layered.spacing.nodeNodeBetweenLayers': '70',
        },
    children: graph.nodes.map((n) => ({ id: n.id, ...size })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.a], targets: [e.b] })),
  };
  const laid = await elkLayout(root);
  const out = new Map<string, { x: number; y: number }>();
  for (const child of laid.children ?? []) out.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return out;
}
