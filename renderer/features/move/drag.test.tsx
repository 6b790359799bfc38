// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanMovesRequest } from '../../../shared/contract/requests';
import type { z } from 'zod';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { renderWithApi } from '../../testing/render';
import { useDragStore, useHoverStore } from './drag-store';
import { moveBridge, moveFleet, movePlan } from '../../testing/move-fixtures';

// Real pointer events on the real App: press a VM card, move past the threshold, hover, release.
// jsdom has no layout, so "what is under the pointer" is the host card the test points at.

let under: Element | null = null;
beforeEach(() => {
  under = null;
  document.elementFromPoint = () => under;
});
afterEach(() => {
  // A drag a test left pressed ends here, as the browser would end it, before the next test.
  fireEvent.pointerCancel(window, { pointerId: 1 });
  cleanup();
  useDragStore.setState(useDragStore.getInitialState(), true);
  useHoverStore.setState(useHoverStore.getInitialState(), true);
});

const hostCard = (name: string) =>
  document.querySelector<HTMLElement>(`[data-testid="host-card"][data-host-name="${name}"]`)!;
const vmCard = (name: string) =>
  document.querySelector<HTMLElement>(`[data-testid="vm-card"][data-vm-name="${name}"]`)!;
const frame = () => act(() => new Promise<void>((r) => requestAnimationFrame(() => r())));

async function startDrag(vmName: string) {
  const card = vmCard(vmName);
  fireEvent.pointerDown(card, { button: 0, pointerId: 1, clientX: 10, clientY: 10 });
  // 3 px: still a click.
  fireEvent.pointerMove(window, { pointerId: 1, clientX: 13, clientY: 10 });
  expect(useDragStore.getState().drag).toBeNull();
  fireEvent.pointerMove(window, { pointerId: 1, clientX: 30, clientY: 30 });
  await frame();
}

async function hover(hostName: string) {
  under = hostCard(hostName).querySelector('.os-layer') ?? hostCard(hostName);
  fireEvent.pointerMove(window, { pointerId: 1, clientX: 200, clientY: 200 });
  await frame();
}

function drop() {
  fireEvent.pointerUp(window, { pointerId: 1, clientX: 200, clientY: 200 });
}

async function ready(bridge = moveBridge()) {
  const view = renderWithApi(<App />, bridge);
  await screen.findByTestId('app-ready');
  // Services and links are loaded, or the verdicts would not know the soft rule and the path.
  await waitFor(() => expect(bridge.callsTo('paths:list')).toHaveLength(1));
  await waitFor(() => expect(bridge.callsTo('services:list').length).toBeGreaterThan(0));
  await act(() => new Promise((r) => setTimeout(r, 0)));
  return { ...view, bridge };
}

describe('dragging a VM card onto a host', () => {
  it('colours every host by its verdict at the start of the drag, with the reason in words', async () => {
    await ready();
    await startDrag('web-1');
    const verdicts = Object.fromEntries(
      ['hv1', 'hv2', 'hv3', 'hv4', 'hv5', 'hv6'].map((h) => [h, hostCard(h).dataset.verdict]),
    );
    expect(verdicts).toEqual({
      hv1: 'source',
      hv2: 'fits',
      hv3: 'refused',
      hv4: 'refused',
      hv5: 'refused',
      hv6: 'soft',
    });
    const reason = (h: string) => within(hostCard(h)).getByTestId('verdict-reason').textContent;
    expect(reason('hv3')).toBe('Refused: host in maintenance');
    expect(reason('hv4')).toMatch(/^Refused: memory short by \d+\.\d GiB$/);
    expect(reason('hv5')).toBe(
      "Refused: no migration path from hv1: hv1 does not know hv5's host key",
    );
    expect(reason('hv6')).toMatch(
      /Fits, breaks a soft rule: web-1 joins web-2 \(also web\) on hv6/,
    );
    expect(within(hostCard('hv2')).queryByTestId('verdict-reason')).toBeNull();
    expect(vmCard('web-1').className).toContain('is-carried');
    expect(screen.getByTestId('drag-ghost').textContent).toBe('web-1');
  });

  it('shows the headroom of a fitting host, and the refusal and fix of a refused one, on hover', async () => {
    await ready();
    await startDrag('web-1');
    await hover('hv2');
    const tip = screen.getByTestId('drag-tooltip');
    expect(tip.dataset.verdict).toBe('fits');
    expect(tip.textContent).toMatch(/hv2 after the move: 62\.0 GiB memory, 62 vCPUs free/);
    await hover('hv5');
    expect(screen.getByTestId('drag-tooltip').textContent).toContain(
      'Add hv5 to ~hv1/.ssh/known_hosts',
    );
  });

  it('drops on a fitting host: the core plans the move and its review opens; the card stays until the hosts say', async () => {
    const { fleet, web1 } = moveFleet();
    const plan = movePlan('web-1');
    const bridge = moveBridge(fleet).handle('vms:plan-moves', () => ({ ok: true, plan }));
    await ready(bridge);
    await startDrag('web-1');
    await hover('hv2');
    drop();
    // The click that ends a drag does not select the card.
    fireEvent.click(vmCard('web-1'));
    expect(useUiStore.getState().selection).toBeNull();
    await waitFor(() => expect(useUiStore.getState().reviewPlanId).toBe(plan.id));
    expect(bridge.callsTo('vms:plan-moves')).toEqual([
      { moves: [{ vmId: web1.id, fromHostId: 'hv1', toHostId: 'hv2' }], concurrency: 2 },
    ]);
    expect(hostCard('hv1').contains(vmCard('web-1'))).toBe(true);
    expect(hostCard('hv2').dataset.verdict).toBeUndefined();
  });

  it('a drop on a refused host moves nothing and says why', async () => {
    const bridge = moveBridge();
    await ready(bridge);
    await startDrag('web-1');
    await hover('hv3');
    expect(screen.getByTestId('drag-tooltip').textContent).toContain('host in maintenance');
    drop();
    const notice = await screen.findByTestId('move-notice');
    expect(notice.textContent).toContain('Not moved: hv3 refuses web-1');
    expect(notice.textContent).toContain('host in maintenance');
    expect(notice.textContent).toContain('Take hv3 out of maintenance');
    expect(bridge.callsTo('vms:plan-moves')).toEqual([]);
  });

  it('Escape cancels the drag: colours gone, nothing asked', async () => {
    const bridge = moveBridge();
    await ready(bridge);
    await startDrag('web-1');
    await hover('hv2');
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(hostCard('hv2').dataset.verdict).toBeUndefined());
    drop();
    expect(screen.queryByTestId('drag-layer')).toBeNull();
    expect(bridge.callsTo('vms:plan-moves')).toEqual([]);
  });

  it('a refusal of the core at planning time is shown in its words', async () => {
    const bridge = moveBridge().handle('vms:plan-moves', () => ({
      ok: false,
      message: "Couldn't move web-1 to hv2: web-1 is now on hv6, not on hv1",
      unplaced: [
        { vmName: 'web-1', reasons: ['web-1 is now on hv6, not on hv1'], suggestions: [] },
      ],
    }));
    await ready(bridge);
    await startDrag('web-1');
    await hover('hv2');
    drop();
    const notice = await screen.findByTestId('move-notice');
    expect(notice.textContent).toContain("Couldn't move web-1 to hv2");
    expect(useUiStore.getState().reviewPlanId).toBeNull();
  });
});

describe('several VMs at once', () => {
  it('Ctrl/⌘- and Shift-click toggle VMs in the selection; a plain click picks one again', async () => {
    await ready();
    fireEvent.click(vmCard('web-1'));
    fireEvent.click(vmCard('db-1'), { ctrlKey: true });
    expect(useUiStore.getState().vmSelection.map(String)).toHaveLength(2);
    expect(vmCard('web-1').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('picked-count').textContent).toContain('2 VMs selected');
    fireEvent.click(vmCard('web-2'), { shiftKey: true });
    expect(useUiStore.getState().vmSelection).toHaveLength(3);
    fireEvent.click(vmCard('web-2'), { metaKey: true });
    expect(useUiStore.getState().vmSelection).toHaveLength(2);
    fireEvent.click(vmCard('web-2'));
    expect(useUiStore.getState().vmSelection).toEqual([]);
    expect(vmCard('web-1').getAttribute('aria-pressed')).toBeNull();
  });

  it('dragging a selected VM carries the set, checked as a set, planned with the concurrency cap', async () => {
    const { fleet, web1, db } = moveFleet();
    const bridge = moveBridge(fleet).handle('vms:plan-moves', () => ({
      ok: true,
      plan: movePlan('set'),
    }));
    await ready(bridge);
    fireEvent.click(vmCard('web-1'), { ctrlKey: true });
    fireEvent.click(vmCard('db-1'), { ctrlKey: true });
    await startDrag('db-1');
    expect(screen.getByTestId('drag-ghost').textContent).toBe('2 VMs');
    // hv4 (1 GiB) takes db-1 (512 MiB) but not web-1: refused, naming the VM.
    expect(within(hostCard('hv4')).getByTestId('verdict-reason').textContent).toMatch(
      /Refused: web-1: memory short by/,
    );
    await hover('hv2');
    drop();
    await waitFor(() => expect(bridge.callsTo('vms:plan-moves')).toHaveLength(1));
    const request = bridge.callsTo('vms:plan-moves')[0] as z.input<typeof PlanMovesRequest>;
    expect(request.concurrency).toBe(2);
    expect(request.moves.map((m) => m.vmId).sort()).toEqual([web1.id, db.id].sort());
  });

  it('a set that fits one VM at a time but not together is refused on hover', async () => {
    const { fleet } = moveFleet();
    // hv4 gets 2.5 GiB: web-1 (2 GiB) fits alone, db-1 (512 MiB) too, both do not.
    const hv4 = fleet.hosts[3]!;
    const roomy = { ...hv4, facts: { at: 0, value: { ...hv4.facts!.value, memoryMiB: 2400 } } };
    const bridge = moveBridge({ ...fleet, hosts: fleet.hosts.map((h) => (h === hv4 ? roomy : h)) });
    await ready(bridge);
    fireEvent.click(vmCard('web-1'), { ctrlKey: true });
    fireEvent.click(vmCard('db-1'), { ctrlKey: true });
    await startDrag('web-1');
    expect(hostCard('hv4').dataset.verdict).toBe('fits');
    await hover('hv4');
    expect(hostCard('hv4').dataset.verdict).toBe('refused');
    expect(screen.getByTestId('drag-tooltip').textContent).toMatch(/memory short by/);
  });
});

describe('progress on the moving card', () => {
  it('shows the running migration of the VM with percent, and Cancel cancels its plan', async () => {
    const { fleet, web1 } = moveFleet();
    const running = movePlan('web-1', {
      status: 'running',
      steps: [
        {
          ...movePlan('web-1').steps[0]!,
          vmId: web1.id,
          status: 'running',
          progress: 45,
        },
      ],
    });
    const bridge = moveBridge(fleet, [running]).handle('plans:cancel', () => ({
      ...running,
      status: 'cancelled',
    }));
    await ready(bridge);
    const progress = await screen.findByTestId('vm-migration');
    expect(progress.textContent).toContain('Moving to hv2 · 45 %');
    expect(hostCard('hv1').contains(progress)).toBe(true);
    fireEvent.click(within(progress).getByTestId('cancel-migration'));
    await waitFor(() => expect(bridge.callsTo('plans:cancel')).toEqual([{ planId: running.id }]));
  });
});
