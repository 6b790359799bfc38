import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { ServiceBundle, VmSafeName, type Application } from '../domain/application';
import type { ApplicationId, ServiceId } from '../domain/ids';
import {
  fieldName,
  lineOf,
  yamlFailure,
  yamlSchemaProblems,
  yamlSyntaxProblems,
} from '../text/yaml-problems';

/**
 * A service as a YAML file, for version control and copy-paste between consoles. Applications refer
 * to each other by NAME (`dependsOn`, `colocateWith`); ids are not in the file: reading it gives
 * fresh ones. Example (web ×2 spread over hosts, api, db; both need db running first):
 *
 * ```yaml
 * service: shop
 * policy: spread            # or pack
 * health: all-up            # or { at-least: 1 }: that many running per application
 * autoRecover: false        # true: restart its VMs elsewhere by itself once a failed host is fenced
 * applications:
 *   - name: web
 *     vcpus: 1
 *     memoryMiB: 64
 *     replicas: 2
 *     spread: { across: host, strength: hard }   # `host` / `zone` alone means hard
 *     dependsOn: [db]
 *   - name: api
 *     vcpus: 1
 *     memoryMiB: 64
 *     dependsOn: [db]
 *     colocateWith: { application: db, strength: soft }   # a name alone means hard
 *   - name: db
 *     vcpus: 2
 *     memoryMiB: 128
 *     diskGiB: 10
 *     requiredLabels: { ssd: "true" }
 *     priority: 10
 *     template: test-guest    # default; or  template: { xml: "<domain …>{{name}}…{{uuid}}…" }
 * ```
 * `replicas` defaults to 1 and `template` to `test-guest`; unknown keys are refused, so that a typo
 * is an error rather than a setting silently ignored.
 */
export function serviceToYaml(bundle: ServiceBundle): string {
  const { service, applications } = bundle;
  const nameOf = new Map(applications.map((a) => [a.id as string, a.name]));
  const name = (id: string): string => nameOf.get(id) ?? id;
  const doc = {
    service: service.name,
    policy: service.policy,
    health: service.health.kind === 'all-up' ? 'all-up' : { 'at-least': service.health.count },
    ...(service.autoRecover === true ? { autoRecover: true } : {}),
    applications: applications.map((app) => {
      const needs = service.dependsOn[app.id] ?? [];
      return {
        name: app.name,
        vcpus: app.vcpus,
        memoryMiB: app.memoryMiB,
        replicas: app.replicas,
        ...(app.diskGiB === undefined ? {} : { diskGiB: app.diskGiB }),
        ...(app.requiredLabels === undefined ? {} : { requiredLabels: app.requiredLabels }),
        ...(app.spread === undefined ? {} : { spread: app.spread }),
        ...(needs.length === 0 ? {} : { dependsOn: needs.map(name) }),
        ...(app.colocateWith === undefined
          ? {}
          : {
              colocateWith: {
                application: name(app.colocateWith.application),
                strength: app.colocateWith.strength,
              },
            }),
        ...(app.priority === undefined ? {} : { priority: app.priority }),
        ...(app.template.kind === 'xml' ? { template: { xml: app.template.xml } } : {}),
      };
    }),
  };
  return stringify(doc, { lineWidth: 0 });
}

const Strength = z.enum(['hard', 'soft']);
const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const YamlApplication = z.strictObject({
  name: VmSafeName,
  vcpus: z.number().int().min(1).max(1024),
  memoryMiB: z.number().int().min(16, 'needs at least 16 MiB'),
  replicas: z.number().int().min(1).max(1000).default(1),
  diskGiB: z.number().min(0).optional(),
  // `ssd: true` is a boolean to YAML; labels are strings to the console.
  requiredLabels: z.record(z.string(), Scalar).optional(),
  spread: z
    .union([
      z.enum(['host', 'zone']).transform((across) => ({ across, strength: 'hard' as const })),
      z.strictObject({ across: z.enum(['host', 'zone']), strength: Strength }),
    ])
    .optional(),
  dependsOn: z.array(z.string()).optional(),
  colocateWith: z
    .union([
      z.string().transform((application) => ({ application, strength: 'hard' as const })),
      z.strictObject({ application: z.string(), strength: Strength }),
    ])
    .optional(),
  priority: z.number().int().min(0).max(100).optional(),
  template: z
    .union([z.literal('test-guest'), z.strictObject({ xml: z.string().min(1).max(200_000) })])
    .optional(),
});
const YamlService = z.strictObject({
  service: VmSafeName,
  policy: z.enum(['spread', 'pack']).default('spread'),
  health: z
    .union([z.literal('all-up'), z.strictObject({ 'at-least': z.number().int().min(1) })])
    .default('all-up'),
  autoRecover: z.boolean().optional(),
  applications: z.array(YamlApplication).min(1, 'a service needs at least one application'),
});

/**
 * Read a service from YAML (the format above), with fresh ids from `newId`. Throws an
 * `invalid-request` AppError whose message names the line and the field of the first problem
 * ("line 7, applications[1].memoryMiB: …"); `detail` lists them all. Cross-field rules (cycles,
 * the health count) are for `validateService`, as for a service made in the form.
 */
export function serviceFromYaml(text: string, newId: () => string): ServiceBundle {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) fail(yamlSyntaxProblems(doc));
  const parsed = YamlService.safeParse(doc.toJS());
  if (!parsed.success) fail(yamlSchemaProblems(doc, lines, parsed.error.issues));
  const data = parsed.data;
  const serviceId = newId() as ServiceId;
  const idOf = new Map<string, ApplicationId>();
  const problems: string[] = [];
  data.applications.forEach((app, i) => {
    if (idOf.has(app.name)) {
      problems.push(
        `${lineOf(doc, lines, ['applications', i, 'name'])}applications[${i}].name: ${app.name} is used twice`,
      );
    }
    idOf.set(app.name, newId() as ApplicationId);
  });
  const resolve = (name: string, path: (string | number)[]): ApplicationId => {
    const id = idOf.get(name);
    if (id === undefined) {
      problems.push(
        `${lineOf(doc, lines, path)}${fieldName(path)}: no application named ${name} in this service`,
      );
    }
    return id ?? ('' as ApplicationId);
  };
  const dependsOn: Record<string, ApplicationId[]> = {};
  const applications = data.applications.map((app, i): Application => {
    const id = idOf.get(app.name) as ApplicationId;
    const needs = (app.dependsOn ?? []).map((n, k) =>
      resolve(n, ['applications', i, 'dependsOn', k]),
    );
    if (needs.length > 0) dependsOn[id] = needs;
    const colocate = app.colocateWith;
    return {
      id,
      name: app.name,
      service: serviceId,
      vcpus: app.vcpus,
      memoryMiB: app.memoryMiB,
      replicas: app.replicas,
      ...(app.diskGiB === undefined ? {} : { diskGiB: app.diskGiB }),
      ...(app.requiredLabels === undefined ? {} : { requiredLabels: app.requiredLabels }),
      ...(app.spread === undefined ? {} : { spread: app.spread }),
      ...(colocate === undefined
        ? {}
        : {
            colocateWith: {
              application: resolve(colocate.application, ['applications', i, 'colocateWith']),
              strength: colocate.strength,
            },
          }),
      ...(app.priority === undefined ? {} : { priority: app.priority }),
      template:
        app.template === undefined || app.template === 'test-guest'
          ? { kind: 'test-guest' }
          : { kind: 'xml', xml: app.template.xml },
    };
  });
  if (problems.length > 0) fail(problems);
  return ServiceBundle.parse({
    service: {
      id: serviceId,
      name: data.service,
      applications: applications.map((a) => a.id),
      dependsOn,
      policy: data.policy,
      health:
        data.health === 'all-up'
          ? { kind: 'all-up' }
          : { kind: 'at-least', count: data.health['at-least'] },
      ...(data.autoRecover === true ? { autoRecover: true } : {}),
    },
    applications,
  });
}

function fail(problems: string[]): never {
  throw yamlFailure('service', problems, 'no service in it');
}
