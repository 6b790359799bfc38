// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { movePlan } from '../../testing/move-fixtures';
import { MoveBar } from '../move/MoveBar';

afterEach(() => {
  cleanup();
  useUiStore.getState().clearVmSelection();
});

const web1 = makeVm('hv1', 'web-1');
const web2 = makeVm('hv1', 'web-2', { state: 'shutoff' });
const db = makeVm('hv2', 'db', { state: 'paused' });

function bridge() {
  return new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([makeHost('hv1'), makeHost('hv2')], [web1, web2, db]))
    .handle('log:recent', () => [])
    .handle('plans:list', () => [])
    .handle('vms:plan-power', () => movePlan('web-1', { kind: 'power', id: 'power-1' as never }));
}

describe('power actions on the VM selection', () => {
  it('read the one selection store, count per action, and open the plan review', async () => {
    // Whatever fills vmSelection (the cards' Ctrl-click, a table's checkboxes) feeds the bar.
    const fake = bridge();
    renderWithApi(<MoveBar hostCount={2} />, fake);
    act(() => useUiStore.setState({ vmSelection: [web1.id, web2.id, db.id] }));
    await waitFor(() =>
      expect(screen.getByTestId('power-shutdown').textContent).toBe('Shut down (2)'),
    );
    expect(screen.getByTestId('power-start').textContent).toBe('Start (1)');
    expect(screen.getByTestId('power-pause').textContent).toBe('Pause (1)');
    expect(screen.getByTestId('power-resume').textContent).toBe('Resume (1)');
    expect(screen.getByTestId('power-reboot').textContent).toBe('Reboot (1)');
    fireEvent.click(screen.getByTestId('power-shutdown'));
    await waitFor(() => expect(useUiStore.getState().reviewPlanId).toBe('power-1'));
    expect(fake.callsTo('vms:plan-power')).toEqual([
      { action: 'shutdown', vmIds: [web1.id, web2.id, db.id] },
    ]);
  });

  it('a button no selected VM fits is disabled', async () => {
    renderWithApi(<MoveBar hostCount={2} />, bridge());
    act(() => useUiStore.setState({ vmSelection: [web2.id] }));
    await waitFor(() => expect(screen.getByTestId('power-start').textContent).toBe('Start (1)'));
    expect(screen.getByTestId<HTMLButtonElement>('power-shutdown').disabled).toBe(true);
  });
});
