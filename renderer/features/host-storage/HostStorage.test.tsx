// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostStorage as Storage } from '../../../shared/domain/host-storage';
import { AppError } from '../../../shared/errors';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { HostStorage } from './HostStorage';

afterEach(cleanup);

const GiB = 1024 ** 3;
const host = makeHost('hv1');
const storage: Storage = {
  hostId: host.config.id,
  readAt: 0,
  pools: [
    {
      uuid: 'p1',
      name: 'default',
      type: 'dir',
      active: true,
      autostart: true,
      path: '/var/lib/libvirt/images',
      capacityBytes: 100 * GiB,
      allocationBytes: 95 * GiB,
      availableBytes: 5 * GiB,
    },
    { uuid: 'p2', name: 'backup', type: 'netfs', active: false, autostart: false },
  ],
  networks: [{ uuid: 'n1', name: 'lab-net', active: false, autostart: false, bridge: 'virbr-hv1' }],
};

describe("a host's storage pools and networks", () => {
  it('lists each pool with its state, path, free space and a meter, and each network', async () => {
    const fake = new FakeBridge().handle('hosts:storage', () => storage);
    renderWithApi(<HostStorage host={host} />, fake);
    const pools = await screen.findAllByTestId('host-pool');
    expect(pools.map((p) => p.dataset.pool)).toEqual(['default', 'backup']);
    expect(pools[0]?.textContent).toContain('5 GiB free of 100 GiB (95 GiB allocated)');
    expect(within(pools[0]!).getByRole('meter').getAttribute('aria-label')).toBe(
      'default 95% full',
    );
    expect(pools[1]?.textContent).toContain('sizes not known while inactive');
    expect(screen.getByTestId('host-network').textContent).toContain(
      'isolated · bridge virbr-hv1 · inactive',
    );
    expect(fake.callsTo('hosts:storage')).toEqual([{ hostId: host.config.id }]);
  });

  it("says the host's refusal with the host named", async () => {
    const fake = new FakeBridge().handle('hosts:storage', () => {
      throw new AppError('command-failed', 'libvirt: storage driver not loaded');
    });
    renderWithApi(<HostStorage host={host} />, fake);
    const error = await screen.findByTestId('host-storage-error');
    expect(error.textContent).toContain("Couldn't read the storage pools and networks of host hv1");
  });

  it('asks nothing of a host that is not connected', () => {
    const fake = new FakeBridge().handle('hosts:storage', () => storage);
    renderWithApi(<HostStorage host={{ ...host, state: 'disconnected' }} />, fake);
    expect(screen.getByTestId('host-storage').textContent).toContain('read when hv1 is connected');
    expect(fake.callsTo('hosts:storage')).toEqual([]);
  });
});
