import { describe, expect, it } from 'vitest';
import { serviceHealth } from './health';
import { API, DB, WEB, host, shop, vm } from '../testing/service-fixtures';

const hv1 = host('hv1');
const hv2 = host('hv2');
const hv3 = host('hv3');
const hosts = [hv1, hv2, hv3];
const all = [
  vm('shop-web-1', hv1, { app: WEB }),
  vm('shop-web-2', hv2, { app: WEB }),
  vm('shop-api-1', hv3, { app: API }),
  vm('shop-db-1', hv3, { app: DB }),
];

describe('serviceHealth', () => {
  it('healthy when every replica runs', () => {
    expect(serviceHealth(shop(), all, hosts)).toMatchObject({ state: 'healthy', reasons: [] });
  });

  it('not deployed when no VM carries the service, whatever else runs', () => {
    const other = [vm('alpha', hv1)];
    expect(serviceHealth(shop(), other, hosts).state).toBe('not-deployed');
  });

  it('degraded when an application runs fewer replicas than all-up asks, with the VM named', () => {
    const vms = all.map((v) => (v.name === 'shop-web-2' ? { ...v, state: 'shutoff' as const } : v));
    const health = serviceHealth(shop(), vms, hosts);
    expect(health.state).toBe('degraded');
    expect(health.reasons).toEqual(['web: 1 of 2 running (shop-web-2 shut off on hv2)']);
  });

  it('down when one application has nothing running', () => {
    const vms = all.filter((v) => v.name !== 'shop-db-1');
    const health = serviceHealth(shop(), vms, hosts);
    expect(health.state).toBe('down');
    expect(health.reasons[0]).toBe('db: none of 1 running (1 not deployed)');
  });

  it('at-least: healthy with fewer than all, degraded below the count', () => {
    const bundle = shop();
    const atLeastOne = {
      ...bundle,
      service: { ...bundle.service, health: { kind: 'at-least' as const, count: 1 } },
    };
    const oneWeb = all.filter((v) => v.name !== 'shop-web-2');
    expect(serviceHealth(atLeastOne, oneWeb, hosts).state).toBe('healthy');
    const atLeastTwo = {
      ...bundle,
      service: { ...bundle.service, health: { kind: 'at-least' as const, count: 2 } },
    };
    expect(serviceHealth(atLeastTwo, oneWeb, hosts).state).toBe('degraded');
    // Capped at an application's replicas: db has one, and one running is enough for it.
    expect(serviceHealth(atLeastTwo, all, hosts).state).toBe('healthy');
  });

  it('a VM on a host that is not connected is unknown, not running, and says why', () => {
    const lost = [hv1, { ...hv2, state: 'unreachable' as const }, hv3];
    const health = serviceHealth(shop(), all, lost);
    expect(health.state).toBe('degraded');
    expect(health.reasons).toEqual(['web: 1 of 2 running (shop-web-2 unknown: hv2 unreachable)']);
    const dbLost = [hv1, hv2, { ...hv3, state: 'disconnected' as const }];
    expect(serviceHealth(shop(), all, dbLost).state).toBe('down');
  });

  it('a VM of another service with the same application id is not ours', () => {
    const foreign = all.map((v) => ({ ...v, service: 'svc-other' as typeof v.service }));
    expect(serviceHealth(shop(), foreign, hosts).state).toBe('not-deployed');
  });
});
