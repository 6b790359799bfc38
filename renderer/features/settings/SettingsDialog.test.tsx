// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
} from '../../../shared/domain/settings';
import { App } from '../../app/App';
import { SHORTCUTS } from '../../app/shortcuts';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

// One host of 16 cores holding two VMs of 2 vCPUs: 60 of 64 free at the default 4 per core.
const hv1 = makeHost('hv1');
const fleet = makeFleet([hv1], [makeVm(hv1.config.id, 'a'), makeVm(hv1.config.id, 'b')]);

function bridge() {
  let settings: Settings = DEFAULT_SETTINGS;
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => fleet)
    .handle('log:recent', () => [])
    .handle('settings:get', () => settings)
    .handle('settings:update', (patch) => {
      settings = applySettingsPatch(settings, patch);
      fake.emit('settings:changed', settings);
      return settings;
    });
  return fake;
}

async function openSettings(fake: FakeBridge) {
  renderWithApi(<App />, fake);
  await screen.findByTestId('app-ready');
  fireEvent.click(screen.getByTestId('settings-button'));
  return screen.findByTestId('settings-dialog');
}

describe('settings dialog', () => {
  it('says what is wrong next to each field and sends nothing until it is right', async () => {
    const fake = bridge();
    const dialog = await openSettings(fake);
    fireEvent.change(within(dialog).getByTestId('setting-cpuOvercommit'), {
      target: { value: '20' },
    });
    fireEvent.change(within(dialog).getByTestId('setting-pollSeconds'), {
      target: { value: '1' },
    });
    fireEvent.click(within(dialog).getByTestId('settings-save'));
    expect(within(dialog).getByTestId('setting-cpuOvercommit-error').textContent).toBe(
      'Must be a number from 1 to 16',
    );
    expect(within(dialog).getByTestId('setting-pollSeconds-error').textContent).toBe(
      'Must be a whole number from 2 to 300',
    );
    expect(
      within(dialog).getByTestId('setting-memoryOvercommit').getAttribute('aria-describedby'),
    ).toBeTruthy();
    expect(dialog.textContent).toMatch(/OOM killer/);
    expect(fake.callsTo('settings:update')).toEqual([]);
  });

  it('sends only what changed, and the host card shows the new ratio at once', async () => {
    const fake = bridge();
    const room = () => screen.getByTestId('cpu-room').textContent;
    const dialog = await openSettings(fake);
    expect(room()).toBe('60 of 64 vCPUs free · 16 cores × 4 overcommit');
    fireEvent.change(within(dialog).getByTestId('setting-cpuOvercommit'), {
      target: { value: '2' },
    });
    fireEvent.click(within(dialog).getByTestId('setting-confirm-moves'));
    fireEvent.click(within(dialog).getByTestId('settings-save'));
    await waitFor(() => expect(screen.queryByTestId('settings-dialog')).toBeNull());
    expect(fake.callsTo('settings:update')).toEqual([
      { cpuOvercommit: 2, confirm: { moves: false } },
    ]);
    expect(room()).toBe('28 of 32 vCPUs free · 16 cores × 2 overcommit');
  });

  it("a host's own ratio wins, and the card says whose ratio it is", async () => {
    const own = makeHost('own', { config: { ...hv1.config, cpuOvercommit: 8 } });
    const fake = bridge().handle('fleet:snapshot', () => makeFleet([own]));
    renderWithApi(<App />, fake);
    const line = await screen.findByTestId('cpu-room');
    expect(line.textContent).toBe('128 of 128 vCPUs free · 16 cores × 8 overcommit');
    expect(line.getAttribute('title')).toMatch(/this host's own ratio/);
  });

  it('switches the theme at once and keeps the choice in the window', async () => {
    const dialog = await openSettings(bridge());
    fireEvent.click(within(dialog).getByTestId('theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('federator.theme')).toBe('dark');
    fireEvent.click(within(dialog).getByTestId('theme-light'));
    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(within(dialog).getByTestId('theme-system'));
    expect(window.localStorage.getItem('federator.theme')).toBeNull();
  });
});

describe('keyboard shortcuts', () => {
  it('? lists every shortcut of the one list, and Esc closes it', async () => {
    renderWithApi(<App />, bridge());
    await screen.findByTestId('app-ready');
    fireEvent.keyDown(window, { key: '?', shiftKey: true });
    const overlay = await screen.findByTestId('shortcuts-dialog');
    const rows = within(overlay).getAllByTestId('shortcut-row');
    expect(rows.map((r) => r.querySelector('dd')?.textContent)).toEqual(
      Object.values(SHORTCUTS).map((s) => s.does),
    );
    fireEvent.keyDown(overlay, { key: 'Escape' });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
  });

  it('Ctrl+, opens the settings; typing ? in a field opens nothing', async () => {
    renderWithApi(<App />, bridge());
    await screen.findByTestId('app-ready');
    const search = screen.getByRole('combobox', { name: /Search hosts/ });
    fireEvent.keyDown(search, { key: '?', shiftKey: true });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    expect(await screen.findByTestId('settings-dialog')).toBeTruthy();
  });

  it('the desktop menu’s commands open the same dialogs', async () => {
    const fake = bridge();
    renderWithApi(<App />, fake);
    await screen.findByTestId('app-ready');
    fake.emit('app:menu-command', { command: 'about' });
    expect(await screen.findByTestId('about-dialog')).toBeTruthy();
  });
});
