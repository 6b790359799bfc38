import { useCallback, useEffect, useMemo } from 'react';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { Vm } from '../../../shared/domain';
import { useLatestSamples } from '../../api/metrics-queries';
import { useSettings } from '../../api/queries';
import { useApplicationWeights } from '../topology/application-weights';
import { revealInTopology } from '../topology/reveal-store';
import { queryKeys } from '../../api/query-keys';
import { useThrottledQueryData } from '../../api/throttled-query';
import { useUiStore } from '../../app/ui-store';
import { groupTiles, labelKeys } from './heat-groups';
import { COLOUR_BY, type ColourBy } from './heat-scale';
import { buildTiles } from './heat-tiles';
import { HeatGrid } from './HeatGrid';
import { HeatLegend } from './HeatLegend';
import { HeatTooltip } from './HeatTooltip';
import { useFittedTiles } from './use-fitted-tiles';
import { useHeatMapStore } from './heatmap-store';
import { useHostShown } from '../search/search-store';
import { SearchNarrowing } from '../search/SearchNarrowing';
import './heatmap.css';

/** A sample round at 1,000 hosts is 1,000 events: the map redraws at most this often. */
const REDRAW_MS = 250;

/**
 * Every host as a small tile, grouped by a label and coloured by health or a metric, with a
 * legend; a click (or Enter) on a tile opens the host in the topology with its details.
 */
export function HeatMap() {
  const fleet = useThrottledQueryData<FleetSnapshot>(queryKeys.fleet(), REDRAW_MS);
  const samples = useLatestSamples(REDRAW_MS);
  const { data: settings } = useSettings();
  const apps = useApplicationWeights();
  const { groupBy, colourBy, setGroupBy, setColourBy } = useHeatMapStore();
  const selection = useUiStore((s) => s.selection);
  const select = useUiStore((s) => s.select);
  const setMainView = useUiStore((s) => s.setMainView);
  // The search dims the hosts it does not show rather than removing them: the map keeps its
  // shape (each host where it always is, zone by zone), so what was found is seen among the rest.
  const shown = useHostShown();

  const vmsByHost = useMemo(() => {
    const map = new Map<string, Vm[]>();
    for (const vm of fleet?.vms ?? []) {
      const list = map.get(vm.hostId);
      if (list) list.push(vm);
      else map.set(vm.hostId, [vm]);
    }
    return map;
  }, [fleet?.vms]);
  const hosts = fleet?.hosts;
  const tiles = useMemo(
    () =>
      buildTiles(
        { hosts: hosts ?? [], vmsByHost, samples: samples ?? {}, overcommit: settings, apps },
        colourBy,
      ),
    [hosts, vmsByHost, samples, settings, apps, colourBy],
  );
  const keys = useMemo(() => labelKeys(hosts ?? []), [hosts]);
  const groupKey = groupBy !== null && keys.includes(groupBy) ? groupBy : null;
  const groups = useMemo(() => groupTiles(tiles, groupKey), [tiles, groupKey]);
  // The tile size from the space the map actually has (at 1,000 hosts, 14 px or less).
  const { ref: tilesRef, step: tileStep } = useFittedTiles(tiles.length, groups);
  const shownCount = useMemo(() => tiles.filter((t) => shown(t.hostId)).length, [tiles, shown]);
  const byId = useMemo(() => new Map(tiles.map((t) => [t.hostId as string, t])), [tiles]);
  const open = useCallback(
    (hostId: string) => {
      const tile = byId.get(hostId);
      if (!tile) return;
      select({ kind: 'host', hostId: tile.hostId });
      setMainView('topology');
      // The topology scrolls to the host's card and focuses its name, once drawn.
      revealInTopology({ hostId, focus: true });
    },
    [byId, select, setMainView],
  );

  useEffect(() => {
    // The e2e readiness marker, as the topology sets it: a window may open on the heat map.
    if (fleet) document.body.dataset.ready = 'true';
  }, [fleet]);

  if (!fleet) {
    return (
      <p className="topology-message" role="status">
        Loading the fleet…
      </p>
    );
  }
  return (
    <div className="heatmap" data-testid="heatmap">
      <SearchNarrowing shown={shownCount} of={tiles.length} />
      <div className="heat-toolbar">
        <label className="heat-choice">
          Group by
          <select
            value={groupKey ?? ''}
            onChange={(e) => setGroupBy(e.target.value === '' ? null : e.target.value)}
            data-testid="heat-group-by"
          >
            <option value="">None</option>
            {keys.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        <label className="heat-choice">
          Colour by
          <select
            value={colourBy}
            onChange={(e) => setColourBy(e.target.value as ColourBy)}
            data-testid="heat-colour-by"
          >
            {COLOUR_BY.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <HeatLegend colourBy={colourBy} />
      </div>
      {tiles.length === 0 ? (
        <p className="topology-message">No hosts yet: add one, or show the demo fleet.</p>
      ) : (
        <HeatGrid
          groups={groups}
          colourBy={colourBy}
          step={tileStep}
          ref={tilesRef}
          selectedHostId={selection?.hostId ?? null}
          shown={shown}
          onOpen={open}
        />
      )}
      <HeatTooltip tiles={byId} showValue={colourBy !== 'health'} />
    </div>
  );
}
