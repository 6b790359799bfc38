// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

function open(hosts: Host[], vms = [makeVm('hv1', 'web-1')]) {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet(hosts, vms))
    .handle('log:recent', () => []);
  renderWithApi(<App />, fake);
  return fake;
}

const selectHost = async (name: string) => {
  await screen.findByTestId('app-ready');
  const card = document.querySelector<HTMLElement>(
    `[data-testid="host-card"][data-host-name="${name}"]`,
  )!;
  fireEvent.click(within(card).getByRole('button', { name }));
  return screen.getByTestId('details-panel');
};

describe('Details panel', () => {
  it("runs a VM action and words its failure as \"Couldn't start VM 'x' on hv1\"", async () => {
    const fake = open([makeHost('hv1')], [makeVm('hv1', 'db "main"', { state: 'shutoff' })]);
    fake.handle('vms:action', () => {
      throw new AppError('command-failed', 'virsh start failed', {
        detail: "error: Cannot access storage file '/x.qcow2'",
      });
    });
    await screen.findByTestId('app-ready');
    fireEvent.click(screen.getByTestId('vm-card'));
    const panel = screen.getByTestId('details-panel');
    expect(within(panel).getByTestId<HTMLButtonElement>('vm-action-shutdown').disabled).toBe(true);
    fireEvent.click(within(panel).getByTestId('vm-action-start'));
    const error = await within(panel).findByTestId('vm-action-error');
    expect(error.textContent).toContain(`Couldn't start VM 'db "main"' on hv1`);
    expect(error.textContent).toContain('virsh start failed');
    expect(fake.callsTo('vms:action')).toEqual([
      { hostId: 'hv1', vmId: expect.any(String) as unknown, action: 'start' },
    ]);
  });

  it('offers Resume for a paused VM, and only for a paused one', async () => {
    const fake = open([makeHost('hv1')], [makeVm('hv1', 'web-1', { state: 'paused' })]).handle(
      'vms:action',
      () => null,
    );
    await screen.findByTestId('app-ready');
    fireEvent.click(screen.getByTestId('vm-card'));
    const panel = screen.getByTestId('details-panel');
    const resume = within(panel).getByTestId<HTMLButtonElement>('vm-action-resume');
    expect(resume.textContent).toBe('Resume');
    expect(within(panel).getByTestId<HTMLButtonElement>('vm-action-start').disabled).toBe(true);
    fireEvent.click(resume);
    await waitFor(() =>
      expect(fake.callsTo('vms:action')).toEqual([
        { hostId: 'hv1', vmId: expect.any(String) as unknown, action: 'resume' },
      ]),
    );
  });

  it('with several VMs selected, a power button acts on all of them, or says why it cannot', async () => {
    const vms = [
      makeVm('hv1', 'web-1'),
      makeVm('hv1', 'web-2'),
      makeVm('hv1', 'db-1', { state: 'shutoff' }),
    ];
    const fake = open([makeHost('hv1')], vms).handle('vms:action', () => null);
    await screen.findByTestId('app-ready');
    const card = (name: string) =>
      document.querySelector<HTMLElement>(`[data-testid="vm-card"][data-vm-name="${name}"]`)!;
    fireEvent.click(card('web-1'), { ctrlKey: true });
    fireEvent.click(card('web-2'), { ctrlKey: true });
    const panel = screen.getByTestId('details-panel');
    expect(within(panel).getByTestId('vm-power-scope').textContent).toBe(
      'Power actions apply to the 2 selected VMs: web-1, web-2.',
    );
    const shutdown = within(panel).getByTestId<HTMLButtonElement>('vm-action-shutdown');
    expect(shutdown.textContent).toBe('Shut down 2 VMs');
    fireEvent.click(shutdown);
    await waitFor(() => expect(fake.callsTo('vms:action')).toHaveLength(2));
    expect(fake.callsTo('vms:action')).toEqual([
      { hostId: 'hv1', vmId: vms[0]!.id, action: 'shutdown' },
      { hostId: 'hv1', vmId: vms[1]!.id, action: 'shutdown' },
    ]);
    // A shut-off VM joins the set: Shut down no longer fits all three, and says why.
    fireEvent.click(card('db-1'), { ctrlKey: true });
    const blocked = within(screen.getByTestId('details-panel')).getByTestId<HTMLButtonElement>(
      'vm-action-shutdown',
    );
    await waitFor(() => expect(blocked.disabled).toBe(true));
    expect(blocked.title).toBe('Not for all 3 selected VMs: db-1 is shut off');
  });

  it('asks before forcing a VM off', async () => {
    const fake = open([makeHost('hv1')]).handle('vms:action', () => null);
    await screen.findByTestId('app-ready');
    fireEvent.click(screen.getByTestId('vm-card'));
    fireEvent.click(screen.getByTestId('vm-action-destroy'));
    const confirm = screen.getByRole('alertdialog', { name: "Force off VM 'web-1'?" });
    expect(fake.callsTo('vms:action')).toEqual([]);
    fireEvent.click(within(confirm).getByTestId('confirm-button'));
    await waitFor(() => expect(fake.callsTo('vms:action')).toHaveLength(1));
  });

  it('shows the OpenSSH-style warning with both fingerprints for a changed host key', async () => {
    open([
      makeHost('hv1', {
        state: 'host-key-changed',
        trustedFingerprint: 'SHA256:old',
        trustedKeyType: 'ED25519',
        presentedFingerprint: 'SHA256:new',
        presentedKeyType: 'RSA',
      }),
    ]);
    const panel = await selectHost('hv1');
    const warning = within(panel).getByTestId('host-key-changed-warning');
    expect(warning.textContent).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(within(warning).getByTestId('presented-key-line').textContent).toBe(
      'The fingerprint for the RSA key sent by the remote host is SHA256:new.',
    );
    expect(warning.textContent).toContain('TrustedED25519 SHA256:old');
    expect(warning.textContent).toContain('Presented nowRSA SHA256:new');
    expect(within(warning).getByTestId('trusted-fingerprint').textContent).toBe('SHA256:old');
    expect(within(warning).getByTestId('presented-fingerprint').textContent).toBe('SHA256:new');
    expect(warning.textContent).toContain('only if you expected the key change');
    expect(within(panel).getByTestId<HTMLButtonElement>('host-action-reconnect').disabled).toBe(
      true,
    );
  });

  it('asks for the passphrase when the core says the key lacks it, and sends it once', async () => {
    const message = "Couldn't use the key file /home/me/.ssh/id_ed25519 for hv1: none was given";
    const hv1 = makeHost('hv1', {
      state: 'auth-failed',
      stateDetail: message,
      problem: { code: 'key-file', message, passphrase: 'missing' },
      config: { keyPath: '/home/me/.ssh/id_ed25519' },
    });
    const fake = open([hv1]);
    const wrong = {
      ...hv1,
      problem: { code: 'key-file' as const, message, passphrase: 'wrong' as const },
    };
    fake.handle('hosts:reconnect', () => wrong);
    const card = await screen.findByTestId('host-card');
    expect(card.textContent).toContain('Needs passphrase');
    const summary = screen.getByTestId('summary-bar').textContent;
    expect(summary).toContain('1 needs a passphrase');
    expect(summary).not.toContain('auth failed');
    const panel = await selectHost('hv1');
    // Shown at once, without a failed click first: the host's problem says what is missing.
    expect(within(panel).getByTestId('needs-passphrase').textContent).toBe(
      'The key is protected by a passphrase. Give it to connect:',
    );
    fireEvent.change(within(panel).getByTestId('field-reconnect-passphrase'), {
      target: { value: 'pw' },
    });
    fireEvent.submit(within(panel).getByTestId('passphrase-form'));
    await waitFor(() =>
      expect(within(panel).getByTestId('needs-passphrase').textContent).toMatch(/did not open/),
    );
    expect(fake.callsTo('hosts:reconnect')).toEqual([{ hostId: 'hv1', passphrase: 'pw' }]);
    expect(screen.getByTestId('host-card').textContent).toContain('Wrong passphrase');
    expect(within(panel).getByTestId<HTMLInputElement>('field-reconnect-passphrase').value).toBe(
      '',
    );

    act(() => fake.emit('hosts:changed', { ...makeHost('hv1'), config: hv1.config }));
    await waitFor(() => expect(within(panel).queryByTestId('passphrase-form')).toBeNull());
  });

  it('offers no passphrase for a key the host refused, whatever the words say', async () => {
    const said = 'hv1 refused our key (is the passphrase right? the key encrypted?)';
    open([
      makeHost('hv1', {
        state: 'auth-failed',
        stateDetail: said,
        problem: { code: 'auth-failed', message: said },
        config: { keyPath: '/home/me/.ssh/id_ed25519' },
      }),
    ]);
    const panel = await selectHost('hv1');
    expect(within(panel).queryByTestId('passphrase-form')).toBeNull();
    expect(screen.getByTestId('host-card').textContent).toContain('Auth failed');
    // Still there on request, for a key whose passphrase the admin knows it needs.
    fireEvent.click(within(panel).getByRole('button', { name: 'Reconnect with passphrase…' }));
    expect(within(panel).getByTestId('passphrase-form')).toBeTruthy();
    expect(within(panel).queryByTestId('needs-passphrase')).toBeNull();
  });

  it('asks to trust the key when a reconnect reaches a host for the first time', async () => {
    const hv1 = makeHost('hv1', { state: 'auth-failed' });
    const fake = open([hv1]).handle('hosts:reconnect', () => ({
      ...hv1,
      state: 'host-key-unknown',
      presentedFingerprint: 'SHA256:first',
    }));
    const panel = await selectHost('hv1');
    fireEvent.click(within(panel).getByTestId('host-action-reconnect'));
    const dialog = await screen.findByTestId('fingerprint-dialog');
    expect(within(dialog).getByTestId('fingerprint-value').textContent).toBe('SHA256:first');
    expect(fake.callsTo('hosts:reconnect')).toEqual([{ hostId: 'hv1' }]);
  });

  it('removes a host only after confirmation, then clears the selection', async () => {
    const fake = open([makeHost('hv1')]).handle('hosts:remove', () => null);
    const panel = await selectHost('hv1');
    fireEvent.click(within(panel).getByTestId('host-action-remove'));
    const confirm = screen.getByRole('alertdialog', { name: 'Remove host hv1?' });
    fireEvent.click(within(confirm).getByTestId('confirm-button'));
    await waitFor(() => expect(screen.queryByTestId('details-panel')).toBeNull());
    expect(fake.callsTo('hosts:remove')).toEqual([{ hostId: 'hv1' }]);
    expect(screen.queryAllByTestId('host-card')).toHaveLength(0);
  });

  it('offers to verify the fingerprint of a host left waiting for trust', async () => {
    const hv1 = makeHost('hv1', { state: 'host-key-unknown', presentedFingerprint: 'SHA256:abc' });
    const fake = open([hv1]).handle('hosts:trust-key', () => ({ ...hv1, state: 'connecting' }));
    const panel = await selectHost('hv1');
    fireEvent.click(within(panel).getByTestId('verify-key-button'));
    fireEvent.click(within(screen.getByTestId('fingerprint-dialog')).getByTestId('trust-button'));
    await waitFor(() => expect(screen.queryByTestId('fingerprint-dialog')).toBeNull());
    expect(fake.callsTo('hosts:trust-key')).toEqual([{ hostId: 'hv1', fingerprint: 'SHA256:abc' }]);
  });
});
