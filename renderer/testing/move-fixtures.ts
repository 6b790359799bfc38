import type { ServiceBundle } from '../../shared/domain/application';
import type { ApplicationId, ServiceId } from '../../shared/domain/ids';
import type { MigrationPath } from '../../shared/domain/migration-path';
import type { Plan } from '../../shared/domain/plan';
import { FakeBridge } from './fake-bridge';
import { makeFacts, makeFleet, makeHost, makeVm } from './fixtures';
import { makePlan, planStep } from './plan-fixtures';

// A fleet where a drag of web-1 (on hv1) meets every verdict: hv2 fits, hv3 is in maintenance,
// hv4 is too small, hv5 has no path from hv1, hv6 runs web-2 (web spreads softly over hosts).

export const WEB = 'app-web' as ApplicationId;
const SHOP = 'svc-shop' as ServiceId;

export const BROKEN_PATH: MigrationPath = {
  from: 'hv1' as MigrationPath['from'],
  to: 'hv5' as MigrationPath['to'],
  state: 'broken',
  message: "hv1 does not know hv5's host key",
  fix: 'Add hv5 to ~hv1/.ssh/known_hosts',
};

export function moveFleet() {
  const hosts = [
    makeHost('hv1'),
    makeHost('hv2'),
    makeHost('hv3', { config: { maintenance: true } }),
    makeHost('hv4', { facts: { at: 0, value: makeFacts('hv4', { memoryMiB: 1024 }) } }),
    makeHost('hv5'),
    makeHost('hv6'),
  ];
  const web1 = makeVm('hv1', 'web-1', { application: WEB, service: SHOP });
  const web2 = makeVm('hv6', 'web-2', { application: WEB, service: SHOP });
  const db = makeVm('hv1', 'db-1', { memoryMiB: 512 });
  return { fleet: makeFleet(hosts, [web1, db, web2]), web1, web2, db };
}

export function shopCatalog(): { services: ServiceBundle[] } {
  return {
    services: [
      {
        service: {
          id: SHOP,
          name: 'shop',
          applications: [WEB],
          dependsOn: {},
          policy: 'spread',
          health: { kind: 'all-up' },
        },
        applications: [
          {
            id: WEB,
            name: 'web',
            service: SHOP,
            vcpus: 2,
            memoryMiB: 2048,
            replicas: 2,
            spread: { across: 'host', strength: 'soft' },
            template: { kind: 'test-guest' },
          },
        ],
      },
    ],
  };
}

export function movePlan(vmName: string, fields: Partial<Plan> = {}): Plan {
  return makePlan({
    kind: 'move',
    id: `plan-move-${vmName}` as Plan['id'],
    title: `Move ${vmName} from hv1 to hv2`,
    steps: [planStep(`m-${vmName}`, 'migrate', vmName, 'hv1', { targetHostId: 'hv2' as never })],
    ...fields,
  });
}

/** The bridge of a console over `moveFleet()`, with plans and migration paths as given. */
export function moveBridge(
  fleet = moveFleet().fleet,
  plans: Plan[] = [],
  paths: MigrationPath[] = [BROKEN_PATH],
): FakeBridge {
  return new FakeBridge()
    .handle('fleet:snapshot', () => fleet)
    .handle('log:recent', () => [])
    .handle('services:list', () => shopCatalog())
    .handle('plans:list', () => plans)
    .handle('paths:list', () => paths);
}
