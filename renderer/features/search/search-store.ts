import { useDeferredValue, useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceCatalog } from '../../../shared/domain/application';
import type { HostId } from '../../../shared/domain';
import { matchQuery, type SearchMatch } from '../../../shared/search/match-query';
import { parseQuery } from '../../../shared/search/parse-query';
import { buildSearchIndex, type SearchIndex } from '../../../shared/search/search-index';
import { useFleet, useServices } from '../../api/queries';
import { whenIdle } from '../../ui/when-idle';

/**
 * The one search's state: the query typed in the top bar's box. Every view that lists hosts or VMs
 * narrows itself with `useSearchMatch()` (or `useHostShown()`), never with a filter of its own.
 */
export const useSearch = create<{ query: string; setQuery: (query: string) => void }>()((set) => ({
  query: '',
  setQuery: (query) => set({ query }),
}));

const EMPTY: FleetSnapshot = { hosts: [], vms: [], demo: false };

/** The last index and what it was built from: one per fleet or catalogue change, not per keystroke. */
let lastIndex: { hosts: unknown; vms: unknown; catalog: unknown; index: SearchIndex } | undefined;
/** The last answer: the box and each view ask for the same query on one keystroke. */
let lastMatch: { index: SearchIndex; query: string; match: SearchMatch } | undefined;

export function searchIndexOf(fleet: FleetSnapshot, catalog: ServiceCatalog | undefined) {
  const last = lastIndex;
  if (last?.hosts === fleet.hosts && last.vms === fleet.vms && last.catalog === catalog) {
    return last.index;
  }
  const index = buildSearchIndex(fleet, catalog);
  lastIndex = { hosts: fleet.hosts, vms: fleet.vms, catalog, index };
  return index;
}

/** The answer while no term reads (the empty box): it needs no index, and stays the same object. */
let lastIdle: { query: string; match: SearchMatch } | undefined;
let emptyIndex: SearchIndex | undefined;

/**
 * What `query` finds in the fleet, from the cached index (and the cached answer when asked again).
 * With no term to match (the empty box at load) every view shows everything: the index is not
 * built then (at 1,000 hosts / 10,000 VMs it took 50 ms of the window's first render), but in idle
 * time by `useSearchIndexInIdle`, for the first keystroke.
 */
export function searchFleet(
  fleet: FleetSnapshot,
  catalog: ServiceCatalog | undefined,
  query: string,
): SearchMatch {
  const parsed = parseQuery(query);
  if (parsed.terms.length === 0) {
    if (lastIdle?.query !== query) {
      emptyIndex ??= buildSearchIndex(EMPTY, undefined);
      lastIdle = { query, match: matchQuery(emptyIndex, parsed) };
    }
    return lastIdle.match;
  }
  const index = searchIndexOf(fleet, catalog);
  if (lastMatch?.index !== index || lastMatch.query !== query) {
    lastMatch = { index, query, match: matchQuery(index, parsed) };
  }
  return lastMatch.match;
}

/** Builds the search index of the fleet as it changes, when the window is idle (not at all in jsdom). */
export function useSearchIndexInIdle(): void {
  const { data: fleet } = useFleet();
  const { data: catalog } = useServices();
  useEffect(() => {
    if (fleet === undefined) return undefined;
    return whenIdle(() => searchIndexOf(fleet, catalog), 10_000, 'never');
  }, [fleet, catalog]);
}

/**
 * What the current query finds. `deferred` (for views): React may finish a keystroke's box first
 * and the long lists after, so typing never waits on the grid.
 */
export function useSearchMatch(options: { deferred: boolean }): SearchMatch {
  const typed = useSearch((s) => s.query);
  const later = useDeferredValue(typed);
  const query = options.deferred ? later : typed;
  const { data: fleet } = useFleet();
  const { data: catalog } = useServices();
  return useMemo(() => searchFleet(fleet ?? EMPTY, catalog, query), [fleet, catalog, query]);
}

/** For a view of hosts: whether the search shows this host (every host while the box is empty). */
export function useHostShown(): (hostId: HostId) => boolean {
  const match = useSearchMatch({ deferred: true });
  return useMemo(
    () => (match.active ? (hostId: HostId) => match.shownHostIds.has(hostId) : () => true),
    [match],
  );
}
