// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { useVisibleFleet, type VisibleFleet } from '../topology/use-visible-fleet';
import { useSearch } from './search-store';

// The search narrows the VM table's VMs (not only its hosts) and dims the heat map's other hosts.

afterEach(() => {
  cleanup();
  act(() => useSearch.getState().setQuery(''));
  useUiStore.getState().setMainView('topology');
});

const fleet = makeFleet(
  ['hv1:zone-a', 'hv2:zone-b', 'hv3:zone-b'].map((spec) => {
    const [name = '', zone = ''] = spec.split(':');
    return makeHost(name, { config: { labels: { zone } } });
  }),
  ['hv1:db-1', 'hv2:worker-1', 'hv3:worker-2', 'hv3:web-1'].map((spec) => {
    const [host = '', name = ''] = spec.split(':');
    return makeVm(host, name);
  }),
);

const bridge = () =>
  new FakeBridge().handle('fleet:snapshot', () => fleet).handle('log:recent', () => []);

let seen: VisibleFleet | undefined;
function Probe() {
  const visible = useVisibleFleet();
  useEffect(() => {
    seen = visible;
  }, [visible]);
  return null;
}

const names = (list: readonly { name: string }[] | undefined) => list?.map((v) => v.name);

describe('the search narrows the VMs listed', () => {
  it('lists only the VMs it finds, while a card still gets all of its host’s VMs', async () => {
    renderWithApi(<Probe />, bridge());
    await waitFor(() => expect(seen).toBeDefined());
    expect(names(seen?.vms)).toEqual(['db-1', 'worker-1', 'web-1', 'worker-2']);
    act(() => useSearch.getState().setQuery('worker'));
    expect(names(seen?.vms)).toEqual(['worker-1', 'worker-2']);
    expect(names(seen?.listedVmsOf(fleet.hosts[2]!.config.id))).toEqual(['worker-2']);
    expect(names(seen?.vmsOf(fleet.hosts[2]!.config.id))).toEqual(['web-1', 'worker-2']);
    // No term names a VM: every VM of the hosts found.
    act(() => useSearch.getState().setQuery('zone=b'));
    expect(names(seen?.vms)).toEqual(['worker-1', 'web-1', 'worker-2']);
  });
});

describe('the heat map under a search', () => {
  it('dims the hosts the search does not show, in their places, and says how many it shows', async () => {
    renderWithApi(<App />, bridge());
    act(() => useUiStore.getState().setMainView('heatmap'));
    const tiles = await screen.findAllByTestId('heat-tile');
    expect(tiles.filter((t) => t.dataset.dim === 'true')).toEqual([]);
    act(() => useSearch.getState().setQuery('worker'));
    const dim = () =>
      screen
        .getAllByTestId('heat-tile')
        .filter((t) => t.dataset.dim === 'true')
        .map((t) => t.dataset.hostId);
    expect(dim()).toEqual(['hv1']);
    expect(screen.getAllByTestId('heat-tile')).toHaveLength(3);
    expect(screen.getByTestId('search-narrowing').textContent).toContain('2 of 3 hosts shown');
  });
});
