// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HostId } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { API, DB, SHOP, shop } from '../../../shared/testing/service-fixtures';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { makePlan } from '../../testing/plan-fixtures';

afterEach(cleanup);

const hosts = [makeHost('hv1'), makeHost('hv2')];
const legacy = makeVm('hv1', 'legacy-db', { vcpus: 1, memoryMiB: 64 });
const big = makeVm('hv2', 'big-one', { vcpus: 8, memoryMiB: 8192 });
const tagged = makeVm('hv2', 'shop-db-1', { application: DB, service: SHOP });

function open(vm: typeof legacy, fake: FakeBridge) {
  fake
    .handle('fleet:snapshot', () => makeFleet(hosts, [legacy, big, tagged]))
    .handle('log:recent', () => [])
    .handle('plans:list', () => [])
    .handle('services:list', () => ({ services: [shop()] }));
  renderWithApi(<App />, fake);
  act(() => useUiStore.getState().select({ kind: 'vm', hostId: vm.hostId, vmId: vm.id }));
}

describe('Add to service (adopt)', () => {
  it('tags the VM as a replica of the chosen application, then shows the plan', async () => {
    const fake = new FakeBridge().handle('services:adopt', () =>
      makePlan({ kind: 'deploy', status: 'running', steps: [] }),
    );
    open(legacy, fake);
    fireEvent.click(await screen.findByTestId('adopt-vm'));
    const choice = await screen.findByTestId<HTMLSelectElement>('adopt-choice');
    // db already has its one replica (shop-db-1): offered, but not choosable.
    const dbOption = [...choice.options].find((o) => o.textContent?.startsWith('shop / db'));
    expect(dbOption?.disabled).toBe(true);
    expect(dbOption?.textContent).toContain('already has its 1 replica');
    fireEvent.change(choice, { target: { value: `${SHOP}/${API}` } });
    fireEvent.click(screen.getByTestId('adopt-confirm'));
    await waitFor(() =>
      expect(fake.callsTo('services:adopt')).toEqual([
        {
          serviceId: SHOP,
          applicationId: API,
          vms: [{ hostId: HostId.parse('hv1'), vmId: legacy.id }],
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId('adopt-dialog')).toBeNull());
    expect(useUiStore.getState().sidePanelOpen).toBe(true);
  });

  it('a VM larger than every application can join none of them, and says why', async () => {
    open(big, new FakeBridge());
    fireEvent.click(await screen.findByTestId('adopt-vm'));
    const choice = await screen.findByTestId<HTMLSelectElement>('adopt-choice');
    const web = [...choice.options].find((o) => o.textContent?.startsWith('shop / web'));
    expect(web?.disabled).toBe(true);
    expect(web?.textContent).toContain('needs at most 1 vCPU');
    expect(screen.getByTestId<HTMLButtonElement>('adopt-confirm').disabled).toBe(true);
  });

  it("shows the core's refusal in words and keeps the dialog open", async () => {
    const fake = new FakeBridge().handle('services:adopt', () => {
      throw new AppError('conflict', 'legacy-db is already part of another service');
    });
    open(legacy, fake);
    fireEvent.click(await screen.findByTestId('adopt-vm'));
    fireEvent.click(await screen.findByTestId('adopt-confirm'));
    expect((await screen.findByTestId('adopt-error')).textContent).toContain(
      'already part of another service',
    );
    expect(screen.getByTestId('adopt-dialog')).toBeTruthy();
  });

  it('a VM already in a service offers no Add to service', async () => {
    open(tagged, new FakeBridge());
    await screen.findByTestId('details-panel');
    await waitFor(() => expect(screen.queryByTestId('vm-action-start')).not.toBeNull());
    expect(screen.queryByTestId('adopt-vm')).toBeNull();
  });
});
