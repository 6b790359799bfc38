import { describe, expect, it } from 'vitest';
import { ServiceBundle } from '../domain/application';
import type { ApplicationId, ServiceId } from '../domain/ids';
import { API, DB, WEB, app, shop } from '../testing/service-fixtures';
import { validateService } from './validate-service';

const messages = (bundle: ServiceBundle, others: ServiceBundle[] = []): string[] =>
  validateService(bundle, others).map((p) => p.message);

function withDeps(dependsOn: Record<string, ApplicationId[]>): ServiceBundle {
  const bundle = shop();
  return { ...bundle, service: { ...bundle.service, dependsOn } };
}

describe('validateService', () => {
  it('accepts the shop', () => {
    expect(validateService(shop())).toEqual([]);
  });

  it('refuses names with characters XML 1.0 forbids, in words, in the shared check and the schema', () => {
    for (const [bad, code] of [
      ['web\u0007', 'U+0007'],
      ['a\u0000b', 'U+0000'],
      ['x\uFFFE', 'U+FFFE'],
      ['lone\uD800', 'U+D800'],
    ] as const) {
      const bundle = shop();
      const [first, ...rest] = bundle.applications;
      if (!first) throw new Error('the shop has applications');
      const named = {
        service: { ...bundle.service, name: `shop${bad}` },
        applications: [{ ...first, name: bad }, ...rest],
      };
      expect(validateService(named)).toEqual([
        {
          path: 'service.name',
          message: `A service name cannot contain the character ${code}: libvirt's domain XML cannot hold it`,
        },
        {
          path: 'applications.0.name',
          message: `Application ${bad.trim()}: a name cannot contain the character ${code}: libvirt's domain XML cannot hold it`,
        },
      ]);
      // The contract's schema refuses it too: a request built by hand gets the same reason.
      const parsed = ServiceBundle.safeParse(named);
      expect(parsed.error?.issues.map((i) => i.message)).toContain(
        `Name cannot contain the character ${code}: libvirt's domain XML cannot hold it`,
      );
    }
    const fine = shop();
    const ok = { ...fine, service: { ...fine.service, name: 'shop\tété 🚀 "$(x)"' } };
    expect(validateService(ok)).toEqual([]);
    expect(ServiceBundle.safeParse(ok).success).toBe(true);
  });

  it('names a dependency cycle by application names, in order', () => {
    expect(messages(withDeps({ [WEB]: [API], [API]: [WEB] }))).toEqual([
      'Dependency cycle: api → web → api: no application could start first',
    ]);
    expect(messages(withDeps({ [WEB]: [WEB] }))).toEqual([
      'Dependency cycle: web → web: no application could start first',
    ]);
    expect(messages(withDeps({ [WEB]: [API], [API]: [DB], [DB]: [WEB] }))[0]).toBe(
      'Dependency cycle: api → db → web → api: no application could start first',
    );
  });

  it('refuses a dependency or co-location outside the service', () => {
    const stranger = 'app-elsewhere' as ApplicationId;
    expect(validateService(withDeps({ [WEB]: [stranger] }))).toEqual([
      {
        path: `service.dependsOn.${WEB}`,
        message: 'web depends on an application that is not in shop (app-elsewhere)',
      },
    ]);
    const bundle = shop({
      apps: [
        app(WEB, 'web', { colocateWith: { application: stranger, strength: 'hard' } }),
        app(API, 'api'),
        app(DB, 'db'),
      ],
    });
    expect(messages(bundle)).toEqual(['web is co-located with an application that is not in shop']);
  });

  it('names must differ within a service (case aside); service names across services', () => {
    const bundle = shop({ apps: [app(WEB, 'web'), app(API, 'Web'), app(DB, 'db')] });
    expect(validateService(bundle)).toEqual([
      {
        path: 'applications.1.name',
        message: 'Two applications are named Web: names must differ within a service',
      },
    ]);
    const other = { ...shop(), service: { ...shop().service, id: 'svc-2' as ServiceId } };
    expect(messages(shop(), [other])).toEqual(['A service named shop already exists']);
    // Saving the same service again is not a clash with itself.
    expect(messages(shop(), [shop()])).toEqual([]);
  });

  it('replicas ≥ 1, memory ≥ 16 MiB, vCPUs ≥ 1', () => {
    const bundle = shop({
      apps: [
        app(WEB, 'web', { replicas: 0 }),
        app(API, 'api', { memoryMiB: 8 }),
        app(DB, 'db', { vcpus: 0 }),
      ],
    });
    expect(validateService(bundle)).toEqual([
      { path: 'applications.0.replicas', message: 'Application web needs at least 1 replica' },
      {
        path: 'applications.1.memoryMiB',
        message: 'Application api needs at least 16 MiB of memory',
      },
      { path: 'applications.2.vcpus', message: 'Application db needs at least 1 vCPU' },
    ]);
  });

  it('the at-least count cannot exceed every application’s replicas', () => {
    const bundle = shop();
    const count = (n: number): ServiceBundle => ({
      ...bundle,
      service: { ...bundle.service, health: { kind: 'at-least', count: n } },
    });
    expect(messages(count(2))).toEqual([]);
    expect(messages(count(3))).toEqual([
      'The health rule asks for 3 running per application, but no application has more than 2 replicas',
    ]);
  });

  it('an application the service does not list, or a listed one with no definition', () => {
    const bundle = shop();
    const broken = {
      ...bundle,
      service: { ...bundle.service, applications: [WEB, API, 'app-ghost' as ApplicationId] },
    };
    expect(messages(broken)).toEqual([
      'The service lists an application it does not define (app-ghost)',
      'Application db is not listed in the service',
    ]);
  });

  it('XML templates: {{name}} and {{uuid}} required, unknown placeholders named', () => {
    const xml = (text: string): ServiceBundle =>
      shop({
        apps: [
          app(WEB, 'web', { template: { kind: 'xml', xml: text } }),
          app(API, 'api'),
          app(DB, 'db'),
        ],
      });
    expect(messages(xml('<domain><name>{{ name }}</name><uuid>{{uuid}}</uuid></domain>'))).toEqual(
      [],
    );
    expect(messages(xml('<domain><name>{{name}}</name><disk>{{disk}}</disk></domain>'))).toEqual([
      'Application web: the XML template must contain {{uuid}}: each VM gets its own',
      'Application web: the XML template uses {{disk}}; only {{name}} {{uuid}} {{memoryMiB}} {{vcpus}} are filled in',
    ]);
  });
});
