// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceId } from '../../../shared/domain/ids';
import { queryKeys } from '../../api/query-keys';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { RecoverButton } from './RecoverButton';

// Every host card holds a RecoverButton. Counting what is left to recover walks every VM of the
// fleet, so only a lost host's button may read the fleet: at 1,000 hosts a connected host's card
// that did so re-counted 10,000 VMs on every host event, a quarter of the grid's scroll time.

afterEach(cleanup);

const shop = 'svc-shop' as ServiceId;

function setUp(state: 'connected' | 'unreachable') {
  const host = makeHost('hv3', { state });
  const fleet = makeFleet([makeHost('hv1'), host], [makeVm('hv3', 'shop-db-1', { service: shop })]);
  const bridge = new FakeBridge().handle('fleet:snapshot', () => fleet);
  const { queryClient } = renderWithApi(<RecoverButton host={host} where="card" />, bridge);
  // The fleet is in the cache as the window has it; the question is who watches it.
  queryClient.setQueryData(queryKeys.fleet(), fleet);
  const watchers = () =>
    queryClient.getQueryCache().find({ queryKey: queryKeys.fleet() })?.getObserversCount() ?? 0;
  return { watchers };
}

describe('RecoverButton', () => {
  it('on a connected host shows nothing and does not watch the fleet', () => {
    const { watchers } = setUp('connected');
    expect(screen.queryByTestId('recover-vms-card')).toBeNull();
    expect(watchers()).toBe(0);
  });

  it('on a lost host with a service VM left shows the button, counting from the fleet', async () => {
    const { watchers } = setUp('unreachable');
    expect((await screen.findByTestId('recover-vms-card')).textContent).toBe('Recover VMs…');
    expect(watchers()).toBe(1);
  });
});
