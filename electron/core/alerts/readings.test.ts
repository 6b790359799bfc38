import { describe, expect, it } from 'vitest';
import type { ApplicationId, ServiceId } from '../../../shared/domain/ids';
import { API, DB, SHOP, WEB, app, host, shop, vm } from '../../../shared/testing/service-fixtures';
import { buildAlertView } from './alert-view';
import { stateReadings } from './readings';

const BLOG = 'svc-blog' as ServiceId;
const PAGES = 'app-pages' as ApplicationId;

describe('the service state readings', () => {
  // Two services on the same hosts, and a third with no VM: each read from its own VMs.
  const hv1 = host('hv1');
  const hv2 = host('hv2');
  const lost = host('hv3', { state: 'unreachable' });
  const blog = {
    service: { ...shop().service, id: BLOG, name: 'blog', applications: [PAGES], dependsOn: {} },
    applications: [app(PAGES, 'pages', { service: BLOG, replicas: 2 })],
  };
  const empty = {
    ...shop({ name: 'empty' }),
    service: { ...shop().service, id: 'svc-empty' as ServiceId, name: 'empty' },
  };
  const view = buildAlertView({
    hosts: [hv1, hv2, lost],
    vms: [
      vm('web-1', hv1, { app: WEB }),
      vm('web-2', lost, { app: WEB }), // running, but its host cannot be reached: not counted
      vm('api-1', hv2, { app: API }),
      vm('db-1', hv2, { app: DB, state: 'shutoff' }),
      vm('pages-1', hv1, { application: PAGES, service: BLOG }),
      vm('pages-2', hv2, { application: PAGES, service: BLOG, state: 'paused' }),
      vm('plain', hv1),
    ],
    services: [shop(), blog, empty],
    paths: [],
  });

  it('says which service is down, which degraded, and what each is short of', () => {
    const down = stateReadings('service-down', view, []);
    const degraded = stateReadings('service-degraded', view, []);
    const why = (readings: typeof down, id: string) =>
      readings.find((r) => r.object.id === id)?.why;
    // shop: db has none running (down); web 1 of 2 as its second's host is lost.
    expect(why(down, SHOP)).toEqual({
      code: 'service-down',
      service: SHOP,
      short: [
        { application: WEB, running: 1, needed: 2 },
        { application: DB, running: 0, needed: 1 },
      ],
    });
    expect(why(degraded, SHOP)).toBeUndefined();
    // blog: pages 1 of 2 running (the other paused): degraded, not down.
    expect(why(degraded, BLOG)).toEqual({
      code: 'service-degraded',
      service: BLOG,
      short: [{ application: PAGES, running: 1, needed: 2 }],
    });
    expect(why(down, BLOG)).toBeUndefined();
    // A service with no VM is not deployed: neither rule holds, both list it.
    expect(why(down, 'svc-empty')).toBeUndefined();
    expect(why(degraded, 'svc-empty')).toBeUndefined();
    expect(down.map((r) => r.object.name)).toEqual(['shop', 'blog', 'empty']);
  });
});
