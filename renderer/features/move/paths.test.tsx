// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import { App } from '../../app/App';
import { renderWithApi } from '../../testing/render';
import { BROKEN_PATH, moveBridge, moveFleet } from '../../testing/move-fixtures';

afterEach(cleanup);

const link = (from: string, to: string, state: MigrationPath['state']): MigrationPath => ({
  from: from as MigrationPath['from'],
  to: to as MigrationPath['to'],
  state,
});

describe('Show migration paths', () => {
  it("lists the selected host's outgoing paths; a broken one shows what failed and the fix", async () => {
    const paths = [BROKEN_PATH, link('hv1', 'hv2', 'ok'), link('hv1', 'hv3', 'unknown')];
    const bridge = moveBridge(moveFleet().fleet, [], [...paths, link('hv2', 'hv1', 'ok')]);
    renderWithApi(<App />, bridge);
    await screen.findByTestId('app-ready');
    fireEvent.click(screen.getByTestId('paths-toggle'));
    // Six hosts: few enough to list every path while no host is selected.
    await waitFor(() => expect(screen.getAllByTestId('migration-path')).toHaveLength(4));
    const hv1 = document.querySelector<HTMLElement>(
      '[data-testid="host-card"][data-host-name="hv1"]',
    )!;
    fireEvent.click(within(hv1).getByRole('button', { name: 'hv1' }));
    const rows = await screen.findAllByTestId('migration-path');
    expect(rows.map((r) => [r.dataset.to, r.dataset.state])).toEqual([
      ['hv5', 'broken'],
      ['hv2', 'ok'],
      ['hv3', 'unknown'],
    ]);
    expect(rows[0]!.textContent).toContain("hv1 does not know hv5's host key");
    expect(rows[0]!.textContent).toContain('Fix: Add hv5 to ~hv1/.ssh/known_hosts');
    expect(rows[2]!.textContent).toContain('not checked yet');
  });

  it('Check again asks the core for the selected host and shows the fresh answer', async () => {
    const bridge = moveBridge(moveFleet().fleet, [], [BROKEN_PATH]).handle('paths:check', () => [
      { ...BROKEN_PATH, state: 'ok' as const },
    ]);
    renderWithApi(<App />, bridge);
    await screen.findByTestId('app-ready');
    const hv1 = document.querySelector<HTMLElement>(
      '[data-testid="host-card"][data-host-name="hv1"]',
    )!;
    fireEvent.click(within(hv1).getByRole('button', { name: 'hv1' }));
    fireEvent.click(screen.getByTestId('paths-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('migration-path')).toHaveLength(1));
    await act(async () => {
      fireEvent.click(screen.getByTestId('check-paths'));
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByTestId('migration-path').dataset.state).toBe('ok'));
    expect(bridge.callsTo('paths:check')).toEqual([{ hostId: 'hv1' }]);
  });
});
