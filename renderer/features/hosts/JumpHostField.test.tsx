// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddHostRequest, UpdateHostRequest } from '../../../shared/contract/requests';
import { HostId, type Host } from '../../../shared/domain';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

// hv1 and hv2 are reached directly; hv4 only through hv1; demo-hv01 is a demo host.
const hv1 = makeHost('hv1');
const hv2 = makeHost('hv2');
const hv4 = makeHost('hv4', { config: { address: '127.0.0.14', jumpHostId: HostId.parse('hv1') } });
const demo = makeHost('demo-hv01', { config: { driver: 'demo' } });
const FLEET = [hv1, hv2, hv4, demo];

function open() {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet(FLEET))
    .handle('log:recent', () => [])
    .handle('hosts:add', (request: AddHostRequest) =>
      makeHost('hv5', {
        config: {
          address: request.address,
          user: request.user,
          ...(request.jumpHostId === undefined
            ? {}
            : { jumpHostId: HostId.parse(request.jumpHostId) }),
        },
      }),
    )
    .handle('hosts:update', (request: UpdateHostRequest) => {
      const before = FLEET.find((h) => h.config.id === request.hostId)!;
      const { jumpHostId: _old, ...config } = before.config;
      return {
        ...before,
        config: {
          ...config,
          ...(request.jumpHostId === undefined
            ? {}
            : { jumpHostId: HostId.parse(request.jumpHostId) }),
        },
      } satisfies Host;
    });
  renderWithApi(<App />, fake);
  return fake;
}

const optionsOf = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

async function editHost(user: ReturnType<typeof userEvent.setup>, name: string) {
  await screen.findByTestId('app-ready');
  const card = document.querySelector<HTMLElement>(`[data-host-name="${name}"]`)!;
  await user.click(within(card).getByRole('button', { name }));
  await user.click(within(screen.getByTestId('details-panel')).getByTestId('host-action-edit'));
  return screen.getByRole('dialog', { name: `Edit host ${name}` });
}

/** "Add host" opened, with an address and a user typed in. */
async function addHost(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByTestId('app-ready');
  await user.click(screen.getAllByTestId('add-host-button')[0]!);
  const dialog = screen.getByRole('dialog', { name: 'Add host' });
  await user.type(within(dialog).getByTestId('field-address'), '127.0.0.15');
  await user.type(within(dialog).getByTestId('field-user'), 'hv5');
  return dialog;
}

describe('Connect through (jump host) in the host form', () => {
  it('adds a host through the jump host chosen, and says so in its details', async () => {
    const user = userEvent.setup();
    const fake = open();
    const dialog = await addHost(user);
    const through = within(dialog).getByLabelText('Connect through');
    // Directly by default; no demo host and no host that is itself behind a jump host.
    expect((through as HTMLSelectElement).value).toBe('');
    expect(optionsOf(through)).toEqual(['Directly', 'hv1', 'hv2']);

    await user.selectOptions(through, 'hv1');
    await user.click(within(dialog).getByTestId('add-host-submit'));

    await waitFor(() => expect(fake.callsTo('hosts:add')).toHaveLength(1));
    expect(fake.callsTo('hosts:add')[0]).toMatchObject({
      address: '127.0.0.15',
      user: 'hv5',
      jumpHostId: 'hv1',
    });
    await waitFor(() => expect(screen.queryByTestId('add-host-dialog')).toBeNull());
    expect(screen.getByTestId('jump-host-fact').textContent).toBe('via hv1');
    // It types a whole host form: 4.9 s before the power fields, past vitest's 5 s under load.
  }, 15_000);

  it('sends no jump host when left at Directly', async () => {
    const user = userEvent.setup();
    const fake = open();
    const dialog = await addHost(user);
    await user.click(within(dialog).getByTestId('add-host-submit'));
    await waitFor(() => expect(fake.callsTo('hosts:add')).toHaveLength(1));
    expect(fake.callsTo('hosts:add')[0]).not.toHaveProperty('jumpHostId');
  });

  it('editing a host behind a jump host shows it chosen and keeps it', async () => {
    const user = userEvent.setup();
    const fake = open();
    const form = await editHost(user, 'hv4');
    const through = within(form).getByLabelText<HTMLSelectElement>('Connect through');
    expect(through.value).toBe('hv1');
    // Not itself, and not a host behind a jump host; hv1 and hv2 remain.
    expect(optionsOf(through)).toEqual(['Directly', 'hv1', 'hv2']);
    await user.clear(within(form).getByTestId('field-labels'));
    await user.type(within(form).getByTestId('field-labels'), 'zone=b');
    await user.click(within(form).getByTestId('add-host-submit'));
    await waitFor(() => expect(fake.callsTo('hosts:update')).toHaveLength(1));
    expect(fake.callsTo('hosts:update')[0]).toMatchObject({
      hostId: 'hv4',
      labels: { zone: 'b' },
      jumpHostId: 'hv1',
    });
  });

  it('editing hv1 does not offer hv1 itself, and moving a host back to Directly drops it', async () => {
    const user = userEvent.setup();
    const fake = open();
    const form = await editHost(user, 'hv1');
    const through = within(form).getByLabelText<HTMLSelectElement>('Connect through');
    expect(optionsOf(through)).toEqual(['Directly', 'hv2']);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    const form4 = await editHost(user, 'hv4');
    await user.selectOptions(
      within(form4).getByLabelText('Connect through'),
      within(form4).getByRole('option', { name: 'Directly' }),
    );
    await user.click(within(form4).getByTestId('add-host-submit'));
    await waitFor(() => expect(fake.callsTo('hosts:update')).toHaveLength(1));
    expect(fake.callsTo('hosts:update')[0]).not.toHaveProperty('jumpHostId');
  });
});
