// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateHostRequest } from '../../../shared/contract/requests';
import type { Host } from '../../../shared/domain';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

const hv1 = makeHost('hv1', {
  state: 'auth-failed',
  config: { keyPath: '/keys/old', labels: { zone: 'a', rack: 'r1' } },
});

function open(hosts: Host[]) {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet(hosts))
    .handle('log:recent', () => [])
    .handle('hosts:update', (request: UpdateHostRequest) => ({
      ...hv1,
      config: { ...hv1.config, keyPath: request.keyPath },
      state: 'connected' as const,
    }));
  renderWithApi(<App />, fake);
  return fake;
}

const selectHost = async (name: string) => {
  await screen.findByTestId('app-ready');
  const card = document.querySelector<HTMLElement>(`[data-host-name="${name}"]`)!;
  fireEvent.click(within(card).getByRole('button', { name }));
  return screen.getByTestId('details-panel');
};

describe('Edit host', () => {
  it('opens the form over the stored host and saves it under the same id', async () => {
    const fake = open([hv1]);
    fireEvent.click(within(await selectHost('hv1')).getByTestId('host-action-edit'));
    const form = screen.getByRole('dialog', { name: 'Edit host hv1' });
    const value = (id: string) => within(form).getByTestId<HTMLInputElement>(id).value;
    expect(value('field-address')).toBe('hv1.example.net');
    expect(value('field-key-path')).toBe('/keys/old');
    expect(value('field-labels')).toBe('zone=a, rack=r1');
    fireEvent.change(within(form).getByTestId('field-key-path'), {
      target: { value: '/keys/new' },
    });
    fireEvent.click(within(form).getByTestId('add-host-submit'));
    await waitFor(() => expect(screen.queryByTestId('add-host-dialog')).toBeNull());
    expect(fake.callsTo('hosts:add')).toEqual([]);
    expect(fake.callsTo('hosts:update')).toEqual([
      expect.objectContaining({
        hostId: 'hv1',
        keyPath: '/keys/new',
        labels: { zone: 'a', rack: 'r1' },
      }),
    ]);
  });

  it('offers no Edit for a demo host, which has no settings', async () => {
    open([makeHost('demo-hv01', { config: { driver: 'demo' } })]);
    expect(within(await selectHost('demo-hv01')).queryByTestId('host-action-edit')).toBeNull();
  });
});
