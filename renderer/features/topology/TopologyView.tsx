import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HostId } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { MoveBar } from '../move/MoveBar';
import { useVmDrag } from '../move/use-vm-drag';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EmptyFleet } from './EmptyFleet';
import { createStableGrouper, filterHosts, sortHosts } from './fleet-view';
import { HostGrid } from './HostGrid';
import { SummaryBar } from './SummaryBar';

/**
 * The live topology: every host as a box holding its layers and VMs, in a responsive grid of which
 * only the rows on screen are drawn (HostGrid).
 */
export function TopologyView() {
  const fleet = useFleet();
  const filter = useUiStore((s) => s.filter);
  const search = useUiStore((s) => s.search);
  const selection = useUiStore((s) => s.selection);
  const data = fleet.data;
  const [grouper] = useState(createStableGrouper);
  const groups = useMemo(() => grouper(data?.vms ?? NO_VMS), [grouper, data?.vms]);
  const vmsOf = useCallback((hostId: HostId) => groups.get(hostId) ?? NO_VMS, [groups]);
  const hosts = useMemo(
    () => filterHosts(sortHosts(data?.hosts ?? []), filter, search),
    [data?.hosts, filter, search],
  );
  const loaded = data !== undefined;
  // One pointer listener for every VM card: drag a card onto a host card to move it.
  const onPointerDown = useVmDrag();

  useEffect(() => {
    // The e2e readiness marker: the first snapshot is on screen.
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
  if (!data)
    return (
      <p className="topology-message" role="status">
        Loading the fleet…
      </p>
    );

  return (
    <div className="topology" data-testid="topology">
      <SummaryBar />
      {data.hosts.length > 0 && <MoveBar hostCount={data.hosts.length} />}
      <span className="sr-only" data-testid="app-ready" role="status">
        Fleet loaded
      </span>
      {data.hosts.length === 0 ? (
        <EmptyFleet demoShown={data.demo} />
      ) : hosts.length === 0 ? (
        <p className="topology-message">No host matches the filter.</p>
      ) : (
        <HostGrid hosts={hosts} vmsOf={vmsOf} selection={selection} onPointerDown={onPointerDown} />
      )}
    </div>
  );
}

const NO_VMS: readonly never[] = [];
