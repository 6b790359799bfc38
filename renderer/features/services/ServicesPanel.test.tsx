// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../shared/domain/application';
import { HostId } from '../../../shared/domain';
import type { Proposal } from '../../../shared/domain/plan';
import { shop, SHOP, WEB, API, DB } from '../../../shared/testing/service-fixtures';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { deployPlan, makePlan, planStep } from '../../testing/plan-fixtures';

afterEach(cleanup);

const hosts = [makeHost('hv1'), makeHost('hv2'), makeHost('hv3')];
const shopVms = () => [
  makeVm('hv1', 'shop-web-1', { application: WEB, service: SHOP }),
  makeVm('hv2', 'shop-web-2', { application: WEB, service: SHOP }),
  makeVm('hv2', 'shop-api-1', { application: API, service: SHOP }),
  makeVm('hv3', 'shop-db-1', { application: DB, service: SHOP }),
];

function open(options: { vms?: ReturnType<typeof shopVms>; services?: ServiceBundle[] } = {}) {
  const services = options.services ?? [shop()];
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet(hosts, options.vms ?? []))
    .handle('log:recent', () => [])
    .handle('plans:list', () => [])
    .handle('services:list', () => ({ services }))
    .handle('services:save', (bundle) => bundle as ServiceBundle);
  const result = renderWithApi(<App />, fake);
  act(() => useUiStore.getState().setSidePanelOpen(true));
  return { fake, ...result };
}

const row = async (name: string) => {
  const panel = await screen.findByTestId('services-panel');
  return waitFor(() => {
    const found = panel.querySelector<HTMLElement>(
      `[data-testid="service-row"][data-service-name="${name}"]`,
    );
    if (!found) throw new Error(`no row ${name}`);
    return found;
  });
};

describe('Services panel', () => {
  it('recomputes health when a host reports a VM state, and marks the VMs on the topology', async () => {
    const { fake } = open({ vms: shopVms() });
    const shopRow = await row('shop');
    await waitFor(() => expect(shopRow.dataset.health).toBe('healthy'));
    expect(within(shopRow).getByTestId('service-health').textContent).toBe('Healthy');
    // Every VM of the service carries its mark with the service's name.
    const marks = await screen.findAllByTestId('service-mark');
    expect(marks.map((m) => m.textContent)).toEqual(['shop', 'shop', 'shop', 'shop']);

    // hv3 reports db shut off: nothing asks the core, the badge turns at once.
    const db = shopVms()[3]!;
    act(() =>
      fake.emit('vms:changed', {
        hostId: HostId.parse('hv3'),
        vms: [
          {
            ...db,
            id: document.querySelector<HTMLElement>('[data-vm-name="shop-db-1"]')!.dataset
              .vmId as never,
            state: 'shutoff',
          },
        ],
      }),
    );
    await waitFor(() => expect(shopRow.dataset.health).toBe('down'));
    expect(within(shopRow).getByTestId('health-reasons').textContent).toContain(
      'db: none of 1 running (shop-db-1 shut off on hv3)',
    );
    expect(fake.callsTo('services:list')).toHaveLength(1);
  });

  it('highlights the VMs of the hovered service on the topology', async () => {
    open({ vms: [...shopVms(), makeVm('hv1', 'other')] });
    const shopRow = await row('shop');
    await screen.findAllByTestId('service-mark');
    fireEvent.mouseEnter(shopRow);
    const highlighted = () =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-testid="vm-card"][data-highlighted="true"]',
        ),
      ].map((c) => c.dataset.vmName);
    expect(highlighted().sort()).toEqual(['shop-api-1', 'shop-db-1', 'shop-web-1', 'shop-web-2']);
    fireEvent.mouseLeave(shopRow);
    expect(highlighted()).toEqual([]);
  });

  it('editor: says what is wrong next to the field, then saves the service as typed', async () => {
    const { fake } = open({ services: [] });
    fireEvent.click(await screen.findByTestId('new-service'));
    const editor = screen.getByTestId('service-editor');
    fireEvent.click(within(editor).getByTestId('save-service'));
    expect(within(editor).getByTestId('service-name-error').textContent).toBe(
      'The service needs a name',
    );
    // Every problem at the top too, each a link to its field.
    const summary = within(editor).getByTestId('service-error-summary');
    const problems = within(summary).getAllByTestId('summary-problem');
    expect(summary.textContent).toMatch(/^3 problems to fix before saving:/);
    expect(problems.map((p) => p.textContent)).toEqual([
      'The service needs a name',
      'application 1: Every application needs a name',
      'application 1: Paste the libvirt domain XML, or choose the lab test guest',
    ]);
    fireEvent.click(problems[2]!);
    expect(document.activeElement).toBe(within(editor).getByTestId('app-xml'));
    fireEvent.change(within(editor).getByTestId('app-template'), {
      target: { value: 'test-guest' },
    });
    expect(within(editor).getByTestId('app-name-error').textContent).toBe(
      'Every application needs a name',
    );
    expect(fake.callsTo('services:save')).toEqual([]);

    fireEvent.change(within(editor).getByTestId('service-name'), { target: { value: 'shop' } });
    fireEvent.change(within(editor).getByTestId('app-name'), { target: { value: 'web' } });
    fireEvent.change(within(editor).getByTestId('app-memory'), { target: { value: '8' } });
    expect(within(editor).getByTestId('app-memory-error').textContent).toBe(
      'Memory must be at least 16',
    );
    fireEvent.change(within(editor).getByTestId('app-memory'), { target: { value: '64' } });
    fireEvent.click(within(editor).getByTestId('add-app'));
    const rows = within(editor).getAllByTestId('app-row');
    fireEvent.change(within(rows[1]!).getByTestId('app-name'), { target: { value: 'db' } });
    fireEvent.change(within(rows[1]!).getByTestId('app-template'), {
      target: { value: 'test-guest' },
    });
    fireEvent.click(within(rows[0]!).getByRole('checkbox', { name: 'db is running' }));
    fireEvent.click(within(editor).getByTestId('save-service'));
    await waitFor(() => expect(screen.queryByTestId('service-editor')).toBeNull());
    const [saved] = fake.callsTo('services:save') as ServiceBundle[];
    const [web, db] = saved!.applications;
    expect(saved!.service.name).toBe('shop');
    expect(web).toMatchObject({ name: 'web', memoryMiB: 64 });
    expect(saved!.service.dependsOn).toEqual({ [web!.id]: [db!.id] });
    expect(await row('shop')).toBeTruthy();
  }, 20_000); // many form events: seconds on a loaded machine

  it('a deployment the engine refuses: every VM with its reasons, and "Nothing was created"', async () => {
    const refused: Proposal = {
      ok: false,
      message: "Couldn't place shop: 1 of 4 VMs has no host that keeps every hard rule",
      unplaced: [
        {
          vmName: 'shop-web-2',
          reasons: [
            'hv1: already runs shop-web-1 (spread across hosts, hard)',
            'hv2: 32 MiB short of memory',
          ],
          suggestions: ['Add a host', 'Make the spread rule soft'],
        },
        {
          vmName: 'shop-db-1',
          reasons: [],
          suggestions: [],
          blockedBy: 'shop-web-2 cannot be placed',
        },
      ],
    };
    const { fake } = open();
    fake.handle('services:plan-deploy', () => refused);
    fireEvent.click(within(await row('shop')).getByTestId('deploy-button'));
    const dialog = await screen.findByTestId('cannot-deploy');
    expect(within(dialog).getByTestId('nothing-created').textContent).toContain(
      'Nothing was created',
    );
    const web2 = within(dialog).getAllByTestId('unplaced-vm')[0]!;
    expect(web2.textContent).toContain('hv2: 32 MiB short of memory');
    expect(web2.textContent).toContain('Make the spread rule soft');
    expect(within(dialog).getAllByTestId('unplaced-vm')[1]!.textContent).toContain(
      'shop-web-2 cannot be placed',
    );
    expect(fake.callsTo('plans:approve')).toEqual([]);
  });

  it('delete names the VMs its plan removes, and Cancel discards that plan', async () => {
    const { fake } = open({ vms: shopVms() });
    const plan = deployPlan(SHOP);
    fake
      .handle('plans:list', () => [plan])
      .handle('services:plan-delete', () =>
        makePlan({
          kind: 'delete-service',
          serviceId: SHOP,
          steps: [
            planStep('u1', 'undefine', 'shop-web-1', 'hv1'),
            planStep('u2', 'undefine', 'shop-db-1', 'hv3'),
          ],
        }),
      )
      .handle('plans:discard', ({ planId }) =>
        makePlan({ id: planId as never, kind: 'delete-service', steps: [], status: 'discarded' }),
      );
    fireEvent.click(within(await row('shop')).getByTestId('delete-service'));
    const confirm = await screen.findByTestId('delete-service-confirm');
    expect(within(confirm).getByTestId('destroy-list').textContent).toBe(
      'shop-web-1 on hv1shop-db-1 on hv3',
    );
    expect(within(confirm).getByTestId('confirm-button').textContent).toBe('Delete shop and 2 VMs');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(fake.callsTo('plans:discard')).toEqual([{ planId: 'plan-delete-service' }]),
    );
    expect(fake.callsTo('plans:approve')).toEqual([]);
  });
});

describe('Import YAML', () => {
  const upload = (text: string) => {
    const input = screen.getByTestId<HTMLInputElement>('import-yaml-file');
    fireEvent.change(input, {
      target: { files: [new File([text], 'shop.yaml', { type: 'application/yaml' })] },
    });
  };

  it('a file with a mistake names its line and field, and opens nothing', async () => {
    open({ services: [] });
    await screen.findByTestId('services-panel');
    upload('service: shop\napplications:\n  - name: web\n    vcpus: 1\n    memoryMiB: 8\n');
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toMatch(/Couldn't import shop\.yaml/);
    expect(error.textContent).toMatch(/line 5, applications\[0\]\.memoryMiB/);
    expect(screen.queryByTestId('service-editor')).toBeNull();
  });

  it('a file with several mistakes lists every one, with its line, in words', async () => {
    open({ services: [] });
    await screen.findByTestId('services-panel');
    upload('service: shop\npolicy: evenly\napplications:\n  - name: web\n    vcpus: two\n');
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toMatch(
      /^Couldn't import shop\.yaml: 3 problems, each with its line/,
    );
    const items = within(error)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'line 2, policy: must be one of spread, pack',
      'line 5, applications[0].vcpus: should be a number, not text',
      'line 4, applications[0].memoryMiB: is missing: it should be a number',
    ]);
  });

  it('a good file opens in the editor, to be saved as it reads', async () => {
    open({ services: [] });
    await screen.findByTestId('services-panel');
    upload(
      'service: shop\napplications:\n  - name: web\n    vcpus: 1\n    memoryMiB: 64\n    replicas: 2\n',
    );
    const editor = await screen.findByTestId('service-editor');
    expect(within(editor).getByTestId<HTMLInputElement>('service-name').value).toBe('shop');
    expect(within(editor).getByTestId<HTMLInputElement>('app-replicas').value).toBe('2');
  });
});
