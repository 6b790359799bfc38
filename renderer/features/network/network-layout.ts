import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { NetworkGraph } from '../../../shared/network/network-graph';

/** Where each node's top-left corner goes, by node id. */
export type Positions = ReadonlyMap<string, { x: number; y: number }>;

export const HOST_SIZE = { width: 210, height: 110 } as const;
export const GROUP_SIZE = { width: 230, height: 120 } as const;

/**
 * Up to this many nodes a graph with edges is laid out by force: a mesh reads as a mesh, and many
 * paths failing towards one host draw a star around it (layered drew them as one long row).
 */
const FORCE_UP_TO = 60;
/** Layouts kept: one per fleet shape (level, nodes, drawn edges) seen lately. */
const KEPT = 24;

// elk.bundled.js runs ELK in this thread (no worker, nothing for the CSP to refuse); it is called
// from an effect, never while React renders, and each shape is laid out once.
const elk = new ELK();
const cache = new Map<string, Promise<Positions>>();

/** What decides the layout: the level, the nodes and the edges drawn, not their figures or states. */
export function shapeKeyOf(graph: NetworkGraph): string {
  const nodes = graph.nodes.map((n) => n.id).join('\u0001');
  const edges = graph.edges.map((e) => e.id).join('\u0001');
  return `${graph.level}\u0002${nodes}\u0002${edges}`;
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
  const laid = await elk.layout(root);
  const out = new Map<string, { x: number; y: number }>();
  for (const child of laid.children ?? []) out.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return out;
}
