import { useMemo } from 'react';
import type { ServiceId } from '../../../shared/domain/ids';
import type { NetworkGraph } from '../../../shared/network/network-graph';
import { groupKeysOf } from '../../../shared/network/network-groups';
import {
  groupWords,
  networkReasonWords,
  pathCountWords,
} from '../../../shared/words/network-words';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { useHostNames } from '../plans/use-host-names';
import { GroupPathCheck } from './GroupPathCheck';
import type { ServiceMark } from './network-nodes';
import { useNetworkStore } from './network-store';

/**
 * Above the graph: the level (the groups, or the group opened and the way back), what the paths
 * are, what the picture leaves out, and the services' colours (pointing at one lights its hosts).
 */
export function NetworkToolbar(props: {
  graph: NetworkGraph;
  services: ReadonlyMap<string, ServiceMark>;
}) {
  const { graph } = props;
  const { groupBy, setGroupBy, setOpenGroup } = useNetworkStore();
  const { data: fleet } = useFleet();
  const keys = useMemo(() => groupKeysOf(fleet?.hosts ?? []), [fleet?.hosts]);
  const hostName = useHostNames();
  const key = graph.groupKey;
  return (
    <div className="network-toolbar">
      <div className="network-level">
        {graph.openGroup !== null ? (
          <>
            <Button size="small" onClick={() => setOpenGroup(null)} data-testid="net-back">
              ← All {key ?? 'host'} groups
            </Button>
            <strong data-testid="net-open-group">{groupWords(key, graph.openGroup)}</strong>
            <GroupPathCheck
              key={graph.openGroup}
              group={graph.openGroup}
              hostIds={graph.nodes.flatMap((n) => (n.kind === 'host' ? [n.id] : []))}
            />
          </>
        ) : graph.level === 'groups' ? (
          <>
            <label className="heat-choice">
              Group by
              <select
                value={groupBy ?? key ?? ''}
                onChange={(e) => setGroupBy(e.target.value === '' ? null : e.target.value)}
                data-testid="net-group-by"
              >
                {keys.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <span className="net-muted">
              {graph.nodes.length} groups of {fleet?.hosts.length ?? 0} hosts: open one to see its
              hosts
            </span>
          </>
        ) : null}
        <span className="network-paths" data-testid="net-path-counts">
          Migration paths: {pathCountWords(graph.counts)}
        </span>
      </div>
      {graph.notes.length > 0 && (
        <ul className="network-notes">
          {graph.notes.map((note) => (
            <li key={note.code}>{networkReasonWords(note, hostName)}</li>
          ))}
        </ul>
      )}
      <ServiceLegend graph={graph} services={props.services} />
    </div>
  );
}

function ServiceLegend(props: { graph: NetworkGraph; services: ReadonlyMap<string, ServiceMark> }) {
  const selected = useUiStore((s) => s.selectedServiceId);
  const selectService = useUiStore((s) => s.selectService);
  const hoverService = useUiStore((s) => s.hoverService);
  const present = useMemo(() => {
    const ids = new Set<string>();
    for (const node of props.graph.nodes) for (const id of node.services) ids.add(id);
    return [...props.services.values()].filter((m) => ids.has(m.id));
  }, [props.graph, props.services]);
  if (present.length === 0) return null;
  return (
    <div className="net-legend" role="group" aria-label="Services: point at one to see its hosts">
      <span className="net-muted">Services:</span>
      {present.map((mark) => (
        <button
          key={mark.id}
          type="button"
          className={`net-service net-service-${mark.slot} net-legend-service`}
          aria-pressed={selected === mark.id}
          onClick={() => selectService(selected === mark.id ? null : (mark.id as ServiceId))}
          onPointerEnter={() => hoverService(mark.id as ServiceId)}
          onPointerLeave={() => hoverService(null)}
          data-testid="net-legend-service"
        >
          {mark.name}
        </button>
      ))}
    </div>
  );
}
