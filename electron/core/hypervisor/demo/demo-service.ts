import { randomUUID } from 'node:crypto';
import type { Application, ServiceBundle } from '../../../../shared/domain/application';
import { ApplicationId, ServiceId, VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import type { DemoHostSpec } from './demo-fleet';

const SHOP = ServiceId.parse('demo-shop');
const WEB = ApplicationId.parse('demo-shop-web');
const API = ApplicationId.parse('demo-shop-api');
const DB = ApplicationId.parse('demo-shop-db');

function application(
  id: ApplicationId,
  name: string,
  size: Pick<Application, 'vcpus' | 'memoryMiB' | 'replicas'>,
  rules: Pick<Application, 'spread'> = {},
): Application {
  return { id, name, service: SHOP, ...size, ...rules, template: { kind: 'test-guest' } };
}

/**
 * The demo's sample service, so that Services is not empty on first open: "demo-shop", web ×2
 * (spread across hosts), api and db, started db → api → web. It lives only while the demo does
 * and is never stored.
 */
export const DEMO_SERVICE: ServiceBundle = {
  service: {
    id: SHOP,
    name: 'demo-shop',
    applications: [WEB, API, DB],
    dependsOn: { [WEB]: [API], [API]: [DB] },
    policy: 'spread',
    health: { kind: 'all-up' },
    // Opted in, so the demo shows an automatic recovery (its hosts have simulated BMCs).
    autoRecover: true,
  },
  applications: [
    application(
      WEB,
      'web',
      { vcpus: 2, memoryMiB: 2048, replicas: 2 },
      {
        spread: { across: 'host', strength: 'hard' },
      },
    ),
    application(API, 'api', { vcpus: 2, memoryMiB: 4096, replicas: 1 }),
    application(DB, 'db', { vcpus: 4, memoryMiB: 8192, replicas: 1 }),
  ],
};

/** Where each VM of the sample service runs: on the first hosts, which the demo keeps healthy. */
const PLACEMENT: readonly { name: string; app: ApplicationId; host: number }[] = [
  { name: 'demo-shop-db-1', app: DB, host: 0 },
  { name: 'demo-shop-api-1', app: API, host: 2 },
  { name: 'demo-shop-web-1', app: WEB, host: 1 },
  { name: 'demo-shop-web-2', app: WEB, host: 2 },
];

/** The demo fleet with the sample service's VMs deployed on it, running. */
export function withDemoService(specs: readonly DemoHostSpec[]): DemoHostSpec[] {
  const out = specs.map((spec) => ({ ...spec, vms: [...spec.vms] }));
  for (const { name, app, host } of PLACEMENT) {
    const spec = out[host];
    const application = DEMO_SERVICE.applications.find((a) => a.id === app);
    if (!spec || !application) continue;
    const vm: Vm = {
      id: VmId.parse(randomUUID()),
      hostId: spec.config.id,
      name,
      state: 'running',
      vcpus: application.vcpus,
      memoryMiB: application.memoryMiB,
      persistent: true,
      application: app,
      service: SHOP,
    };
    spec.vms.push(vm);
  }
  return out;
}
