import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Controls, ReactFlow, type Node } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import type { Vm } from '../../../shared/domain';
import { buildNetworkGraph } from '../../../shared/network/network-graph';
import { useFleet, useMigrationPaths, useServices } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { useHostNames } from '../plans/use-host-names';
import { SearchNarrowing } from '../search/SearchNarrowing';
import { useSearch } from '../search/search-store';
import { useVisibleFleet } from '../topology/use-visible-fleet';
import { BrokenPaths } from './BrokenPaths';
import { toFlow } from './flow-elements';
import { quickLayoutOf, layoutOf, shapeKeyOf, type Positions } from './network-layout';
import { NODE_TYPES, type ServiceMark } from './network-nodes';
import { useNetworkStore } from './network-store';
import { NetworkToolbar } from './NetworkToolbar';
import './network.css';

const SERVICE_SLOTS = 6;

/**
 * The physical machine network: hosts as nodes, migration paths as edges (broken ones in red with
 * an arrow where a VM cannot go, and why beside the graph), services as coloured marks on the
 * hosts their VMs run on. Past 100 hosts shown it starts with one node per group (zone, rack …)
 * and opens a group on click. The search box narrows it as it narrows every view.
 */
export function NetworkView() {
  const visible = useVisibleFleet();
  const { data: fleet } = useFleet();
  const { data: paths } = useMigrationPaths();
  const { data: catalog } = useServices();
  const query = useSearch((s) => s.query);
  const { groupBy, openGroup, setOpenGroup } = useNetworkStore();
  const selection = useUiStore((s) => s.selection);
  const select = useUiStore((s) => s.select);
  const highlight = useUiStore((s) => s.hoveredServiceId ?? s.selectedServiceId);
  const hostName = useHostNames();

  // Every VM of the hosts shown: a node says what its host runs, whatever the search matched.
  const graph = useMemo(() => {
    if (!visible) return undefined;
    const vms: Vm[] = [];
    for (const host of visible.hosts) vms.push(...visible.vmsOf(host.config.id));
    return buildNetworkGraph({ hosts: visible.hosts, vms, paths: paths ?? [], groupBy, openGroup });
  }, [visible, paths, groupBy, openGroup]);

  const services = useMemo(() => {
    const marks = new Map<string, ServiceMark>();
    (catalog?.services ?? []).forEach(({ service }, i) =>
      marks.set(service.id, { id: service.id, name: service.name, slot: i % SERVICE_SLOTS }),
    );
    return marks;
  }, [catalog]);

  // Laid out in an effect, once per shape (level, nodes, edges drawn), never while rendering.
  const key = graph ? shapeKeyOf(graph) : '';
  const [layout, setLayout] = useState<{ key: string; positions: Positions } | null>(null);
  // Rows or a ring need no ELK: placed while rendering (cheap, and no frame without the nodes).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const quick = useMemo(() => (graph ? quickLayoutOf(graph) : undefined), [key]);
  useEffect(() => {
    if (!graph || quick) return;
    let current = true;
    void layoutOf(graph, key).then((positions) => {
      if (current) setLayout({ key, positions });
    });
    return () => {
      current = false;
    };
    // The graph's figures change with every event; only its shape asks for a new layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const hostsById = useMemo(
    () => new Map((visible?.hosts ?? []).map((h) => [h.config.id as string, h])),
    [visible],
  );
  const positions = quick ?? (layout?.key === key ? layout.positions : undefined);
  const flow = useMemo(
    () =>
      graph && positions
        ? toFlow({
            graph,
            positions,
            hostsById,
            services,
            highlight,
            selectedHostId: selection?.hostId ?? null,
            hostName,
          })
        : undefined,
    [graph, positions, hostsById, services, highlight, selection?.hostId, hostName],
  );

  useEffect(() => {
    // The e2e readiness marker, as the other views set it: a window may open on this view.
    if (visible) document.body.dataset.ready = 'true';
  }, [visible]);

  const activate = (id: string) => {
    const node = graph?.nodes.find((n) => n.id === id);
    if (node?.kind === 'group') setOpenGroup(node.value);
    else if (node) select({ kind: 'host', hostId: node.id });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const id = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node')?.dataset.id;
    if (id === undefined) return;
    event.preventDefault();
    activate(id);
  };

  if (!visible || !graph) {
    return (
      <p className="topology-message" role="status">
        Loading the fleet…
      </p>
    );
  }
  return (
    <div className="network" data-testid="network-view" data-level={graph.level}>
      <SearchNarrowing shown={visible.hosts.length} of={fleet?.hosts.length ?? 0} />
      <NetworkToolbar graph={graph} services={services} />
      <div className="network-body">
        {visible.hosts.length === 0 ? (
          <p className="topology-message" data-testid="no-match">
            {query.trim() ? 'No host or VM matches the search.' : 'No host matches the filter.'}
          </p>
        ) : (
          <div className="network-canvas" onKeyDown={onKeyDown} data-testid="network-canvas">
            {flow ? (
              <ReactFlow
                key={key}
                nodes={flow.nodes}
                edges={flow.edges}
                nodeTypes={NODE_TYPES}
                onNodeClick={(_event, node: Node) => activate(node.id)}
                nodesDraggable={false}
                nodesConnectable={false}
                fitView
                fitViewOptions={{ padding: 0.12, maxZoom: 1.2 }}
                minZoom={0.1}
                proOptions={{ hideAttribution: true }}
                aria-label="Migration paths between hosts"
              >
                <Controls showInteractive={false} />
              </ReactFlow>
            ) : (
              <p className="topology-message" role="status">
                Laying out the network…
              </p>
            )}
          </div>
        )}
        <BrokenPaths graph={graph} paths={paths ?? []} />
      </div>
    </div>
  );
}
