// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { renderWithApi } from '../../testing/render';
import { useDragStore } from './drag-store';
import { moveBridge, moveFleet, movePlan } from '../../testing/move-fixtures';

afterEach(() => {
  cleanup();
  useDragStore.setState(useDragStore.getInitialState(), true);
});

const vmCard = (name: string) =>
  document.querySelector<HTMLElement>(`[data-testid="vm-card"][data-vm-name="${name}"]`)!;

async function ready(bridge = moveBridge()) {
  renderWithApi(<App />, bridge);
  await screen.findByTestId('app-ready');
  await waitFor(() => expect(bridge.callsTo('paths:list')).toHaveLength(1));
  await act(() => new Promise((r) => setTimeout(r, 0)));
  return bridge;
}

const rows = () =>
  within(screen.getByTestId('move-to-dialog'))
    .getAllByTestId('move-to-host')
    .map((r) => [r.dataset.hostId, r.dataset.verdict]);

describe('Move to… without a mouse', () => {
  it('m opens the hosts sorted fits, soft, refused; arrows and Enter plan the move and open its review', async () => {
    const { fleet, web1 } = moveFleet();
    const plan = movePlan('web-1');
    const bridge = await ready(
      moveBridge(fleet).handle('vms:plan-moves', () => ({ ok: true, plan })),
    );
    fireEvent.click(vmCard('web-1'));
    fireEvent.keyDown(document.body, { key: 'm' });
    const dialog = await screen.findByTestId('move-to-dialog');
    expect(rows()).toEqual([
      ['hv2', 'fits'],
      ['hv6', 'soft'],
      ['hv3', 'refused'],
      ['hv4', 'refused'],
      ['hv5', 'refused'],
    ]);
    expect(dialog.textContent).toContain('Ctrl+Z: undo the last move');
    const list = within(dialog).getByRole('listbox');
    expect(document.activeElement).toBe(list);
    expect(within(dialog).getAllByRole('option')[0]!.textContent).toContain('hv2 after the move');
    // Down to a refused host: Enter says why and asks nothing.
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(within(dialog).getByTestId('move-to-refused').textContent).toContain(
      'hv3: Refused: host in maintenance',
    );
    expect(bridge.callsTo('vms:plan-moves')).toEqual([]);
    fireEvent.keyDown(list, { key: 'Home' });
    fireEvent.keyDown(list, { key: 'Enter' });
    await waitFor(() => expect(useUiStore.getState().reviewPlanId).toBe(plan.id));
    expect(bridge.callsTo('vms:plan-moves')).toEqual([
      { moves: [{ vmId: web1.id, fromHostId: 'hv1', toHostId: 'hv2' }], concurrency: 2 },
    ]);
    expect(screen.queryByTestId('move-to-dialog')).toBeNull();
  });

  it('hands focus from Move to… to the review it opens; Esc closes the review and focus is back on the card', async () => {
    const { fleet } = moveFleet();
    const plan = movePlan('web-1');
    await ready(moveBridge(fleet).handle('vms:plan-moves', () => ({ ok: true, plan })));
    const card = vmCard('web-1');
    card.focus();
    fireEvent.click(card);
    fireEvent.keyDown(card, { key: 'm' });
    const chooser = await screen.findByTestId('move-to-dialog');
    expect(chooser.tagName).toBe('DIALOG');
    expect((chooser as HTMLDialogElement).open).toBe(true);
    fireEvent.keyDown(within(chooser).getByRole('listbox'), { key: 'Enter' });
    const review = await screen.findByTestId('plan-review');
    await waitFor(() => expect(screen.queryByTestId('move-to-dialog')).toBeNull());
    // Focus is in the review, not on the card behind it.
    expect(review.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('plan-review')).toBeNull());
    expect(useUiStore.getState().reviewPlanId).toBeNull();
    expect(document.activeElement).toBe(vmCard('web-1'));
  });

  it('m with nothing selected does nothing; in a text field it is a letter', async () => {
    await ready();
    fireEvent.keyDown(document.body, { key: 'm' });
    expect(screen.queryByTestId('move-to-dialog')).toBeNull();
    fireEvent.click(vmCard('web-1'));
    const search = document.createElement('input');
    document.body.append(search);
    fireEvent.keyDown(search, { key: 'm' });
    expect(screen.queryByTestId('move-to-dialog')).toBeNull();
    search.remove();
  });

  it('the VM details button moves the multi-selection the VM belongs to', async () => {
    const { fleet, web1, db } = moveFleet();
    const bridge = await ready(
      moveBridge(fleet).handle('vms:plan-moves', () => ({ ok: true, plan: movePlan('set') })),
    );
    fireEvent.click(vmCard('web-1'), { ctrlKey: true });
    fireEvent.click(vmCard('db-1'), { ctrlKey: true });
    const button = await screen.findByTestId('move-to-button');
    expect(button.textContent).toBe('Move 2 VMs to…');
    fireEvent.click(button);
    const dialog = await screen.findByTestId('move-to-dialog');
    // Checked as a set: hv4 takes neither together.
    expect(rows().find(([h]) => h === 'hv4')?.[1]).toBe('refused');
    fireEvent.keyDown(within(dialog).getByRole('listbox'), { key: 'Enter' });
    await waitFor(() => expect(bridge.callsTo('vms:plan-moves')).toHaveLength(1));
    const [request] = bridge.callsTo('vms:plan-moves') as { moves: { vmId: string }[] }[];
    expect(request!.moves.map((m) => m.vmId).sort()).toEqual([web1.id, db.id].sort());
  });
});

describe('Undo last move', () => {
  const done = (id: string, kind: 'move' | 'evacuate' | 'deploy' | 'undo', updatedAt: number) =>
    movePlan(id, { id: id as never, kind, status: 'done', updatedAt, title: `${kind} ${id}` });

  it('undoes the latest finished move, evacuation or undo, not a newer deploy or a running move', async () => {
    const plans = [
      done('old-move', 'move', 1),
      done('evac', 'evacuate', 5),
      done('deploy', 'deploy', 9),
      movePlan('running', { id: 'running' as never, status: 'running', updatedAt: 10 }),
    ];
    const undo = movePlan('undo-evac', { id: 'undo-evac' as never, kind: 'undo' });
    const bridge = moveBridge(moveFleet().fleet, plans).handle('plans:plan-undo', () => ({
      ok: true,
      plan: undo,
    }));
    await ready(bridge);
    const button = screen.getByTestId('undo-last-move');
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(button.title).toBe('Undo: evacuate evac (Ctrl+Z)');
    fireEvent.click(button);
    await waitFor(() => expect(useUiStore.getState().reviewPlanId).toBe('undo-evac'));
    expect(bridge.callsTo('plans:plan-undo')).toEqual([{ planId: 'evac' }]);
  });

  it('Ctrl+Z asks too, and a refusal is said in words', async () => {
    const bridge = moveBridge(moveFleet().fleet, [done('m1', 'move', 3)]).handle(
      'plans:plan-undo',
      () => ({
        ok: false,
        message: 'Couldn\'t undo "move m1": 1 of its 1 VM cannot go back; nothing was moved',
        unplaced: [
          { vmName: 'm1', reasons: ['m1 has moved since: it is on hv6'], suggestions: [] },
        ],
      }),
    );
    await ready(bridge);
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('undo-last-move').disabled).toBe(false),
    );
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    const notice = await screen.findByTestId('move-notice');
    expect(notice.textContent).toContain('cannot go back');
    expect(notice.textContent).toContain('m1 has moved since: it is on hv6');
    expect(bridge.callsTo('plans:plan-undo')).toEqual([{ planId: 'm1' }]);
  });

  it('is disabled while no move has finished', async () => {
    const bridge = await ready(moveBridge(moveFleet().fleet, [done('d', 'deploy', 1)]));
    // The plans are loaded (the deploy is listed in the panel's count), and still nothing to undo.
    await waitFor(() => expect(bridge.callsTo('plans:list').length).toBeGreaterThan(0));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(screen.getByTestId<HTMLButtonElement>('undo-last-move').disabled).toBe(true);
  });
});
