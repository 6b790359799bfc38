// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host, Vm } from '../../../shared/domain';
import type { HostWitness } from '../../../shared/domain/host-witness';
import type { HostId, ServiceId } from '../../../shared/domain/ids';
import type { RequestOf } from '../../../shared/contract/requests';
import { confirmsHost, type RecoveryProposal } from '../../../shared/domain/recovery';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { makePlan, planStep } from '../../testing/plan-fixtures';
import { renderWithApi } from '../../testing/render';
import { formatClock } from '../../../shared/words';

// The "Recover VMs…" window over a fake core: the refusal of a partition, the gate shut until the
// host's exact name is typed, the BMC's way through offered only with power management, and the
// button gone once nothing is left to recover. The lost host's details offer no power buttons.

afterEach(cleanup);

const shop = 'svc-shop' as ServiceId;
const hv3Id = 'hv3' as HostId;
const witness = (verdict: HostWitness['verdict']): HostWitness => ({
  verdict,
  alive: verdict === 'partition' ? ['hv1' as HostId] : [],
  dead: verdict === 'unreachable-from-all' ? ['hv1' as HostId] : [],
  refused: [],
  unasked: [],
  checkedAt: 0,
});
const lost = (verdict: HostWitness['verdict'], power = false): Host =>
  makeHost('hv3', {
    state: 'unreachable',
    witness: witness(verdict),
    ...(power
      ? {
          config: {
            power: {
              kind: 'ipmi',
              address: '10.0.0.3',
              port: 623,
              user: 'admin',
              route: { kind: 'console' },
              passwordSet: true,
            },
          },
        }
      : {}),
  });
const dbOnHv3 = makeVm('hv3', 'shop-db-1', { service: shop });
const plan = makePlan({
  kind: 'recovery',
  status: 'review',
  steps: [
    planStep('d1', 'define', 'shop-db-1', 'hv1'),
    planStep('s1', 'start', 'shop-db-1', 'hv1', { after: ['d1'] }),
  ],
  review: [
    {
      vmId: dbOnHv3.id,
      vmName: 'shop-db-1',
      hostId: 'hv1' as HostId,
      fromHostId: 'hv3' as HostId,
      reason: 'most headroom left',
      runnersUp: [],
    },
  ],
});

function open(
  host: Host,
  proposal: (req: RequestOf<'recovery:propose'>) => RecoveryProposal,
  vms: Vm[] = [dbOnHv3],
) {
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([makeHost('hv1'), host], vms))
    .handle('log:recent', () => [])
    .handle('recovery:propose', proposal)
    .handle('plans:approve', () => ({ ...plan, status: 'running' }));
  renderWithApi(<App />, fake);
  return fake;
}

const openDialog = async () => {
  await screen.findByTestId('app-ready');
  fireEvent.click(await screen.findByTestId('recover-vms-card'));
  return screen.findByTestId('recovery-dialog');
};

describe('Recover VMs…', () => {
  it('a partition: refused in words, no way through, nothing approved', async () => {
    const fake = open(lost('partition'), () => ({
      hostId: hv3Id,
      fence: { by: 'none' },
      blocked: { code: 'not-witnessed', verdict: 'partition' },
      leftOut: [],
    }));
    const dialog = await openDialog();
    expect((await within(dialog).findByTestId('recovery-refusal')).textContent).toBe(
      'Refused: hv3 is unreachable from this console but alive for its peers (a partition); its VMs are probably still running, and starting them elsewhere would run them twice',
    );
    expect(within(dialog).getByTestId<HTMLButtonElement>('recovery-approve').disabled).toBe(true);
    expect(within(dialog).queryByTestId('recovery-confirm-name')).toBeNull();
    expect(within(dialog).queryByTestId('recovery-fence')).toBeNull();
    expect(fake.callsTo('plans:approve')).toEqual([]);
  });

  it('down, not known off: only the exact name opens the gate; approved, the plan runs', async () => {
    const fake = open(lost('unreachable-from-all'), (req) =>
      confirmsHost(req.confirmName, 'hv3') // as the core: trimmed, exact case
        ? { hostId: hv3Id, fence: { by: 'confirmed' }, plan, leftOut: [] }
        : {
            hostId: hv3Id,
            fence: { by: 'none', reading: { ok: false, failure: { code: 'not-configured' } } },
            blocked: { code: 'not-fenced' },
            plan,
            leftOut: [],
          },
    );
    const dialog = await openDialog();
    const approve = await within(dialog).findByTestId<HTMLButtonElement>('recovery-approve');
    await waitFor(() => expect(approve.textContent).toBe('Approve: restart 1 VM'));
    expect(within(dialog).queryByTestId('recovery-fence')).toBeNull(); // no power management
    const typed = within(dialog).getByTestId('recovery-confirm-name');
    fireEvent.change(typed, { target: { value: 'HV3' } });
    expect(approve.disabled).toBe(true);
    fireEvent.change(typed, { target: { value: ' hv3 ' } });
    expect(approve.disabled).toBe(false);
    fireEvent.click(approve);
    await waitFor(() => expect(fake.callsTo('plans:approve')).toEqual([{ planId: plan.id }]));
    expect(fake.callsTo('recovery:propose').at(-1)).toEqual({
      hostId: 'hv3',
      confirmName: ' hv3 ',
    });
    await waitFor(() => expect(screen.queryByTestId('recovery-dialog')).toBeNull());
  });

  it('with power management: "Power off through BMC and recover" asks the core to fence', async () => {
    const fake = open(lost('unreachable-from-all', true), (req) =>
      req.fence === true
        ? {
            hostId: hv3Id,
            fence: { by: 'bmc', poweredOff: true, reading: { ok: true, state: 'off' } },
            plan,
            leftOut: [],
          }
        : {
            hostId: hv3Id,
            fence: { by: 'none', reading: { ok: true, state: 'on' } },
            blocked: { code: 'not-fenced' },
            plan,
            leftOut: [],
          },
    );
    const dialog = await openDialog();
    expect((await within(dialog).findByTestId('recovery-off')).textContent).toContain(
      "hv3's BMC says: power on; its VMs may still be running",
    );
    const fence = await within(dialog).findByTestId<HTMLButtonElement>('recovery-fence');
    await waitFor(() => expect(fence.disabled).toBe(false));
    fireEvent.click(fence);
    await waitFor(() => expect(fake.callsTo('plans:approve')).toEqual([{ planId: plan.id }]));
    expect(fake.callsTo('recovery:propose').at(-1)).toEqual({ hostId: 'hv3', fence: true });
  });

  it('goes once nothing is left: each service VM of the lost host runs elsewhere', async () => {
    open(
      lost('unreachable-from-all'),
      () => {
        throw new Error('not asked');
      },
      [dbOnHv3, { ...dbOnHv3, hostId: 'hv1' as HostId, state: 'running' }],
    );
    await screen.findByTestId('app-ready');
    const card = document.querySelector<HTMLElement>(
      '[data-testid="host-card"][data-host-name="hv3"]',
    )!;
    expect(within(card).queryByTestId('recover-vms-card')).toBeNull();
  });

  it("the lost host's details say why its VMs cannot be powered, instead of buttons that cannot work", async () => {
    open(lost('unreachable-from-all'), () => {
      throw new Error('not asked');
    });
    await screen.findByTestId('app-ready');
    const card = document.querySelector<HTMLElement>(
      '[data-testid="host-card"][data-host-name="hv3"]',
    )!;
    fireEvent.click(within(card).getByRole('button', { name: 'hv3' }));
    const panel = screen.getByTestId('details-panel');
    expect(within(panel).queryByTestId('host-power')).toBeNull();
    expect(within(panel).getByTestId('host-power-unavailable').textContent).toBe(
      'hv3 is not connected, so its VMs cannot be started or stopped from here; to restart its service VMs on other hosts, use Recover VMs…',
    );
    expect(within(panel).getByTestId('recover-vms-details')).toBeTruthy();
  });

  it('after a recovery: the card says powered off through its BMC and when; the details say where its VMs run now and which stayed, why', async () => {
    const at = new Date(2026, 11, 6, 6, 50, 5).getTime();
    const fenced: Host = { ...lost('unreachable-from-all'), fenced: { at, poweredOff: true } };
    const scratch = makeVm('hv3', 'scratch');
    const off = makeVm('hv3', 'old', { state: 'shutoff' });
    const fake = new FakeBridge()
      .handle('fleet:snapshot', () =>
        makeFleet(
          [makeHost('hv1'), fenced],
          [dbOnHv3, scratch, off, { ...dbOnHv3, hostId: 'hv1' as HostId, state: 'running' }],
        ),
      )
      .handle('log:recent', () => [])
      .handle('recovery:ha-marks', () => []);
    renderWithApi(<App />, fake);
    await screen.findByTestId('app-ready');
    const card = document.querySelector<HTMLElement>(
      '[data-testid="host-card"][data-host-name="hv3"]',
    )!;
    expect(within(card).getByTestId('host-fenced').textContent).toBe(
      `Powered off through its BMC at ${formatClock(at)}`,
    );
    expect(within(card).queryByTestId('recover-vms-card')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'hv3' }));
    const panel = screen.getByTestId('details-panel');
    await waitFor(() =>
      expect(within(panel).getByTestId('host-power-unavailable').textContent).toBe(
        `hv3 is not connected, so its VMs cannot be started or stopped from here. It was powered off through its BMC at ${formatClock(at)}. Running on other hosts now: shop-db-1 on hv1. scratch stays on hv3: it is not part of a service and not marked to restart on another host.`,
      ),
    );
    expect(within(panel).queryByText(/use Recover VMs/)).toBeNull();
    expect(within(panel).queryByTestId('recover-vms-details')).toBeNull();
  });

  it('a lost host whose only VM left is marked HA (no service) still offers Recover VMs…', async () => {
    const keep = makeVm('hv3', 'keep "this"');
    const fake = new FakeBridge()
      .handle('fleet:snapshot', () =>
        makeFleet(
          [makeHost('hv1'), lost('unreachable-from-all')],
          [dbOnHv3, keep, { ...dbOnHv3, hostId: 'hv1' as HostId, state: 'running' }],
        ),
      )
      .handle('log:recent', () => [])
      .handle('recovery:ha-marks', () => [keep.id]);
    renderWithApi(<App />, fake);
    await screen.findByTestId('app-ready');
    expect(await screen.findByTestId('recover-vms-card')).toBeTruthy();
  });
});
