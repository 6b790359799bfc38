import { MarkerType, type Edge } from '@xyflow/react';
import type { Host } from '../../../shared/domain';
import type { ServiceId } from '../../../shared/domain/ids';
import type { GroupEdge, HostEdge, NetworkGraph } from '../../../shared/network/network-graph';
import {
  brokenEdgeLabel,
  networkReasonWords,
  pairWords,
  pathCountWords,
} from '../../../shared/words/network-words';
import { hostView, troubleReason } from '../topology/state-view';
import type { Positions } from './network-layout';
import type { GroupFlowNode, HostFlowNode, ServiceMark } from './network-nodes';

export interface FlowInput {
  graph: NetworkGraph;
  positions: Positions;
  hostsById: ReadonlyMap<string, Host>;
  services: ReadonlyMap<string, ServiceMark>;
  /** The service the admin points at (services panel or the legend): its hosts stand out. */
  highlight: ServiceId | null;
  selectedHostId: string | null;
  hostName: (id: string) => string;
}

const ARROW = { type: MarkerType.ArrowClosed, color: 'var(--danger)', width: 16, height: 16 };

/** The graph as React Flow draws it: positioned nodes with their data, styled edges. */
export function toFlow(input: FlowInput): {
  nodes: (HostFlowNode | GroupFlowNode)[];
  edges: Edge[];
} {
  const { graph, positions, services, highlight } = input;
  const marks = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const mark = services.get(id);
      return mark ? [mark] : [];
    });
  const dim = (ids: readonly string[]) => highlight !== null && !ids.includes(highlight);
  const brokenAt = new Map<string, number>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'pair') continue;
    for (const path of edge.broken) {
      brokenAt.set(path.from, (brokenAt.get(path.from) ?? 0) + 1);
      brokenAt.set(path.to, (brokenAt.get(path.to) ?? 0) + 1);
    }
  }
  const nodes = graph.nodes.map((node): HostFlowNode | GroupFlowNode => {
    const position = positions.get(node.id) ?? { x: 0, y: 0 };
    if (node.kind === 'group') {
      return {
        id: node.id,
        type: 'group',
        position,
        ariaLabel: `${node.value || 'no label'}: ${node.hostIds.length} hosts, ${node.unusable} not usable; paths within ${pathCountWords(node.within)}. Enter opens it.`,
        data: {
          node,
          groupKey: graph.groupKey,
          services: marks(node.services),
          dim: dim(node.services),
        },
      };
    }
    const host = input.hostsById.get(node.id);
    const view = host
      ? hostView(host)
      : { label: node.state, tone: 'neutral' as const, trouble: false };
    const trouble = host && view.trouble ? troubleReason(host) : undefined;
    const why = node.reason ? `. ${networkReasonWords(node.reason, input.hostName)}` : '';
    return {
      id: node.id,
      type: 'host',
      position,
      selected: node.id === input.selectedHostId,
      ariaLabel: `${node.name}: ${view.label}${trouble ? `, ${trouble}` : ''}${why}`,
      data: {
        node,
        view,
        trouble,
        brokenPaths: brokenAt.get(node.id) ?? 0,
        services: marks(node.services),
        dim: dim(node.services),
        selected: node.id === input.selectedHostId,
      },
    };
  });
  const edges = graph.edges.map((edge) =>
    edge.kind === 'pair' ? pairEdge(edge, input.hostName) : groupEdge(edge),
  );
  return { nodes, edges };
}

function pairEdge(edge: HostEdge, hostName: (id: string) => string): Edge {
  const words = pairWords(edge, hostName);
  const base = {
    id: edge.id,
    type: 'straight',
    className: `net-edge net-edge-${edge.state}`,
    ariaLabel: words,
    focusable: edge.state === 'broken',
  };
  if (edge.state !== 'broken') return { ...base, source: edge.a, target: edge.b };
  // The arrow points where a VM cannot go: one way, or both.
  const [first, second] = edge.broken;
  const source = first?.from ?? edge.a;
  const target = first?.to ?? edge.b;
  return {
    ...base,
    source,
    target,
    label: brokenEdgeLabel(edge),
    markerEnd: ARROW,
    ...(second ? { markerStart: ARROW } : {}),
  };
}

function groupEdge(edge: GroupEdge): Edge {
  const { counts } = edge;
  const state = counts.broken > 0 ? 'broken' : counts.ok > 0 ? 'ok' : 'unknown';
  return {
    id: edge.id,
    source: edge.a,
    target: edge.b,
    type: 'straight',
    className: `net-edge net-edge-${state}`,
    label: pathCountWords(counts),
    ariaLabel: `Paths between the two groups: ${pathCountWords(counts)}`,
  };
}
