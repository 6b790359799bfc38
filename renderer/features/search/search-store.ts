import { useDeferredValue, useMemo } from 'react';
import { create } from 'zustand';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { ServiceCatalog } from '../../../shared/domain/application';
import type { HostId } from '../../../shared/domain';
import { matchQuery, type SearchMatch } from '../../../shared/search/match-query';
import { parseQuery } from '../../../shared/search/parse-query';
import { buildSearchIndex, type SearchIndex } from '../../../shared/search/search-index';
import { useFleet, useServices } from '../../api/queries';

/**
 * The one search's state: the query typed in the top bar's box. Every view that lists hosts or VMs
 * narrows itself with `useSearchMatch()` (or `useHostShown()`), never with a filter of its own.
 */
export const useSearch = create<{ query: string; setQuery: (query: string) => void }>()((set) => ({
  query: '',
  setQuery: (query) => set({ query }),
}));

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

/** What `query` finds in the fleet, from the cached index (and the cached answer when asked again). */
export function searchFleet(
  fleet: FleetSnapshot,
  catalog: ServiceCatalog | undefined,
  query: string,
): SearchMatch {
  const index = searchIndexOf(fleet, catalog);
  if (lastMatch?.index !== index || lastMatch.query !== query) {
    lastMatch = { index, query, match: matchQuery(index, parseQuery(query)) };
  }
  return lastMatch.match;
}

const EMPTY: FleetSnapshot = { hosts: [], vms: [], demo: false };

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
