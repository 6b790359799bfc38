import { describe, expect, it } from 'vitest';
import type { ServiceId } from '../../../shared/domain/ids';
import { DB, WEB, host, shop, vm } from '../../../shared/testing/service-fixtures';
import { planAdopt } from './plan-adopt';

const hv1 = host('hv1');
const hv2 = host('hv2', { state: 'unreachable' });
const hosts = [hv1, hv2];

describe('planAdopt', () => {
  it('one set-metadata step per VM, tagging it with the application and service', () => {
    const loose = vm('old-web', hv1);
    const plan = planAdopt([shop()], shop(), WEB, [{ hostId: loose.hostId, vmId: loose.id }], {
      hosts,
      vms: [loose],
    });
    expect(plan.steps).toMatchObject([
      {
        kind: 'set-metadata',
        vmName: 'old-web',
        application: WEB,
        service: shop().service.id,
        label: 'Tag old-web on hv1 as shop/web',
      },
    ]);
  });

  it('a VM larger than the application, on a lost host, or another service’s: refused, all named', () => {
    const big = vm('big', hv1, { memoryMiB: 4096, vcpus: 4 });
    const lost = vm('lost', hv2);
    const taken = vm('taken', hv1, { service: 'svc-other' as ServiceId });
    const other = {
      ...shop(),
      service: { ...shop().service, id: 'svc-other' as ServiceId, name: 'other' },
    };
    const refs = [big, lost, taken].map((v) => ({ hostId: v.hostId, vmId: v.id }));
    let error: unknown;
    try {
      planAdopt([shop(), other], shop(), WEB, refs, { hosts, vms: [big, lost, taken] });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'invalid-request',
      message:
        'big is larger than web: 4 vCPUs, web allows 1; 4.0 GiB of memory, web allows 64 MiB',
    });
    expect((error as { detail?: string }).detail).toContain(
      'lost: hv2 is not connected\ntaken already belongs to service other',
    );
  });

  it('no more replicas than the application has', () => {
    const vms = [vm('shop-db-1', hv1, { app: DB }), vm('spare', hv1)];
    expect(() =>
      planAdopt([shop()], shop(), DB, [{ hostId: hv1.config.id, vmId: vms[1]!.id }], {
        hosts,
        vms,
      }),
    ).toThrow('db has 1 replica and 1 already: raise its replicas first');
  });
});
