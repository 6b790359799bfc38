import { useEffect } from 'react';
import { AppError } from '../../../shared/errors';
import { useFleet, useSettings } from '../../api/queries';
import { useLoadedLater } from '../../api/use-loaded-later';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { MoveBar } from '../move/MoveBar';
import { useVmDrag } from '../move/use-vm-drag';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EmptyFleet } from './EmptyFleet';
import { HostTable } from '../fleet-table/HostTable';
import { VmTable } from '../fleet-table/VmTable';
import { HostGrid } from './HostGrid';
import { SummaryBar } from './SummaryBar';
import { useVisibleFleet } from './use-visible-fleet';
import { useSearch } from '../search/search-store';
import { SearchNarrowing } from '../search/SearchNarrowing';

/**
 * The live topology: every host as a box holding its layers and VMs, in a responsive grid of which
 * only the rows on screen are drawn (HostGrid), or the same hosts as a table of hosts or of VMs.
 */
export function TopologyView() {
  const fleet = useFleet();
  const query = useSearch((s) => s.query);
  const selection = useUiStore((s) => s.selection);
  const layout = useUiStore((s) => s.mainView);
  // The first snapshot is drawn in a deferred render that yields (1,000 cards' worth of data).
  const data = useLoadedLater(fleet.data);
  const visible = useVisibleFleet();
  // Loaded: the first snapshot, and the settings a move is checked with (a drag before they
  // arrive is refused: "the settings are not loaded yet").
  const settings = useSettings();
  const loaded = data !== undefined && settings.data !== undefined;
  // One pointer listener for every VM card or row: drag it onto a host card or row to move it.
  const onPointerDown = useVmDrag();

  useEffect(() => {
    // The e2e readiness marker: the first snapshot is on screen and can be acted on.
    if (loaded) document.body.dataset.ready = 'true';
  }, [loaded]);

  if (fleet.error) {
    return (
      <div className="topology-message">
        <ErrorNotice title="Couldn't load the fleet" error={AppError.from(fleet.error)} />
        <Button onClick={() => void fleet.refetch()}>Try again</Button>
      </div>
    );
  }
  if (!data || !visible)
    return (
      <p className="topology-message" role="status">
        Loading the fleet…
      </p>
    );

  return (
    <div className="topology" data-testid="topology">
      <SummaryBar />
      <SearchNarrowing shown={visible.hosts.length} of={data.hosts.length} />
      {data.hosts.length > 0 && <MoveBar hostCount={data.hosts.length} />}
      <span className="sr-only" data-testid="app-ready" role="status">
        Fleet loaded
      </span>
      {data.hosts.length === 0 ? (
        <EmptyFleet demoShown={data.demo} />
      ) : visible.hosts.length === 0 ? (
        <p className="topology-message" data-testid="no-match">
          {query.trim() ? 'No host or VM matches the search.' : 'No host matches the filter.'}
        </p>
      ) : layout === 'host-table' ? (
        <HostTable visible={visible} onPointerDown={onPointerDown} />
      ) : layout === 'vm-table' ? (
        <VmTable visible={visible} onPointerDown={onPointerDown} />
      ) : (
        <HostGrid
          hosts={visible.hosts}
          vmsOf={visible.vmsOf}
          selection={selection}
          onPointerDown={onPointerDown}
        />
      )}
    </div>
  );
}
