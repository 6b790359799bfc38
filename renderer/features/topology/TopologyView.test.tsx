// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HostId } from '../../../shared/domain';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFacts, makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

const HOSTILE = `it's a "test" $(rm -rf /) <b>bold</b> ${'x'.repeat(120)}`;

function fleetBridge(fleet = mixedFleet()) {
  return new FakeBridge().handle('fleet:snapshot', () => fleet).handle('log:recent', () => []);
}

function mixedFleet() {
  return makeFleet(
    [
      makeHost('hv1'),
      makeHost('hv2', { state: 'unreachable', stateDetail: 'connect ECONNREFUSED 10.0.0.2:22' }),
      makeHost('hv3', {
        state: 'host-key-changed',
        presentedFingerprint: 'SHA256:new',
        trustedFingerprint: 'SHA256:old',
      }),
      makeHost('hv4', {
        state: 'hypervisor-problem',
        facts: {
          at: 0,
          value: makeFacts('hv4', {
            virtualLayer: {
              status: 'missing',
              uri: 'qemu:///system',
              liveMigration: false,
              problem: 'virsh not found: install libvirt-clients',
            },
          }),
        },
      }),
    ],
    [
      makeVm('hv1', HOSTILE, { application: 'shop"<app>' as never }),
      makeVm('hv1', 'db', { state: 'crashed', memoryMiB: 512 }),
      makeVm('hv2', 'mail', { state: 'shutoff', memoryMiB: 3072, vcpus: 4 }),
    ],
  );
}

const card = (name: string) =>
  document.querySelector<HTMLElement>(`[data-testid="host-card"][data-host-name="${name}"]`)!;

describe('TopologyView', () => {
  it('draws every host with its state in words and as data-state, and marks the page ready', async () => {
    renderWithApi(<App />, fleetBridge());
    await screen.findByTestId('app-ready');
    expect(document.body.dataset.ready).toBe('true');
    const cards = screen.getAllByTestId('host-card');
    expect(cards.map((c) => [c.dataset.hostName, c.dataset.state])).toEqual([
      ['hv1', 'connected'],
      ['hv2', 'unreachable'],
      ['hv3', 'host-key-changed'],
      ['hv4', 'hypervisor-problem'],
    ]);
    expect(within(card('hv1')).getByText('Connected')).toBeTruthy();
    expect(within(card('hv3')).getByText('Host key changed')).toBeTruthy();
  });

  it('shows the layers: OS line, hypervisor line, and the problem text when libvirt is missing', async () => {
    renderWithApi(<App />, fleetBridge());
    await screen.findByTestId('app-ready');
    expect(
      within(card('hv1')).getByText('Debian GNU/Linux 12 (bookworm) · 6.1.0-40-amd64'),
    ).toBeTruthy();
    expect(within(card('hv1')).getByText('16 cores · 64.0 GiB · load 0.50 0.40 0.30')).toBeTruthy();
    expect(
      within(card('hv1')).getByText('QEMU 7.2.0 · libvirt 9.0.0 · qemu:///session'),
    ).toBeTruthy();
    expect(within(card('hv4')).getByText('virsh not found: install libvirt-clients')).toBeTruthy();
    expect(within(card('hv4')).getByText('No VMs')).toBeTruthy();
  });

  it('gives a host in trouble its reason line and a trouble class', async () => {
    renderWithApi(<App />, fleetBridge());
    await screen.findByTestId('app-ready');
    expect(card('hv2').className).toContain('is-trouble');
    expect(card('hv1').className).not.toContain('is-trouble');
    expect(within(card('hv2')).getByTestId('host-reason').textContent).toBe(
      'connect ECONNREFUSED 10.0.0.2:22',
    );
  });

  it('renders hostile VM names as text, whole in the title and data attribute', async () => {
    renderWithApi(<App />, fleetBridge());
    await screen.findByTestId('app-ready');
    const vm = document.querySelector<HTMLElement>(
      '[data-testid="vm-card"][data-state="running"]',
    )!;
    expect(vm.dataset.vmName).toBe(HOSTILE);
    expect(vm.querySelector('.vm-name')?.textContent).toBe(HOSTILE);
    expect(vm.title.startsWith(HOSTILE)).toBe(true);
    expect(vm.querySelector('b')).toBeNull();
    expect(within(vm).getByText('shop"<app>')).toBeTruthy();
  });

  it('shows VM state, vCPUs and memory in MiB or GiB', async () => {
    renderWithApi(<App />, fleetBridge());
    await screen.findByTestId('app-ready');
    const db = document.querySelector<HTMLElement>('[data-vm-name="db"]')!;
    expect(db.dataset.state).toBe('crashed');
    expect(within(db).getByText('Crashed')).toBeTruthy();
    expect(within(db).getByText('2 vCPU · 512 MiB')).toBeTruthy();
    const mail = document.querySelector<HTMLElement>('[data-vm-name="mail"]')!;
    expect(within(mail).getByText('4 vCPU · 3.0 GiB')).toBeTruthy();
  });

  it('a running VM on a lost host is unknown, last seen running, and its host says what its peers see', async () => {
    const lastSeen = new Date(2026, 11, 5, 10, 42, 5).getTime();
    const fleet = makeFleet(
      [
        makeHost('hv1'),
        makeHost('hv2'),
        makeHost('hv3', {
          state: 'unreachable',
          lastSeen,
          witness: {
            verdict: 'partition',
            alive: [HostId.parse('hv1'), HostId.parse('hv2')],
            dead: [],
            refused: [],
            unasked: [],
            checkedAt: lastSeen + 20_000,
          },
        }),
      ],
      [makeVm('hv1', 'web-1'), makeVm('hv3', 'web-2')],
    );
    renderWithApi(<App />, fleetBridge(fleet));
    await screen.findByTestId('app-ready');
    const lost = document.querySelector<HTMLElement>('[data-vm-name="web-2"]')!;
    expect(lost.dataset.state).toBe('unknown');
    expect(lost.dataset.lastState).toBe('running');
    expect(within(lost).getByText('Unknown — last seen running at 10:42')).toBeTruthy();
    expect(within(lost).queryByTestId('vm-usage')).toBeNull();
    expect(within(card('hv3')).getByTestId('host-witness').textContent).toBe(
      'Unreachable from this console, alive for hv1 and hv2 · asked 10:42:25',
    );
    expect(screen.getByTestId('summary-vms').textContent).toBe(
      'VMs 1 running · 1 unknown / 2 total',
    );
  });

  it('summarises hosts by state and VMs running of total', async () => {
    renderWithApi(<App />, fleetBridge());
    const summary = await screen.findByTestId('summary-bar');
    expect(summary.textContent).toContain('4 hosts');
    expect(summary.textContent).toContain('1 unreachable');
    expect(screen.getByTestId('summary-vms').textContent).toBe(
      'VMs 1 running · 1 unknown / 3 total',
    );
    fireEvent.click(within(summary).getByRole('button', { name: /problems only/ }));
    expect(screen.getAllByTestId('host-card').map((c) => c.dataset.hostName)).toEqual([
      'hv2',
      'hv3',
      'hv4',
    ]);
  });

  it('follows push events: a host going down turns its card red', async () => {
    const bridge = fleetBridge();
    renderWithApi(<App />, bridge);
    await screen.findByTestId('app-ready');
    act(() =>
      bridge.emit(
        'hosts:changed',
        makeHost('hv1', { state: 'auth-failed', stateDetail: 'key refused' }),
      ),
    );
    // react-query notifies observers on its own tick, as it would in the window.
    await waitFor(() => expect(card('hv1').dataset.state).toBe('auth-failed'));
    expect(within(card('hv1')).getByText('key refused')).toBeTruthy();
    act(() => bridge.emit('hosts:removed', { hostId: HostId.parse('hv2') }));
    await waitFor(() => expect(card('hv2')).toBeNull());
  });

  it('labels the demo fleet and hides it on request', async () => {
    const demo = makeHost('demo-hv01', { config: { driver: 'demo' } });
    const bridge = fleetBridge(makeFleet([demo], [makeVm('demo-hv01', 'web-1')], true)).handle(
      'demo:set',
      () => null,
    );
    renderWithApi(<App />, bridge);
    const banner = await screen.findByTestId('demo-banner');
    expect(banner.textContent).toContain('Demo fleet — simulated hosts.');
    // The cards come in the first snapshot's transition, after the banner.
    await waitFor(() => expect(within(card('demo-hv01')).getByText('DEMO')).toBeTruthy());
    fireEvent.click(screen.getByTestId('hide-demo-button'));
    await waitFor(() => expect(screen.queryAllByTestId('host-card')).toHaveLength(0));
    expect(bridge.callsTo('demo:set')).toEqual([{ enabled: false }]);
    expect(screen.queryByTestId('demo-banner')).toBeNull();
    expect(screen.getAllByTestId('add-host-button').length).toBeGreaterThan(0);
  });

  it('says so when the snapshot cannot be loaded', async () => {
    const bridge = new FakeBridge().handle('log:recent', () => []);
    renderWithApi(<App />, bridge);
    expect(await screen.findByText("Couldn't load the fleet")).toBeTruthy();
    expect(document.body.dataset.ready).toBeUndefined();
  });
});
