import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Application, ServiceBundle } from '../domain/application';
import type { ApplicationId, ServiceId } from '../domain/ids';
import { AppError } from '../errors';
import { shop } from '../testing/service-fixtures';
import { serviceFromYaml, serviceToYaml } from './service-yaml';

function counter(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

/** The bundle with every id replaced by the name it stands for: "equal up to ids". */
function byName(bundle: ServiceBundle): unknown {
  const name = new Map(bundle.applications.map((a) => [a.id as string, a.name]));
  const n = (id: string): string => name.get(id) ?? `?${id}`;
  return {
    service: {
      name: bundle.service.name,
      applications: bundle.service.applications.map(n),
      dependsOn: Object.fromEntries(
        Object.entries(bundle.service.dependsOn)
          .filter(([, needs]) => needs.length > 0)
          .map(([app, needs]) => [n(app), needs.map(n)]),
      ),
      policy: bundle.service.policy,
      health: bundle.service.health,
    },
    applications: bundle.applications.map(({ id, service, colocateWith, ...rest }) => ({
      ...rest,
      id: n(id),
      ...(service === undefined ? {} : { service: 'the service' }),
      ...(colocateWith === undefined
        ? {}
        : { colocateWith: { ...colocateWith, application: n(colocateWith.application) } }),
    })),
  };
}

const EXAMPLE = `service: shop
policy: spread
health: all-up
applications:
  - name: web
    vcpus: 1
    memoryMiB: 64
    replicas: 2
    spread: host
    dependsOn: [db]
  - name: api
    vcpus: 1
    memoryMiB: 64
    dependsOn: [db]
    colocateWith: { application: db, strength: soft }
  - name: db
    vcpus: 2
    memoryMiB: 128
    requiredLabels: { ssd: true }
`;

const fail = (text: string): AppError => {
  try {
    serviceFromYaml(text, counter());
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('service YAML', () => {
  it('reads the documented example: names become ids, shorthands expand, labels are strings', () => {
    const bundle = serviceFromYaml(EXAMPLE, counter());
    expect(bundle.service).toMatchObject({
      id: 'id-1',
      name: 'shop',
      applications: ['id-2', 'id-3', 'id-4'],
      dependsOn: { 'id-2': ['id-4'], 'id-3': ['id-4'] },
      health: { kind: 'all-up' },
    });
    expect(bundle.applications[0]).toMatchObject({
      name: 'web',
      service: 'id-1',
      replicas: 2,
      spread: { across: 'host', strength: 'hard' },
      template: { kind: 'test-guest' },
    });
    expect(bundle.applications[1]?.colocateWith).toEqual({ application: 'id-4', strength: 'soft' });
    expect(bundle.applications[2]?.requiredLabels).toEqual({ ssd: 'true' });
  });

  it('round-trips the shop with an XML template and hostile names', () => {
    const base = shop({ name: `it's "$(rm -rf ~)" shop` });
    const bundle: ServiceBundle = {
      ...base,
      applications: base.applications.map((a, i) =>
        i === 0
          ? {
              ...a,
              name: 'web: "front" #1',
              template: {
                kind: 'xml',
                xml: "<domain type='kvm'>\n  <name>{{name}}</name>\n  <uuid>{{uuid}}</uuid>\n</domain>\n",
              },
            }
          : a,
      ),
    };
    const text = serviceToYaml(bundle);
    expect(text).not.toContain(SHOP_ID_HINT);
    expect(byName(serviceFromYaml(text, counter()))).toEqual(byName(bundle));
  });

  it('from(to(x)) equals x up to ids, for random services', () => {
    fc.assert(
      fc.property(arbitraryBundle, (bundle) => {
        const back = serviceFromYaml(serviceToYaml(bundle), counter());
        expect(byName(back)).toEqual(byName(bundle));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the automatic recovery opt-in (written only when on) and refuses a non-boolean', () => {
    const plain = shop();
    const on: ServiceBundle = { ...plain, service: { ...plain.service, autoRecover: true } };
    const text = serviceToYaml(on);
    expect(text).toContain('autoRecover: true');
    expect(serviceFromYaml(text, counter()).service.autoRecover).toBe(true);
    const off = serviceToYaml(plain);
    expect(off).not.toContain('autoRecover');
    expect(serviceFromYaml(off, counter()).service.autoRecover).toBeUndefined();
    expect(() => serviceFromYaml(`${off}autoRecover: yes please\n`, counter())).toThrow(
      /autoRecover/,
    );
  });

  it('a syntax error names its line and column', () => {
    const error = fail('service: shop\napplications:\n  - name: web\n   vcpus: [1\n');
    expect(error.code).toBe('invalid-request');
    expect(error.message).toBe(
      "Couldn't read the service YAML: line 4, column 1: Sequence item without - indicator (and 1 more)",
    );
  });

  it('a wrong field names its line and path', () => {
    const text = EXAMPLE.replace('memoryMiB: 128', 'memoryMiB: lots');
    expect(fail(text).message).toBe(
      "Couldn't read the service YAML: line 18, applications[2].memoryMiB: should be a number, not text",
    );
    const typo = EXAMPLE.replace('memoryMiB: 128', 'memoryMib: 128');
    expect(fail(typo).message).toMatch(
      /^Couldn't read the service YAML: line 16, applications\[2\]\.memoryMiB: /,
    );
    expect(fail(typo).detail).toContain(
      'line 18, applications[2].memoryMib: unknown key "memoryMib" (a typo? keys are case-sensitive)',
    );
  });

  it("lists every problem, each with its line and path, in words rather than zod's", () => {
    const text = EXAMPLE.replace('memoryMiB: 128', 'memoryMiB: lots')
      .replace('vcpus: 2', 'vcpus: [2]')
      .replace('policy: spread', 'policy: evenly');
    const error = fail(text);
    expect(error.message).toMatch(/\(and 2 more\)$/);
    const problems = error.detail?.split('\n') ?? [];
    expect(problems).toHaveLength(3);
    expect(problems).toContain('line 2, policy: must be one of spread, pack');
    expect(problems).toContain(
      'line 17, applications[2].vcpus: should be a number, not a list ([a, b] or lines starting with -)',
    );
    expect(problems).toContain('line 18, applications[2].memoryMiB: should be a number, not text');
    expect(error.detail).not.toMatch(/Invalid input|expected number/);
    const missing = fail('service: shop\napplications:\n  - name: web\n');
    expect(missing.detail).toContain('applications[0].vcpus: is missing: it should be a number');
  });

  it('an unknown or repeated application name is refused with its line', () => {
    const unknown = EXAMPLE.replace(
      'dependsOn: [db]\n  - name: api',
      'dependsOn: [dbx]\n  - name: api',
    );
    expect(fail(unknown).message).toBe(
      "Couldn't read the service YAML: line 10, applications[0].dependsOn[0]: no application named dbx in this service",
    );
    const twice = EXAMPLE.replace('- name: api', '- name: web');
    expect(fail(twice).message).toBe(
      "Couldn't read the service YAML: line 11, applications[1].name: web is used twice",
    );
  });

  it('an empty file or a list is not a service', () => {
    expect(fail('').message).toMatch(/^Couldn't read the service YAML: /);
    expect(fail('- 1\n- 2\n').message).toMatch(
      /^Couldn't read the service YAML: line 1, the file: /,
    );
  });
});

const SHOP_ID_HINT = 'svc-shop';

const name = fc
  .string({ minLength: 1, maxLength: 12 })
  // Valid names only: no '/', and no control character (XML cannot hold them; tab is fine).
  .map((s) =>
    [...s]
      .map((c) => (c === '/' || (c < ' ' && c !== '\t') ? 'x' : c))
      .join('')
      .trim(),
  )
  .filter((s) => s.length > 0);

const arbitraryBundle: fc.Arbitrary<ServiceBundle> = fc
  .record({
    service: name,
    apps: fc.uniqueArray(name, { minLength: 1, maxLength: 5, selector: (s) => s }),
    policy: fc.constantFrom('spread' as const, 'pack' as const),
    atLeast: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ service, apps, policy, atLeast, seed }) => {
    const serviceId = 'svc' as ServiceId;
    const ids = apps.map((_, i) => `app-${i}` as ApplicationId);
    const pick = (i: number): number => seed[i % seed.length] ?? 0;
    const applications = apps.map((appName, i): Application => ({
      id: ids[i]!,
      name: appName,
      service: serviceId,
      vcpus: 1 + (pick(i) % 8),
      memoryMiB: 16 + pick(i + 1),
      replicas: 1 + (pick(i + 2) % 4),
      ...(pick(i + 3) % 2 === 0 ? { diskGiB: pick(i + 4) / 4 } : {}),
      ...(pick(i + 5) % 3 === 0
        ? { requiredLabels: { zone: `z${pick(i + 6)}`, ssd: 'true' } }
        : {}),
      ...(pick(i + 7) % 2 === 0
        ? {
            spread: {
              across: pick(i + 8) % 2 === 0 ? ('host' as const) : ('zone' as const),
              strength: pick(i + 9) % 2 === 0 ? ('hard' as const) : ('soft' as const),
            },
          }
        : {}),
      ...(i > 0 && pick(i + 10) % 3 === 0
        ? { colocateWith: { application: ids[0]!, strength: 'soft' as const } }
        : {}),
      ...(pick(i + 11) % 2 === 0 ? { priority: pick(i + 12) % 101 } : {}),
      template:
        pick(i + 13) % 4 === 0
          ? {
              kind: 'xml',
              xml: `<domain>\n  <name>{{name}}</name><uuid>{{uuid}}</uuid>\n</domain>`,
            }
          : { kind: 'test-guest' },
    }));
    // Dependencies only on earlier applications: no cycle (YAML does not check cycles anyway).
    const dependsOn: Record<string, ApplicationId[]> = {};
    ids.forEach((id, i) => {
      const needs = ids.slice(0, i).filter((_, k) => pick(i * 3 + k) % 2 === 0);
      if (needs.length > 0) dependsOn[id] = needs;
    });
    return {
      service: {
        id: serviceId,
        name: service,
        applications: ids,
        dependsOn,
        policy,
        health:
          atLeast === undefined
            ? { kind: 'all-up' as const }
            : { kind: 'at-least' as const, count: atLeast },
      },
      applications,
    };
  });
