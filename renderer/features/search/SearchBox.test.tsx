// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { useSearch } from './search-store';

afterEach(() => {
  cleanup();
  useSearch.getState().setQuery('');
  useUiStore.getState().select(null);
});

const fleet = makeFleet(
  [
    makeHost('hv1', { config: { labels: { zone: 'zone-a' } } }),
    makeHost('hv2', { config: { labels: { zone: 'zone-b' } } }),
    makeHost('hv3', { config: { labels: { zone: 'zone-b' } } }),
  ],
  [
    makeVm('hv1', 'db-1'),
    makeVm('hv2', 'worker-1'),
    makeVm('hv3', 'worker-2', { state: 'crashed' }),
    makeVm('hv3', 'web-1'),
  ],
);

async function open() {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => fleet)
    .handle('log:recent', () => []);
  renderWithApi(<App />, fake);
  await screen.findByTestId('app-ready');
  return screen.getByTestId('fleet-search');
}

const shownCards = () => screen.getAllByTestId('host-card').map((c) => c.dataset.hostName);
const listed = () => screen.getAllByTestId('host-list-item').map((i) => i.textContent);
const type = (box: HTMLElement, value: string) => fireEvent.change(box, { target: { value } });

describe('the search box', () => {
  it('/ and Ctrl+F put the focus in it, from anywhere but a field', async () => {
    const box = await open();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    box.blur();
    const ctrlF = fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(box);
    expect(ctrlF).toBe(false); // the browser's own find is not opened
  });

  it('finds VMs by name ("worker" found no host before) and narrows the grid and the host list', async () => {
    const box = await open();
    box.focus();
    type(box, 'worker');
    const results = screen.getByTestId('search-results');
    expect(within(results).getByRole('group', { name: 'VMs' }).textContent).toContain('worker-1');
    expect(
      within(results)
        .getAllByTestId('search-result')
        .map((r) => r.querySelector('.search-option-label')?.textContent),
    ).toEqual(['worker-1', 'worker-2']);
    expect(await screen.findByText(/2 of 3 hosts shown/)).toBeTruthy();
    expect(shownCards()).toEqual(['hv2', 'hv3']);
    expect(listed().map((t) => t?.slice(0, 3))).toEqual(['hv2', 'hv3']);
  });

  it('groups by kind, and zone=b state=crashed finds the one crashed VM of zone b', async () => {
    const box = await open();
    box.focus();
    type(box, 'zone=b');
    const results = screen.getByTestId('search-results');
    expect(
      within(results)
        .getAllByRole('group')
        .map((g) => g.getAttribute('aria-label')),
    ).toEqual(['Hosts']);
    type(box, 'zone=b state=crashed');
    expect(
      within(results)
        .getAllByTestId('search-result')
        .map((r) => r.dataset.kind),
    ).toEqual(['vm']);
    expect(await screen.findByText(/1 of 3 hosts shown/)).toBeTruthy();
  });

  it('arrow keys and Enter open the chosen VM’s details; the list closes, the filter stays', async () => {
    const box = await open();
    box.focus();
    type(box, 'worker');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toContain('vm:');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(useUiStore.getState().selection).toMatchObject({ kind: 'vm', hostId: 'hv3' });
    expect(within(screen.getByTestId('details-panel')).getByText('worker-2')).toBeTruthy();
    expect(screen.queryByTestId('search-results')).toBeNull();
    expect(shownCards()).toEqual(['hv2', 'hv3']);
  });

  it('says a query that does not read in words, and Esc closes the list, then clears', async () => {
    const box = await open();
    box.focus();
    type(box, 'zonee=a');
    expect(screen.getByTestId('search-problem').textContent).toBe(
      'No host has a label "zonee": keys are host, vm, service, app, state, zone.',
    );
    expect(screen.getByTestId('no-match').textContent).toBe('No host or VM matches the search.');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByTestId('search-results')).toBeNull();
    expect(useSearch.getState().query).toBe('zonee=a');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(useSearch.getState().query).toBe('');
    expect(shownCards()).toEqual(['hv1', 'hv2', 'hv3']);
  });
});
