import { describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { host, vm } from '../../../shared/testing/service-fixtures';
import { planPower } from './plan-power';

const hv1 = host('hv1');
const hv2 = host('hv2');
const hv3 = host('hv3', { state: 'unreachable' });
const web1 = vm('web-1', hv1);
const web2 = vm('web-2', hv1, { state: 'shutoff' });
const api = vm('api', hv2);
const db = vm('db', hv2, { state: 'paused' });
const scratch = vm('scratch', hv2, { persistent: false });
const far = vm('far', hv3);
const fleet = { hosts: [hv1, hv2, hv3], vms: [web1, web2, api, db, scratch, far] };
const ids = (...vms: { id: VmId }[]): VmId[] => vms.map((v) => v.id);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return AppError.from(error);
  }
  throw new Error('expected a refusal');
}

describe('bulk power plans', () => {
  it('shuts down the running VMs of the selection and says which it leaves out and why', () => {
    const plan = planPower({ action: 'shutdown', vmIds: ids(web1, web2, api) }, fleet);
    expect(plan).toMatchObject({
      kind: 'power',
      power: 'shutdown',
      status: 'review',
      concurrency: 4,
    });
    expect(plan.title).toBe('Shut down 2 VMs');
    expect(plan.steps.map((s) => [s.kind, s.vmName, s.label])).toEqual([
      ['shutdown', 'web-1', 'Shut down web-1 on hv1'],
      ['shutdown', 'api', 'Shut down api on hv2'],
    ]);
    expect(plan.warnings).toEqual(['2 VMs will be shut down; web-2 is already shut off']);
  });

  it('each action becomes the step kind the journal can settle from the VM list', () => {
    const kinds = (action: Parameters<typeof planPower>[0]['action'], vms: VmId[]) =>
      planPower({ action, vmIds: vms }, fleet).steps.map((s) => `${s.kind}:${s.vmName}`);
    expect(kinds('start', ids(web2))).toEqual(['start:web-2']);
    expect(kinds('force-off', ids(web1, db))).toEqual(['destroy:web-1', 'destroy:db']);
    expect(kinds('pause', ids(web1, db))).toEqual(['suspend:web-1']);
    expect(kinds('resume', ids(web1, db))).toEqual(['resume:db']);
  });

  it('a reboot is a shut-down then a start after it, and leaves transient VMs out', () => {
    const plan = planPower({ action: 'reboot', vmIds: ids(web1, scratch, web2) }, fleet);
    const [down, up] = plan.steps;
    expect(plan.steps).toHaveLength(2);
    expect(down).toMatchObject({ kind: 'shutdown', vmName: 'web-1', after: [] });
    expect(up).toMatchObject({ kind: 'start', vmName: 'web-1', after: [down!.id] });
    expect(up!.label).toBe('Reboot web-1 on hv1: start again');
    expect(plan.warnings?.[0]).toBe(
      '1 VM will be rebooted; scratch is transient: shut down, it would be gone and could not ' +
        'start again (reboot it from its guest); web-2 is not running',
    );
  });

  it('a whole host: its VMs only, ordered by name, titled by the host', () => {
    const plan = planPower({ action: 'force-off', hostId: hv2.config.id }, fleet);
    expect(plan.title).toBe('Force off the VMs of hv2');
    expect(plan.hostId).toBe(hv2.config.id);
    expect(plan.steps.map((s) => s.vmName)).toEqual(['api', 'db', 'scratch']);
  });

  it('leaves out VMs of a host that is not connected, and ids the fleet no longer lists', () => {
    const plan = planPower(
      { action: 'shutdown', vmIds: [...ids(web1, far), 'gone-id' as VmId, web1.id] },
      fleet,
    );
    expect(plan.steps.map((s) => s.vmName)).toEqual(['web-1']);
    expect(plan.warnings?.[0]).toBe(
      '1 VM will be shut down; far (hv3) is on a host that is not connected; gone-id is no longer reported by its host',
    );
  });

  it('refuses a plan with nothing to do, in words, and an unknown host', () => {
    const none = refusal(() => planPower({ action: 'start', vmIds: ids(web1, db) }, fleet));
    expect(none.code).toBe('conflict');
    expect(none.message).toBe(
      'No VM will be started; web-1 is already running; db is paused: resume it instead',
    );
    const unknown = refusal(() => planPower({ action: 'start', hostId: 'nope' as HostId }, fleet));
    expect(unknown.code).toBe('not-found');
  });

  it('keeps the concurrency asked for', () => {
    const plan = planPower({ action: 'shutdown', hostId: hv2.config.id, concurrency: 1 }, fleet);
    expect(plan.concurrency).toBe(1);
  });
});
