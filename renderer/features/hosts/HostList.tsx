import { useMemo } from 'react';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { filterHosts, sortHosts } from '../topology/fleet-view';
import { hostView } from '../topology/state-view';

/** The sidebar: every host with its state in words, a filter, and selection by click or keyboard. */
export function HostList() {
  const { data: hosts } = useFleet((f) => f.hosts);
  const search = useUiStore((s) => s.search);
  const setSearch = useUiStore((s) => s.setSearch);
  const filter = useUiStore((s) => s.filter);
  const selection = useUiStore((s) => s.selection);
  const select = useUiStore((s) => s.select);
  const shown = useMemo(
    () => filterHosts(sortHosts(hosts ?? []), filter, search),
    [hosts, filter, search],
  );
  return (
    <nav className="host-list" aria-label="Hosts" data-testid="host-list">
      <label className="sr-only" htmlFor="host-search">
        Filter hosts
      </label>
      <input
        id="host-search"
        className="host-search"
        type="search"
        placeholder="Filter: name, address, zone=a"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="host-search"
      />
      <ul>
        {shown.map((host) => {
          const view = hostView(host);
          const id = host.config.id;
          const selected = selection?.hostId === id;
          return (
            <li key={id}>
              <button
                type="button"
                className={`host-list-item${selected ? ' is-selected' : ''}${view.trouble ? ' is-trouble' : ''}`}
                aria-current={selected ? 'true' : undefined}
                onClick={() => select({ kind: 'host', hostId: id })}
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
