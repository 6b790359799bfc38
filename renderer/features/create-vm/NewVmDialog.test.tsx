// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { movePlan } from '../../testing/move-fixtures';
import { renderWithApi } from '../../testing/render';
import { NewVmDialog } from './NewVmDialog';

afterEach(() => {
  cleanup();
  useUiStore.setState({ reviewPlanId: null });
});

const hv1 = makeHost('hv1');
const taken = makeVm(hv1.config.id, 'web-1');

function bridge() {
  return new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([hv1, makeHost('hv2')], [taken]))
    .handle('log:recent', () => [])
    .handle('plans:list', () => [])
    .handle('vms:create-choices', () => ({
      hostsRead: 1,
      pools: [{ name: 'default', hosts: 1, mostAvailableBytes: 40 * 1024 ** 3 }],
      networks: [{ name: 'default', hosts: 1 }],
      volumes: [
        { pool: 'iso', name: 'debian.iso' },
        { pool: 'default', name: 'old.qcow2' },
      ],
      problems: [],
    }))
    .handle('vms:plan-create', () => movePlan('x', { kind: 'create', id: 'create-1' as never }));
}

describe('the New VM wizard', () => {
  it('checks the name as typed, against libvirt and the host, then proposes what the form says', async () => {
    const fake = bridge();
    renderWithApi(<NewVmDialog initialHostId={hv1.config.id} onClose={() => undefined} />, fake);
    const name = screen.getByTestId<HTMLInputElement>('new-vm-name');
    const review = screen.getByTestId<HTMLButtonElement>('new-vm-review');
    fireEvent.change(name, { target: { value: 'a/b' } });
    expect(screen.getByTestId('new-vm-name-error').textContent).toBe(
      'A VM name cannot hold "/" (libvirt makes file names of it)',
    );
    expect(review.disabled).toBe(true);
    await waitFor(() => expect(screen.getByTestId('new-vm-pool').textContent).toContain('default'));
    fireEvent.change(name, { target: { value: 'web-1' } });
    await waitFor(() =>
      expect(screen.getByTestId('new-vm-name-error').textContent).toBe(
        'hv1 already has a VM named “web-1”',
      ),
    );
    fireEvent.change(name, { target: { value: `it's "new" $(id)` } });
    expect(screen.queryByTestId('new-vm-name-error')).toBeNull();
    fireEvent.change(screen.getByTestId('new-vm-iso'), { target: { value: 'iso\0debian.iso' } });
    fireEvent.click(review);
    await waitFor(() => expect(useUiStore.getState().reviewPlanId).toBe('create-1'));
    expect(fake.callsTo('vms:plan-create')).toEqual([
      {
        name: `it's "new" $(id)`,
        vcpus: 1,
        memoryMiB: 512,
        disk: { kind: 'new', pool: 'default', sizeMiB: 16 },
        network: { kind: 'network', name: 'default' },
        iso: { pool: 'iso', volume: 'debian.iso' },
        hostId: 'hv1' as HostId,
      },
    ]);
  });
});
