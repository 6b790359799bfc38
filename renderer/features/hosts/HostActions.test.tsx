// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/domain';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { movePlan } from '../../testing/move-fixtures';
import { HostActions } from './HostActions';

afterEach(cleanup);

/** The actions of the fleet's one host, read live from the cache as the details panel does. */
function LiveActions() {
  const { data } = useFleet();
  const host = data?.hosts[0];
  return host ? <HostActions host={host} /> : null;
}

const inMaintenance = (host: Host): Host => ({
  ...host,
  config: { ...host.config, maintenance: true },
});

function bridgeFor(host: Host) {
  return new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([host], [makeVm('hv1', 'web-1')]))
    .handle('log:recent', () => [])
    .handle('plans:list', () => []);
}

describe('HostActions: maintenance', () => {
  it('Enter maintenance marks the host and opens the review of its evacuation', async () => {
    const host = makeHost('hv1');
    const evacuation = movePlan('web-1', { kind: 'evacuate', id: 'evac-hv1' as never });
    const bridge = bridgeFor(host).handle('hosts:set-maintenance', () => ({
      host: inMaintenance(host),
      evacuation: { ok: true, plan: evacuation },
    }));
    renderWithApi(<LiveActions />, bridge);
    fireEvent.click(await screen.findByTestId('host-action-maintenance'));
    await waitFor(() => expect(useUiStore.getState().reviewPlanId).toBe('evac-hv1'));
    expect(bridge.callsTo('hosts:set-maintenance')).toEqual([{ hostId: 'hv1', maintenance: true }]);
  });

  it('an evacuation the engine cannot plan is shown with every reason; the host stays marked', async () => {
    const host = makeHost('hv1');
    const bridge = bridgeFor(host).handle('hosts:set-maintenance', () => ({
      host: inMaintenance(host),
      evacuation: {
        ok: false,
        message: "hv1's VMs fit nowhere else",
        unplaced: [
          {
            vmName: 'web-1',
            reasons: ['2 hosts: memory short by 512 MiB'],
            suggestions: ['add a host with at least 2048 MiB of memory'],
          },
        ],
      },
    }));
    renderWithApi(<LiveActions />, bridge);
    fireEvent.click(await screen.findByTestId('host-action-maintenance'));
    await waitFor(() => expect(bridge.callsTo('hosts:set-maintenance')).toHaveLength(1));
    // The answer's host (in maintenance) is written to the fleet cache: the actions follow it.
    const refused = await screen.findByTestId('evacuation-refused');
    expect(refused.textContent).toContain("hv1's VMs fit nowhere else");
    expect(refused.textContent).toContain('web-1: 2 hosts: memory short by 512 MiB');
    expect(useUiStore.getState().reviewPlanId).toBeNull();
    expect(screen.getByTestId('host-action-maintenance').textContent).toBe('Leave maintenance');
  });

  it('an evacuation that cannot move everything offers "Move what fits", listing what stays and why', async () => {
    const host = makeHost('hv1');
    const partial = movePlan('web-1', { kind: 'evacuate', id: 'evac-part' as never });
    const bridge = bridgeFor(host).handle('hosts:set-maintenance', () => ({
      host: inMaintenance(host),
      evacuation: {
        ok: false,
        message: "Couldn't plan emptying hv1: 1 of its 2 VMs fits on no other host",
        unplaced: [
          { vmName: 'db-1', reasons: ['2 hosts: memory short by 4.0 GiB'], suggestions: [] },
        ],
        partial,
      },
    }));
    renderWithApi(<LiveActions />, bridge);
    fireEvent.click(await screen.findByTestId('host-action-maintenance'));
    const refused = await screen.findByTestId('evacuation-refused');
    expect(screen.getByTestId('evacuation-stays').textContent).toBe(
      'db-1: 2 hosts: memory short by 4.0 GiB',
    );
    // Nothing opens by itself: the admin reads what stays, then chooses.
    expect(useUiStore.getState().reviewPlanId).toBeNull();
    const button = screen.getByTestId('move-what-fits');
    expect(button.textContent).toBe('Move what fits (1 of 2)');
    fireEvent.click(button);
    expect(useUiStore.getState().reviewPlanId).toBe('evac-part');
    expect(refused.className).toContain('notice-block');
  });

  it('Leave maintenance asks the core to take the flag off', async () => {
    const host = inMaintenance(makeHost('hv1'));
    const bridge = bridgeFor(host).handle('hosts:set-maintenance', () => ({
      host: makeHost('hv1'),
    }));
    renderWithApi(<LiveActions />, bridge);
    fireEvent.click(await screen.findByTestId('host-action-maintenance'));
    await waitFor(() =>
      expect(bridge.callsTo('hosts:set-maintenance')).toEqual([
        { hostId: 'hv1', maintenance: false },
      ]),
    );
  });

  it('a failure names the action and the host', async () => {
    const host = makeHost('hv1');
    const bridge = bridgeFor(host).handle('hosts:set-maintenance', () => {
      throw new Error('inventory is read-only');
    });
    renderWithApi(<LiveActions />, bridge);
    fireEvent.click(await screen.findByTestId('host-action-maintenance'));
    const error = await screen.findByTestId('maintenance-error');
    expect(error.textContent).toContain("Couldn't put hv1 into maintenance");
    expect(error.textContent).toContain('inventory is read-only');
  });
});
