// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddHostRequest } from '../../../shared/contract/requests';
import type { Host } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

const FINGERPRINT = 'SHA256:uNiVx3LkVkrKJKQc8i+3yA2N5VqM6lkK4ZgFJ8mNqvE';

function newHost(request: AddHostRequest, overrides: Partial<Host> = {}): Host {
  const name = request.name ?? request.address;
  return makeHost(name, {
    config: { address: request.address, port: request.port ?? 22, user: request.user },
    state: 'host-key-unknown',
    presentedFingerprint: FINGERPRINT,
    presentedKeyType: 'ED25519',
    ...overrides,
  });
}

function withoutPresented(host: Host): Host {
  const { presentedFingerprint: _shown, presentedKeyType: _type, ...rest } = host;
  return rest;
}

function bridge() {
  return new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([]))
    .handle('log:recent', () => [])
    .handle('hosts:remove', () => null);
}

async function openDialog(fake: FakeBridge) {
  renderWithApi(<App />, fake);
  await screen.findByTestId('app-ready');
  fireEvent.click(screen.getAllByTestId('add-host-button')[0]!);
  return screen.getByTestId('add-host-dialog');
}

function fill(dialog: HTMLElement, fields: Record<string, string>) {
  for (const [testId, value] of Object.entries(fields)) {
    fireEvent.change(within(dialog).getByTestId(testId), { target: { value } });
  }
}

describe('Add host', () => {
  it('validates fields before sending anything, with a message per field', async () => {
    const fake = bridge();
    const dialog = await openDialog(fake);
    expect(screen.getByRole('dialog', { name: 'Add host' })).toBe(dialog);
    fill(dialog, { 'field-port': '0', 'field-labels': 'zone' });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    expect(within(dialog).getByTestId('field-address-error').textContent).toBe(
      'Address is required',
    );
    expect(within(dialog).getByTestId('field-user-error').textContent).toBe('User is required');
    expect(within(dialog).getByTestId('field-port-error').textContent).toMatch(/1 to 65535/);
    expect(within(dialog).getByTestId('field-labels-error').textContent).toBe(
      '"zone" needs the form key=value',
    );
    expect(within(dialog).getByTestId('field-address').getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsTo('hosts:add')).toEqual([]);
    // Typing in a field clears its message.
    fill(dialog, { 'field-address': 'hv1' });
    expect(within(dialog).queryByTestId('field-address-error')).toBeNull();
  });

  it('goes through trust on first use: fingerprint shown, trusted, connected, closed', async () => {
    const fake = bridge();
    let added: Host | undefined;
    fake.handle(
      'hosts:add',
      (request) =>
        (added = newHost(request, {
          config: {
            id: 'hv1' as never,
            name: 'hv1',
            address: request.address,
            port: 22,
            user: 'lab',
            uri: 'qemu:///session',
            labels: { zone: 'a' },
            driver: 'libvirt',
          },
        })),
    );
    fake.handle('hosts:trust-key', () => ({
      ...withoutPresented(added!),
      state: 'connecting',
      trustedFingerprint: FINGERPRINT,
    }));
    const dialog = await openDialog(fake);
    fill(dialog, {
      'field-address': '127.0.0.11',
      'field-user': 'lab',
      'field-name': 'hv1',
      'field-uri': 'qemu:///session',
      'field-labels': 'zone=a',
    });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));

    const fingerprint = await screen.findByTestId('fingerprint-dialog');
    expect(fingerprint.getAttribute('role')).toBe('alertdialog');
    expect(fingerprint.textContent).toContain(
      'The authenticity of host ‘hv1 (127.0.0.11:22)’ can’t be established.',
    );
    expect(fingerprint.textContent).toContain('Its ED25519 key fingerprint is');
    expect(within(fingerprint).getByTestId('fingerprint-key-type').textContent).toBe('ED25519');
    expect(fingerprint.textContent).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    expect(within(fingerprint).getByTestId('fingerprint-value').textContent).toBe(FINGERPRINT);
    expect(fake.callsTo('hosts:add')).toEqual([
      {
        address: '127.0.0.11',
        port: 22,
        user: 'lab',
        name: 'hv1',
        uri: 'qemu:///session',
        labels: { zone: 'a' },
      },
    ]);

    fireEvent.click(within(fingerprint).getByTestId('trust-button'));
    await screen.findByTestId('add-host-connecting');
    expect(fake.callsTo('hosts:trust-key')).toEqual([{ hostId: 'hv1', fingerprint: FINGERPRINT }]);

    // The core then pushes the host connected: the dialog closes and the new host is selected.
    act(() => fake.emit('hosts:changed', { ...withoutPresented(added!), state: 'connected' }));
    await waitFor(() => expect(screen.queryByTestId('add-host-dialog')).toBeNull());
    expect(screen.queryByTestId('fingerprint-dialog')).toBeNull();
    expect(screen.getByTestId('details-panel').textContent).toContain('hv1');
  });

  it('Cancel at the fingerprint removes the host just added', async () => {
    const fake = bridge();
    fake.handle('hosts:add', (request) => newHost(request));
    const dialog = await openDialog(fake);
    fill(dialog, { 'field-address': 'hv7.example.net', 'field-user': 'root' });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    const fingerprint = await screen.findByTestId('fingerprint-dialog');
    fireEvent.click(within(fingerprint).getByTestId('trust-cancel-button'));
    await waitFor(() => expect(screen.queryByTestId('fingerprint-dialog')).toBeNull());
    expect(fake.callsTo('hosts:remove')).toEqual([{ hostId: 'hv7.example.net' }]);
    expect(screen.queryByTestId('add-host-dialog')).toBeNull();
    expect(screen.queryAllByTestId('host-card')).toHaveLength(0);
  });

  it('names the host when it cannot connect; Edit and retry changes that host, keeping its id', async () => {
    const fake = bridge();
    const refused = "Couldn't use the key file /k/locked for hv1: none was given";
    fake.handle('hosts:add', (request) =>
      newHost(request, {
        state: 'auth-failed',
        stateDetail: refused,
        problem: { code: 'key-file', message: refused, passphrase: 'missing' },
        presentedFingerprint: undefined,
      }),
    );
    fake.handle('hosts:update', (request) =>
      newHost(request, { state: 'connected', presentedFingerprint: undefined }),
    );
    const dialog = await openDialog(fake);
    fill(dialog, {
      'field-address': '127.0.0.11',
      'field-user': 'lab',
      'field-name': 'hv1',
      'field-key-path': '/k/locked',
    });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    const failure = await screen.findByTestId('add-host-failure');
    expect(failure.textContent).toContain(`Couldn't connect to hv1 (127.0.0.11:22): ${refused}`);
    expect(failure.textContent).toContain('State: Needs passphrase.');
    expect(within(failure).getByTestId('add-host-needs-passphrase').textContent).toContain(
      'give it in the form',
    );
    fireEvent.click(within(failure).getByTestId('edit-retry-button'));

    // The form again, as typed, over the stored host: nothing was removed.
    const form = screen.getByRole('dialog', { name: 'Edit host hv1' });
    expect(within(form).getByTestId<HTMLInputElement>('field-address').value).toBe('127.0.0.11');
    expect(within(form).getByTestId<HTMLInputElement>('field-name').value).toBe('hv1');
    expect(within(form).getByTestId('editing-note').textContent).toContain('keeps its place');
    fill(form, { 'field-passphrase': 'secret' });
    fireEvent.click(within(form).getByTestId('add-host-submit'));
    await waitFor(() => expect(screen.queryByTestId('add-host-dialog')).toBeNull());
    expect(fake.callsTo('hosts:remove')).toEqual([]);
    expect(fake.callsTo('hosts:update')).toEqual([
      {
        hostId: 'hv1',
        address: '127.0.0.11',
        port: 22,
        user: 'lab',
        name: 'hv1',
        keyPath: '/k/locked',
        passphrase: 'secret',
        uri: 'qemu:///system',
        labels: {},
      },
    ]);
    expect(screen.getByTestId('details-panel').textContent).toContain('hv1');
  });

  it('a key file the core refuses before saving is said next to its field, and nothing is added', async () => {
    const fake = bridge().handle('hosts:add', () => {
      throw new AppError(
        'key-file',
        "Couldn't add host hv1: Couldn't read the key file /k/gone for hv1: no such file",
      );
    });
    const dialog = await openDialog(fake);
    fill(dialog, { 'field-address': 'hv1', 'field-user': 'lab', 'field-key-path': '/k/gone' });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    const error = await within(dialog).findByTestId('field-key-path-error');
    expect(error.textContent).toBe("Couldn't read the key file /k/gone for hv1: no such file");
    expect(within(dialog).queryByTestId('add-host-error')).toBeNull();
    expect(screen.queryAllByTestId('host-card')).toHaveLength(0);
    // Typing a new path clears it.
    fill(dialog, { 'field-key-path': '/k/id_ed25519' });
    expect(within(dialog).queryByTestId('field-key-path-error')).toBeNull();
  });

  it('editing a host named by its address: the name follows a new address', async () => {
    const stored = makeHost('10.0.0.5', { state: 'unreachable' });
    stored.config = { ...stored.config, name: '10.0.0.5', address: '10.0.0.5' };
    const fake = new FakeBridge()
      .handle('fleet:snapshot', () => makeFleet([stored]))
      .handle('log:recent', () => [])
      .handle('hosts:update', (request) => ({
        ...stored,
        config: {
          ...stored.config,
          address: request.address,
          name: request.name || request.address,
        },
        state: 'connected' as const,
      }));
    renderWithApi(<App />, fake);
    await screen.findByTestId('app-ready');
    const card = document.querySelector<HTMLElement>('[data-testid="host-card"]')!;
    fireEvent.click(within(card).getByRole('button', { name: '10.0.0.5' }));
    fireEvent.click(within(screen.getByTestId('details-panel')).getByTestId('host-action-edit'));
    const form = screen.getByRole('dialog', { name: 'Edit host 10.0.0.5' });
    expect(within(form).getByTestId<HTMLInputElement>('field-name').value).toBe('');
    fill(form, { 'field-address': '10.0.0.6' });
    fireEvent.click(within(form).getByTestId('add-host-submit'));
    await waitFor(() => expect(fake.callsTo('hosts:update')).toHaveLength(1));
    const [sent] = fake.callsTo('hosts:update') as { name?: string; address: string }[];
    expect(sent?.address).toBe('10.0.0.6');
    expect(sent?.name ?? '').toBe('');
  });

  it('Edit and retry: a refused change shows in the form, which stays', async () => {
    const fake = bridge();
    fake.handle('hosts:add', (request) =>
      newHost(request, { state: 'unreachable', presentedFingerprint: undefined }),
    );
    fake.handle('hosts:update', () => {
      throw new AppError('conflict', 'lab@127.0.0.12:22 is already in the console as hv2');
    });
    const dialog = await openDialog(fake);
    fill(dialog, { 'field-address': '127.0.0.99', 'field-user': 'lab', 'field-name': 'hv1' });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    fireEvent.click(await screen.findByTestId('edit-retry-button'));
    const form = screen.getByTestId('add-host-dialog');
    fill(form, { 'field-address': '127.0.0.12' });
    fireEvent.click(within(form).getByTestId('add-host-submit'));
    const error = await within(form).findByTestId('add-host-error');
    expect(error.textContent).toContain("Couldn't change host hv1");
    expect(error.textContent).toContain('already in the console as hv2');
    expect(fake.callsTo('hosts:add')).toHaveLength(1);
  });

  it('Keep host closes and leaves the host in the topology', async () => {
    const fake = bridge();
    fake.handle('hosts:add', (request) =>
      newHost(request, { state: 'auth-failed', stateDetail: 'publickey refused' }),
    );
    const dialog = await openDialog(fake);
    fill(dialog, { 'field-address': 'hv2', 'field-user': 'lab' });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    fireEvent.click(await screen.findByTestId('keep-host-button'));
    expect(screen.queryByTestId('add-host-dialog')).toBeNull();
    await waitFor(() =>
      expect(screen.getAllByTestId('host-card').map((c) => c.dataset.state)).toEqual([
        'auth-failed',
      ]),
    );
    expect(fake.callsTo('hosts:remove')).toEqual([]);
  });

  it('shows a refused add inline, with its detail behind a disclosure', async () => {
    const fake = bridge();
    fake.handle('hosts:add', () => {
      throw new AppError('conflict', 'A host with address 127.0.0.11:22 already exists', {
        detail: 'UNIQUE constraint failed',
      });
    });
    const dialog = await openDialog(fake);
    fill(dialog, { 'field-address': '127.0.0.11', 'field-user': 'lab' });
    fireEvent.click(within(dialog).getByTestId('add-host-submit'));
    const error = await within(dialog).findByTestId('add-host-error');
    expect(error.textContent).toContain("Couldn't add host 127.0.0.11");
    expect(error.textContent).toContain('A host with address 127.0.0.11:22 already exists');
    expect(error.textContent).not.toContain('UNIQUE');
    fireEvent.click(within(error).getByRole('button', { name: 'Show details' }));
    expect(error.textContent).toContain('UNIQUE constraint failed');
    expect(within(dialog).getByTestId<HTMLInputElement>('field-address').value).toBe('127.0.0.11');
  });

  it('closes on Escape', async () => {
    const dialog = await openDialog(bridge());
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('add-host-dialog')).toBeNull();
  });
});
