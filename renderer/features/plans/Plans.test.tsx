// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostId, PlanId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { DB, shop, SHOP } from '../../../shared/testing/service-fixtures';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { deployPlan, makePlan, planStep } from '../../testing/plan-fixtures';

afterEach(cleanup);

function open(plans: Plan[]) {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([makeHost('hv1'), makeHost('hv2'), makeHost('hv3')]))
    .handle('log:recent', () => [])
    .handle('services:list', () => ({ services: [shop()] }))
    .handle('plans:list', () => plans);
  renderWithApi(<App />, fake);
  return fake;
}

const rowOf = (kind: string) =>
  waitFor(() => {
    const row = document.querySelector<HTMLElement>(
      `[data-testid="plan-row"][data-plan-kind="${kind}"]`,
    );
    if (!row) throw new Error(`no ${kind} plan row`);
    return row;
  });

describe('Plan review', () => {
  it('deploy: VM → host with the reason and runners-up, warnings, steps with their dependencies; Approve runs it', async () => {
    const plan = deployPlan(SHOP);
    const fake = open([plan]).handle('plans:approve', () => ({
      ...plan,
      status: 'running' as const,
    }));
    await screen.findByTestId('app-ready');
    act(() => useUiStore.getState().openReview(plan.id));
    const dialog = await screen.findByTestId('plan-review');
    const rows = within(dialog).getAllByTestId('review-row');
    expect(rows.map((r) => r.dataset.vmName)).toEqual(['shop-db-1', 'shop-web-1', 'shop-web-2']);
    expect(rows[0]!.textContent).toContain('most headroom left (memory 71 % free after)');
    expect(rows[0]!.textContent).toContain('not hv2: less memory left (40 % free after)');
    expect(within(dialog).getByTestId('plan-warnings').textContent).toBe(
      'hv4 is not connected: not considered',
    );
    const web1 = within(dialog)
      .getAllByTestId('plan-step')
      .find((s) => s.dataset.vmName === 'shop-web-1' && s.dataset.stepKind === 'start')!;
    expect(web1.textContent).toContain(
      'Start shop-web-1 on hv1 after shop-web-1 is defined and shop-db-1 is running',
    );

    fireEvent.click(within(dialog).getByTestId('approve-plan'));
    await waitFor(() => expect(screen.queryByTestId('plan-review')).toBeNull());
    expect(fake.callsTo('plans:approve')).toEqual([{ planId: plan.id }]);
    // Approved: no panel opens by itself (the topology keeps its width); the top bar counts the
    // running plan, and the panel shows its progress when asked.
    expect(useUiStore.getState().sidePanelOpen).toBe(false);
    await waitFor(() =>
      expect(screen.getByTestId('services-toggle').textContent).toBe('Services & plans1'),
    );
    fireEvent.click(screen.getByTestId('services-toggle'));
    expect((await rowOf('deploy')).dataset.status).toBe('running');
  });

  it("deploy: a row carrying the engine's choice as data is said by the window, with its names", async () => {
    const plan = deployPlan(SHOP);
    const [first, ...rest] = plan.review!;
    const withWhy = {
      ...first!,
      reason: 'words the core said (not shown: the data is)',
      why: [
        { code: 'tightest-fit' as const, freeAfterMiB: 1536 },
        { code: 'next-to' as const, application: DB },
      ],
      runnersUp: [
        {
          hostId: 'hv2' as HostId,
          note: 'words the core said',
          why: [{ code: 'no-partner' as const, application: DB }],
        },
      ],
    };
    open([{ ...plan, review: [withWhy, ...rest] }]);
    await screen.findByTestId('app-ready');
    act(() => useUiStore.getState().openReview(plan.id));
    const dialog = await screen.findByTestId('plan-review');
    const row = within(dialog).getAllByTestId('review-row')[0]!;
    expect(within(row).getByTestId('review-reason').textContent).toBe(
      'tightest fit: 1.5 GiB memory free after; next to db (co-location)',
    );
    expect(row.querySelector('.runners-up')!.textContent).toBe(
      'not hv2: no db there (co-location)',
    );
  });

  it('move: from → to, live or cold with the estimate; Discard drops it', async () => {
    const plan = makePlan({
      kind: 'move',
      title: 'Move web-1 to hv2',
      steps: [
        planStep('m1', 'migrate', 'web-1', 'hv1', { targetHostId: 'hv2' as HostId, live: true }),
      ],
      review: [
        {
          vmId: 'vm-web-1' as never,
          vmName: 'web-1',
          hostId: 'hv2' as HostId,
          fromHostId: 'hv1' as HostId,
          reason: 'the host you dropped it on: fits (memory 60 % free after)',
          runnersUp: [],
          live: true,
          estimatedSeconds: 12,
        },
      ],
    });
    const fake = open([plan]).handle('plans:discard', () => ({
      ...plan,
      status: 'discarded' as const,
    }));
    await screen.findByTestId('app-ready');
    act(() => useUiStore.getState().openReview(plan.id));
    const dialog = await screen.findByTestId('plan-review');
    const row = within(dialog).getByTestId('review-row');
    expect(row.querySelector('.review-host')!.textContent).toContain('hv1 → hv2');
    expect(within(row).getByTestId('review-move-kind').textContent).toBe(
      'live (keeps running) · about 12 s',
    );
    fireEvent.click(within(dialog).getByTestId('discard-plan'));
    await waitFor(() => expect(screen.queryByTestId('plan-review')).toBeNull());
    expect(fake.callsTo('plans:discard')).toEqual([{ planId: plan.id }]);
    expect(fake.callsTo('plans:approve')).toEqual([]);
  });
});

describe('Plans panel', () => {
  it('an interrupted plan opens the panel at start, explained, with Resume and Roll back', async () => {
    const steps = deployPlan(SHOP).steps.map((s, i) => ({
      ...s,
      status: i < 3 ? ('done' as const) : ('pending' as const),
    }));
    const plan = deployPlan(SHOP, { status: 'interrupted', steps: steps.slice(0, 4) });
    const fake = open([plan])
      .handle('plans:resume', () => ({ ...plan, status: 'running' as const }))
      .handle('plans:rollback', () =>
        makePlan({ id: 'rb' as PlanId, kind: 'rollback', status: 'running', steps: [] }),
      );
    const row = await rowOf('deploy');
    expect(row.dataset.status).toBe('interrupted');
    expect(within(row).getByTestId('plan-attention').textContent).toBe(
      'The console stopped while this plan ran; the steps were checked against the hosts: 3 done, 1 not started.',
    );
    expect(
      within(row)
        .getAllByTestId('plan-step')
        .map((s) => s.dataset.status),
    ).toEqual(['done', 'done', 'done', 'pending']);
    fireEvent.click(within(row).getByTestId('resume-plan'));
    await waitFor(() => expect(fake.callsTo('plans:resume')).toEqual([{ planId: plan.id }]));
    await waitFor(() => expect(row.dataset.status).toBe('running'));
    expect(within(row).queryByTestId('resume-plan')).toBeNull();
    expect(within(row).getByTestId('cancel-plan')).toBeTruthy();
  });

  it("a failed step says what failed in words, with libvirt's detail behind an expander; progress while migrating", async () => {
    const failed = makePlan({
      kind: 'deploy',
      title: 'Deploy shop',
      status: 'failed',
      updatedAt: 2,
      steps: [
        planStep('d', 'define', 'shop-db-1', 'hv3', { status: 'done' }),
        planStep('s', 'start', 'shop-db-1', 'hv3', {
          status: 'failed',
          error: {
            code: 'command-failed',
            message: "Couldn't start shop-db-1 on hv3: not enough memory",
            retryable: false,
            detail: 'error: Failed to start domain shop-db-1\nerror: cannot allocate memory',
          },
        }),
        planStep('w', 'start', 'shop-web-1', 'hv1', { status: 'skipped', after: ['s'] }),
      ],
    });
    const moving = makePlan({
      id: 'mv' as PlanId,
      kind: 'move',
      title: 'Move web-1 to hv2',
      status: 'running',
      updatedAt: 1,
      steps: [
        planStep('m', 'migrate', 'web-1', 'hv1', { status: 'running', progress: 42, live: true }),
      ],
    });
    open([failed, moving]);
    const row = await rowOf('deploy');
    expect(within(row).getByTestId('plan-attention').textContent).toBe(
      '“Start shop-db-1 on hv3” failed; the steps after it were not run (1 done, 1 failed, 1 not run).',
    );
    const error = within(row).getByTestId('step-error');
    expect(error.textContent).toContain("Couldn't start shop-db-1 on hv3: not enough memory");
    expect(error.textContent).not.toContain('cannot allocate memory');
    fireEvent.click(within(error).getByRole('button', { name: 'Show details' }));
    expect(error.textContent).toContain('error: cannot allocate memory');
    expect(within(row).getByTestId('rollback-plan')).toBeTruthy();

    const move = await rowOf('move');
    expect(within(move).getByRole('progressbar').getAttribute('value')).toBe('42');
    expect(within(move).getByTestId('step-progress').textContent).toContain('42 %');
  });
});
