// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryNotice } from '../../shared/domain';
import { FakeBridge } from '../testing/fake-bridge';
import { makeFleet } from '../testing/fixtures';
import { renderWithApi } from '../testing/render';
import { App } from './App';

afterEach(cleanup);

const damaged: InventoryNotice = {
  reason: 'damaged',
  path: '/home/ada/.config/federator/inventory.db',
  keptAs: '/home/ada/.config/federator/inventory.db.corrupt-2026-12-05T07-00-00-000Z',
  at: 1,
  detail: 'file is not a database',
};

const bridge = (notices: InventoryNotice[]) =>
  new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([]))
    .handle('log:recent', () => [])
    .handle('inventory:notices', () => notices)
    .handle('inventory:dismiss-notices', () => null);

describe('the inventory notice', () => {
  it('says what happened, where the old file is and what to do, above the topology', async () => {
    renderWithApi(<App />, bridge([damaged]));
    const notice = await screen.findByTestId('inventory-notice');
    const text = notice.textContent ?? '';
    expect(text).toContain('Your inventory was damaged: the console started with an empty one');
    expect(text).toContain(`the old file is kept as ${damaged.keptAs} (file is not a database).`);
    expect(text).toContain(
      `stop the console, copy a backup of your inventory to ${damaged.path} and start the console again`,
    );
    expect(text).toContain('Or dismiss this to start fresh');
    // Above the workspace (the topology), not somewhere below it.
    const topology = screen.getByRole('main', { name: 'Topology' });
    expect(
      notice.compareDocumentPosition(topology) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('words each reason for what can be done with the kept file', async () => {
    const empty = { ...damaged, reason: 'empty' as const, detail: 'the file has 0 bytes' };
    const newer = { ...damaged, reason: 'newer' as const, keptAs: `${damaged.keptAs}-2` };
    renderWithApi(<App />, bridge([empty, newer]));
    const notice = await screen.findByTestId('inventory-notice');
    const [first, second] = notice.querySelectorAll('.inventory-notice-item');
    expect(first?.textContent).toContain('Your inventory was empty (0 bytes)');
    expect(first?.textContent).toContain('copy a backup of your inventory');
    expect(second?.textContent).toContain('written by a newer version of Federator');
    expect(second?.textContent).toContain('copy the kept file back to');
  });

  it('dismissing starts fresh: the core is told and the notice goes', async () => {
    const fake = bridge([damaged]);
    renderWithApi(<App />, fake);
    fireEvent.click(await screen.findByTestId('inventory-notice-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('inventory-notice')).toBeNull());
    expect(fake.callsTo('inventory:dismiss-notices')).toEqual([{}]);
  });

  it('goes when another window dismissed it', async () => {
    const fake = bridge([damaged]);
    renderWithApi(<App />, fake);
    await screen.findByTestId('inventory-notice');
    act(() => fake.emit('inventory:notices-changed', []));
    await waitFor(() => expect(screen.queryByTestId('inventory-notice')).toBeNull());
    expect(fake.callsTo('inventory:dismiss-notices')).toEqual([]);
  });

  it('is absent when there is nothing to say', async () => {
    const fake = bridge([]);
    renderWithApi(<App />, fake);
    await waitFor(() => expect(fake.callsTo('inventory:notices')).toHaveLength(1));
    await screen.findByTestId('app-ready');
    expect(screen.queryByTestId('inventory-notice')).toBeNull();
  });
});
