import { useMemo } from 'react';
import { useFleet } from '../../api/queries';
import { useLoadedLater } from '../../api/use-loaded-later';
import { useUiStore } from '../../app/ui-store';
import { filterHosts, sortHosts } from '../topology/fleet-view';
import { revealInTopology } from '../topology/reveal-store';
import { hostView } from '../topology/state-view';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import { useHostShown } from '../search/search-store';

/** A row's height before it is measured: two lines (name, state) and padding. */
const ROW_PX = 44;

/** The sidebar: every host the search shows, its state in words, selection by click or keyboard. */
export function HostList() {
  const hosts = useLoadedLater(useFleet((f) => f.hosts).data);
  const shownBySearch = useHostShown();
  const filter = useUiStore((s) => s.filter);
  const selection = useUiStore((s) => s.selection);
  const select = useUiStore((s) => s.select);
  const sorted = useMemo(() => sortHosts(hosts ?? []), [hosts]);
  const shown = useMemo(
    () => filterHosts(sorted, filter, shownBySearch),
    [sorted, filter, shownBySearch],
  );
  // At 1,000 hosts the list was 5,000 nodes: only the rows in view (and a few) are drawn.
  const { listRef, mode, virtualizer } = useVirtualRows<HTMLUListElement>({
    layout: () => ({
      count: shown.length,
      pinned: [shown.findIndex((h) => h.config.id === selection?.hostId)],
      keyOf: (index) => shown[index]?.config.id ?? String(index),
    }),
    estimateSize: ROW_PX,
    overscan: 8,
    gap: 1,
  });
  const items =
    mode === 'virtual'
      ? virtualizer.getVirtualItems().flatMap((item) => {
          const host = shown[item.index];
          const start = item.start - virtualizer.options.scrollMargin;
          return host ? [{ host, index: item.index, start }] : [];
        })
      : mode === 'all'
        ? shown.map((host, index) => ({ host, index, start: 0 }))
        : [];
  return (
    <nav className="host-list" aria-label="Hosts" data-testid="host-list">
      <ul
        ref={listRef}
        className={mode === 'virtual' ? 'is-virtual' : undefined}
        style={mode === 'virtual' ? { height: virtualizer.getTotalSize() } : undefined}
      >
        {items.map(({ host, index, start }) => {
          const view = hostView(host);
          const id = host.config.id;
          const selected = selection?.hostId === id;
          return (
            <li
              key={id}
              data-index={index}
              ref={mode === 'virtual' ? virtualizer.measureElement : undefined}
              style={mode === 'virtual' ? { transform: `translateY(${start}px)` } : undefined}
            >
              <button
                type="button"
                className={`host-list-item${selected ? ' is-selected' : ''}${view.trouble ? ' is-trouble' : ''}`}
                aria-current={selected ? 'true' : undefined}
                onClick={() => {
                  select({ kind: 'host', hostId: id });
                  // The card may be far down the topology, not drawn: scroll to it there.
                  revealInTopology({ hostId: id, focus: false });
                }}
                data-testid="host-list-item"
                data-host-id={id}
                data-state={host.state}
                title={`${host.config.name} (${host.config.address}) — ${view.label}`}
              >
                <span className={`dot state-dot-${view.tone}`} aria-hidden="true" />
                <span className="host-list-name">{host.config.name}</span>
                <span className={`host-list-state state-text-${view.tone}`}>{view.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {hosts && shown.length === 0 && (
        <p className="host-list-empty">{hosts.length ? 'No match' : 'No hosts'}</p>
      )}
    </nav>
  );
}
