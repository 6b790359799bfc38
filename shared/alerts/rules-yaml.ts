import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import {
  AlertMetric,
  AlertRule,
  AlertSeverity,
  AlertStateKind,
  MAX_ALERT_RULES,
  type AlertScope,
} from '../domain/alert';
import type { ApplicationId, ServiceId } from '../domain/ids';
import {
  fieldName,
  lineOf,
  yamlFailure,
  yamlSchemaProblems,
  yamlSyntaxProblems,
} from '../text/yaml-problems';
import { durationSeconds, durationText } from './duration';

/**
 * Alert rules as YAML, for version control and copy-paste between consoles. Services and
 * applications are named, not referred to by id (ids differ between consoles). Example:
 *
 * ```yaml
 * rules:
 *   - name: Host CPU high
 *     severity: warning        # or critical
 *     metric: host-cpu         # host-memory, host-disk-used, host-disk-free, vm-cpu, vm-memory
 *     above: 90                # or below: 10 (disk free); in %
 *     clear: 80                # resolves only at or past it (hysteresis); default: the threshold
 *     for: 5m                  # 90s, 2m, 1h30m; default: at once
 *   - name: Shop web on one host
 *     severity: critical
 *     state: n-minus-1         # host-unreachable, hypervisor-problem, service-degraded,
 *                              # service-down, migration-path-broken
 *     scope: { service: shop, application: web }   # or all, { labels: { zone: a } }, { service: shop }
 *     enabled: false           # default true
 * ```
 */
export function rulesToYaml(
  rules: readonly AlertRule[],
  names: { service: (id: string) => string; application: (id: string) => string },
): string {
  const doc = {
    rules: rules.map((rule) => {
      const c = rule.condition;
      return {
        name: rule.name,
        severity: rule.severity,
        ...(rule.enabled ? {} : { enabled: false }),
        ...(c.kind === 'metric'
          ? {
              metric: c.metric,
              [c.op]: c.threshold,
              ...(c.clear === undefined ? {} : { clear: c.clear }),
            }
          : { state: c.state }),
        ...(c.forSeconds > 0 ? { for: durationText(c.forSeconds) } : {}),
        ...(rule.scope.kind === 'all' ? {} : { scope: scopeToYaml(rule.scope, names) }),
      };
    }),
  };
  return stringify(doc, { lineWidth: 0 });
}

function scopeToYaml(
  scope: Exclude<AlertScope, { kind: 'all' }>,
  names: { service: (id: string) => string; application: (id: string) => string },
): object {
  switch (scope.kind) {
    case 'labels':
      return { labels: scope.labels };
    case 'service':
      return { service: names.service(scope.service) };
    case 'application':
      return {
        service: names.service(scope.service),
        application: names.application(scope.application),
      };
  }
}

const Percent = z.number().min(0).max(100);
const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const Duration = z.union([z.number().int().min(0), z.string()]).transform((v, ctx) => {
  const seconds = durationSeconds(v);
  if (seconds === undefined)
    ctx.addIssue({ code: 'custom', message: 'should be a duration: 90s, 5m, 1h30m or seconds' });
  return seconds ?? 0;
});
const YamlScope = z.union([
  z.literal('all'),
  z.strictObject({ labels: z.record(z.string().min(1).max(64), Scalar) }),
  z.strictObject({ service: z.string().min(1), application: z.string().min(1).optional() }),
]);
const YamlRule = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    severity: AlertSeverity,
    enabled: z.boolean().default(true),
    metric: AlertMetric.optional(),
    above: Percent.optional(),
    below: Percent.optional(),
    clear: Percent.optional(),
    state: AlertStateKind.optional(),
    for: Duration.optional(),
    scope: YamlScope.default('all'),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if ((r.metric === undefined) === (r.state === undefined))
      issue('metric', 'a rule watches either a metric or a state: give exactly one of them');
    if (r.metric !== undefined && (r.above === undefined) === (r.below === undefined))
      issue('above', 'a metric rule needs either above: or below: (the threshold, in %)');
    if (r.state !== undefined)
      for (const key of ['above', 'below', 'clear'] as const)
        if (r[key] !== undefined) issue(key, `a state rule has no threshold: remove ${key}:`);
  });
type YamlRule = z.infer<typeof YamlRule>;
const YamlFile = z.strictObject({ rules: z.array(YamlRule).max(MAX_ALERT_RULES) });

/** How rule files name services and applications: name → id, undefined when unknown. */
export interface ScopeResolver {
  service: (name: string) => string | undefined;
  application: (serviceId: string, name: string) => string | undefined;
}

/**
 * The rules a YAML file holds (ids from `idFor`, given the rule's name). Throws an
 * `invalid-request` AppError naming the line and the field of the first problem; `detail` lists
 * them all. Nothing is half-read: any problem refuses the whole file.
 */
export function rulesFromYaml(
  text: string,
  resolve: ScopeResolver,
  idFor: (name: string) => string,
): AlertRule[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) fail(yamlSyntaxProblems(doc));
  const parsed = YamlFile.safeParse(doc.toJS() ?? {});
  if (!parsed.success) fail(yamlSchemaProblems(doc, lines, parsed.error.issues));
  const problems: string[] = [];
  const at = (path: (string | number)[]): string => `${lineOf(doc, lines, path)}${fieldName(path)}`;
  const seen = new Set<string>();
  const rules = parsed.data.rules.map((r, i): AlertRule | undefined => {
    if (seen.has(r.name)) problems.push(`${at(['rules', i, 'name'])}: ${r.name} is used twice`);
    seen.add(r.name);
    const scope = scopeFromYaml(r.scope, resolve, (field, message) =>
      problems.push(`${at(['rules', i, 'scope', field])}: ${message}`),
    );
    const rule = AlertRule.safeParse({
      id: idFor(r.name),
      name: r.name,
      enabled: r.enabled,
      severity: r.severity,
      condition: condition(r),
      scope: scope ?? { kind: 'all' },
    });
    if (!rule.success) {
      // Cross-field rules of the domain (the clear threshold's side): said on the YAML's field.
      for (const issue of rule.error.issues)
        problems.push(`${at(['rules', i, String(issue.path.at(-1) ?? 'name')])}: ${issue.message}`);
      return undefined;
    }
    return rule.data;
  });
  if (problems.length > 0) fail(problems);
  return rules.filter((r): r is AlertRule => r !== undefined);
}

function condition(r: YamlRule): AlertRule['condition'] {
  const forSeconds = r.for ?? 0;
  if (r.state !== undefined) return { kind: 'state', state: r.state, forSeconds };
  const op = r.above !== undefined ? 'above' : 'below';
  return {
    kind: 'metric',
    metric: r.metric ?? 'host-cpu',
    op,
    threshold: r.above ?? r.below ?? 0,
    ...(r.clear === undefined ? {} : { clear: r.clear }),
    forSeconds,
  };
}

function scopeFromYaml(
  scope: z.infer<typeof YamlScope>,
  resolve: ScopeResolver,
  problem: (field: string, message: string) => void,
): AlertScope | undefined {
  if (scope === 'all') return { kind: 'all' };
  if ('labels' in scope) return { kind: 'labels', labels: scope.labels };
  const service = resolve.service(scope.service);
  if (service === undefined) {
    problem('service', `no service named ${scope.service} in this console`);
    return undefined;
  }
  if (scope.application === undefined) return { kind: 'service', service: service as ServiceId };
  const application = resolve.application(service, scope.application);
  if (application === undefined) {
    problem('application', `no application named ${scope.application} in ${scope.service}`);
    return undefined;
  }
  return {
    kind: 'application',
    service: service as ServiceId,
    application: application as ApplicationId,
  };
}

function fail(problems: string[]): never {
  throw yamlFailure('alert rules', problems, 'no rules in it');
}
