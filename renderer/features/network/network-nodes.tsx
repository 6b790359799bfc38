import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { GroupNode, HostNode } from '../../../shared/network/network-graph';
import { groupWords, pathCountWords } from '../../../shared/words/network-words';
import { plural } from '../../../shared/words';
import { Badge } from '../../ui/Badge';
import type { StateView } from '../topology/state-view';

/** A service as drawn on a node: its name and its colour's slot (0–5, the chart colours). */
export interface ServiceMark {
  id: string;
  name: string;
  slot: number;
}

export interface HostNodeData extends Record<string, unknown> {
  node: HostNode;
  view: StateView;
  /** What is wrong with the host in a line (its own words), when it is in trouble. */
  trouble: string | undefined;
  /** Directions broken from or to it, among those drawn. */
  brokenPaths: number;
  services: ServiceMark[];
  /** A service is highlighted and this host does not run it. */
  dim: boolean;
  selected: boolean;
}

export interface GroupNodeData extends Record<string, unknown> {
  node: GroupNode;
  groupKey: string | null;
  services: ServiceMark[];
  dim: boolean;
}

export type HostFlowNode = Node<HostNodeData, 'host'>;
export type GroupFlowNode = Node<GroupNodeData, 'group'>;

/** Edges meet at the node's centre (the node is drawn over them): a network has no ports. */
function CentreHandles() {
  return (
    <>
      <Handle type="target" position={Position.Top} className="net-handle" isConnectable={false} />
      <Handle type="source" position={Position.Top} className="net-handle" isConnectable={false} />
    </>
  );
}

const SHOWN_SERVICES = 3;

function Services(props: { services: ServiceMark[] }) {
  if (props.services.length === 0) return null;
  const more = props.services.length - SHOWN_SERVICES;
  return (
    <ul className="net-services" aria-label="Services">
      {props.services.slice(0, SHOWN_SERVICES).map((s) => (
        <li key={s.id} className={`net-service net-service-${s.slot}`}>
          {s.name}
        </li>
      ))}
      {more > 0 && <li className="net-service-more">+{more}</li>}
    </ul>
  );
}

export function HostNodeView({ data }: NodeProps<HostFlowNode>) {
  const { node, view, trouble, brokenPaths } = data;
  const classes = ['net-node', 'net-host', `net-tone-${view.tone}`];
  if (view.trouble) classes.push('is-trouble');
  if (brokenPaths > 0) classes.push('has-broken');
  if (data.dim) classes.push('is-dim');
  if (data.selected) classes.push('is-selected');
  return (
    <div className={classes.join(' ')} data-testid="net-host" data-host-id={node.id}>
      <CentreHandles />
      <div className="net-node-name">{node.name}</div>
      <div className="net-node-head">
        <Badge tone={view.tone}>{view.label}</Badge>
      </div>
      <div className="net-node-line">
        {node.reason && <span className="net-no-paths">No migration paths: </span>}
        {trouble ?? (
          <>
            {plural(node.vmCount, 'VM')}
            {brokenPaths > 0 && (
              <span className="net-broken-count"> · {plural(brokenPaths, 'path')} broken</span>
            )}
          </>
        )}
      </div>
      <Services services={data.services} />
    </div>
  );
}

export function GroupNodeView({ data }: NodeProps<GroupFlowNode>) {
  const { node } = data;
  const classes = ['net-node', 'net-group'];
  if (node.unusable > 0) classes.push('is-trouble');
  if (node.within.broken > 0) classes.push('has-broken');
  if (data.dim) classes.push('is-dim');
  return (
    <div className={classes.join(' ')} data-testid="net-group" data-group={node.value}>
      <CentreHandles />
      <div className="net-node-head">
        <span className="net-node-name">{groupWords(data.groupKey, node.value)}</span>
        <span className="net-open-hint" aria-hidden="true">
          Open ›
        </span>
      </div>
      <div className="net-node-line">
        {plural(node.hostIds.length, 'host')} · {plural(node.vmCount, 'VM')}
        {node.unusable > 0 && (
          <span className="net-trouble-count"> · {node.unusable} not usable</span>
        )}
      </div>
      <div className="net-node-line net-muted">Paths within: {pathCountWords(node.within)}</div>
      <Services services={data.services} />
    </div>
  );
}

export const NODE_TYPES = { host: HostNodeView, group: GroupNodeView };
