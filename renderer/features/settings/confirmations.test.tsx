// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

// With a confirmation turned off in the settings, the action runs without its question.
function open() {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([makeHost('hv1')], [makeVm('hv1', 'web-1')]))
    .handle('log:recent', () => [])
    .handle('settings:get', () => ({
      ...DEFAULT_SETTINGS,
      confirm: { moves: true, stop: false, delete: false },
    }))
    .handle('vms:action', () => null)
    .handle('hosts:remove', () => null);
  renderWithApi(<App />, fake);
  return fake;
}

describe('confirmations turned off', () => {
  it('force off runs at once', async () => {
    const fake = open();
    await screen.findByTestId('app-ready');
    fireEvent.click(screen.getByTestId('vm-card'));
    await screen.findByTestId('cpu-room'); // drawn once the settings are in
    fireEvent.click(await screen.findByTestId('vm-action-destroy'));
    await waitFor(() =>
      expect(fake.callsTo('vms:action')).toEqual([expect.objectContaining({ action: 'destroy' })]),
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('removing a host runs at once', async () => {
    const fake = open();
    await screen.findByTestId('app-ready');
    await screen.findByTestId('cpu-room'); // drawn once the settings are in
    const card = screen.getByTestId('host-card');
    fireEvent.click(within(card).getByRole('button', { name: 'hv1' }));
    fireEvent.click(within(screen.getByTestId('details-panel')).getByTestId('host-action-remove'));
    await waitFor(() => expect(fake.callsTo('hosts:remove')).toEqual([{ hostId: 'hv1' }]));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
