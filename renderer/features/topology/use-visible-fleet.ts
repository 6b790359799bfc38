import { useMemo, useState } from 'react';
import type { Host, HostId, Vm } from '../../../shared/domain';
import { useFleet } from '../../api/queries';
import { useLoadedLater } from '../../api/use-loaded-later';
import { useUiStore } from '../../app/ui-store';
import { useHostShown, useSearchMatch } from '../search/search-store';
import { createStableGrouper, filterHosts, sortHosts } from './fleet-view';

/** What every view of the main area shows: the hosts and VMs that pass the admin's filter. */
export interface VisibleFleet {
  /** The hosts shown, by name. */
  hosts: readonly Host[];
  /** The VMs the search lists (all while it is empty) of the hosts shown, by host then name. */
  vms: readonly Vm[];
  /**
   * A host's VMs by name, all of them (a card shows its host whole); the same array while they do
   * not change (one card re-renders).
   */
  vmsOf: (hostId: HostId) => readonly Vm[];
  /** A host's VMs as `vms` lists them: those the search finds on it or on its host. */
  listedVmsOf: (hostId: HostId) => readonly Vm[];
}

const NO_VMS: readonly never[] = [];

/**
 * The one place the main area's views (cards, host table, VM table) take what to show from: the
 * filter (problems only) and the search text narrow it here, so a new matcher is wired in once.
 */
export function useVisibleFleet(): VisibleFleet | undefined {
  // With TopologyView's: the first snapshot's sorting and grouping in the deferred render too.
  const data = useLoadedLater(useFleet().data);
  const filter = useUiStore((s) => s.filter);
  const shown = useHostShown();
  const match = useSearchMatch({ deferred: true });
  const [grouper] = useState(createStableGrouper);
  const groups = useMemo(() => grouper(data?.vms ?? NO_VMS), [grouper, data?.vms]);
  // Sorted once per fleet change, not per keystroke of the search.
  const sorted = useMemo(() => sortHosts(data?.hosts ?? []), [data?.hosts]);
  return useMemo(() => {
    if (!data) return undefined;
    // The matcher: the search box narrows every view through this one line.
    const hosts = filterHosts(sorted, filter, shown);
    const vmsOf = (hostId: HostId) => groups.get(hostId) ?? NO_VMS;
    // The VMs listed: the search's, host by host (a host found by its name lists all of its VMs).
    const listed = new Map<HostId, readonly Vm[]>();
    const vms: Vm[] = [];
    for (const host of hosts) {
      const all = vmsOf(host.config.id);
      const own = match.active ? all.filter((vm) => match.listedVmIds.has(vm.id)) : all;
      listed.set(host.config.id, own.length === all.length ? all : own);
      vms.push(...own);
    }
    const listedVmsOf = (hostId: HostId) => listed.get(hostId) ?? NO_VMS;
    return { hosts, vms, vmsOf, listedVmsOf };
  }, [data, sorted, groups, filter, shown, match]);
}
