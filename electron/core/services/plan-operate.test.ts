import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import { API, DB, WEB, host, shop, vm } from '../../../shared/testing/service-fixtures';
import { planDelete, planStart, planStop } from './plan-operate';

const hv1 = host('hv1');
const hv2 = host('hv2');
const hv3 = host('hv3');
const hosts = [hv1, hv2, hv3];
const running = [
  vm('shop-web-1', hv1, { app: WEB }),
  vm('shop-web-2', hv2, { app: WEB }),
  vm('shop-api-1', hv3, { app: API }),
  vm('shop-db-1', hv3, { app: DB }),
  vm('alpha', hv1),
];
const stopped = running.map((v) => ({ ...v, state: 'shutoff' as const }));

const stepOf = (plan: Plan, kind: PlanStep['kind'], name: string): PlanStep => {
  const found = plan.steps.find((s) => s.kind === kind && s.vmName === name);
  if (!found) throw new Error(`no ${kind} step for ${name}`);
  return found;
};

describe('service start, stop and delete plans', () => {
  it('start: only VMs not running, db first, web and api after it', () => {
    const vms = stopped.map((v) =>
      v.name === 'shop-web-2' ? { ...v, state: 'running' as const } : v,
    );
    const plan = planStart(shop(), { hosts, vms });
    expect(plan).toMatchObject({ kind: 'start-service', title: 'Start shop' });
    expect(plan.steps.map((s) => s.vmName).sort()).toEqual([
      'shop-api-1',
      'shop-db-1',
      'shop-web-1',
    ]);
    const db = stepOf(plan, 'start', 'shop-db-1');
    expect(db.after).toEqual([]);
    expect(stepOf(plan, 'start', 'shop-web-1').after).toEqual([db.id]);
    expect(stepOf(plan, 'start', 'shop-api-1').after).toEqual([db.id]);
  });

  it('stop: reverse order, db shuts down after web and api', () => {
    const plan = planStop(shop(), { hosts, vms: running });
    expect(plan.steps.every((s) => s.kind === 'shutdown')).toBe(true);
    expect(plan.steps.map((s) => s.vmName)).not.toContain('alpha');
    const db = stepOf(plan, 'shutdown', 'shop-db-1');
    const dependents = ['shop-web-1', 'shop-web-2', 'shop-api-1'].map((n) =>
      stepOf(plan, 'shutdown', n),
    );
    expect([...db.after].sort()).toEqual(dependents.map((s) => s.id).sort());
    for (const s of dependents) expect(s.after).toEqual([]);
  });

  it('stop: a VM on a host that is not connected is left out, with a warning', () => {
    const plan = planStop(shop(), {
      hosts: [hv1, { ...hv2, state: 'unreachable' }, hv3],
      vms: running,
    });
    expect(plan.steps.map((s) => s.vmName)).not.toContain('shop-web-2');
    expect(plan.warnings).toEqual(['shop-web-2 is on hv2, which is not connected: not stopped']);
  });

  it('delete: force off running ones in reverse order, then undefine each after its own stop', () => {
    const vms = running.map((v) =>
      v.name === 'shop-api-1' ? { ...v, state: 'shutoff' as const } : v,
    );
    const plan = planDelete(shop(), { hosts, vms });
    expect(plan).toMatchObject({ kind: 'delete-service', status: 'review' });
    expect(plan.steps.filter((s) => s.kind === 'undefine')).toHaveLength(4);
    expect(stepOf(plan, 'undefine', 'shop-api-1').after).toEqual([]);
    expect(stepOf(plan, 'undefine', 'shop-db-1').after).toEqual([
      stepOf(plan, 'destroy', 'shop-db-1').id,
    ]);
    expect(stepOf(plan, 'destroy', 'shop-db-1').after).toHaveLength(2); // the two web servers
    expect(plan.steps.some((s) => s.kind === 'shutdown')).toBe(false);
  });

  it('delete: refused while a host holding one of its VMs is not connected', () => {
    expect(() =>
      planDelete(shop(), { hosts: [hv1, hv2, { ...hv3, state: 'disconnected' }], vms: running }),
    ).toThrow(
      'shop-api-1 on hv3, shop-db-1 on hv3 cannot be removed while their hosts are not connected',
    );
  });

  it('a renamed service still finds its VMs: they carry its id', () => {
    const plan = planStop(shop({ name: 'boutique' }), { hosts, vms: running });
    expect(plan.steps).toHaveLength(4);
    expect(plan.title).toBe('Stop boutique');
  });
});
