import type { Application, ServiceBundle } from '../../../../shared/domain/application';
import type { ApplicationId, ServiceId } from '../../../../shared/domain/ids';
import { validateService } from '../../../../shared/services/validate-service';
import { parseLabels } from '../../hosts/add-host-form';

/** One application row of the editor, as typed: numbers stay text until the form is checked. */
export interface AppValues {
  id: ApplicationId;
  name: string;
  vcpus: string;
  memoryMiB: string;
  diskGiB: string;
  replicas: string;
  labels: string;
  spreadAcross: '' | 'host' | 'zone';
  spreadStrength: 'hard' | 'soft';
  colocateWith: string;
  colocateStrength: 'hard' | 'soft';
  priority: string;
  templateKind: 'test-guest' | 'xml';
  xml: string;
  dependsOn: ApplicationId[];
}

export interface ServiceValues {
  id: ServiceId;
  name: string;
  policy: 'spread' | 'pack';
  healthKind: 'all-up' | 'at-least';
  healthCount: string;
  /** Restart its VMs elsewhere by itself once a failed host is fenced (default off). */
  autoRecover: boolean;
  apps: AppValues[];
}

export type AppField = Exclude<keyof AppValues, 'id'> | 'template';
export interface ServiceErrors {
  name?: string;
  healthCount?: string;
  /** By application id, field → message. */
  apps: Record<string, Partial<Record<AppField, string>>>;
  /** Problems that belong to no one field (a dependency cycle, no application …). */
  general: string[];
}

/** An id for a new service or application; the window chooses it, the core keeps it. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function emptyApp(name = ''): AppValues {
  return {
    id: newId() as ApplicationId,
    name,
    vcpus: '1',
    // What a real admin expects of a new VM: 1 vCPU, 1 GiB, their own domain XML.
    memoryMiB: '1024',
    diskGiB: '',
    replicas: '1',
    labels: '',
    spreadAcross: '',
    spreadStrength: 'hard',
    colocateWith: '',
    colocateStrength: 'soft',
    priority: '',
    templateKind: 'xml',
    xml: '',
    dependsOn: [],
  };
}

export function emptyService(): ServiceValues {
  return {
    id: newId() as ServiceId,
    name: '',
    policy: 'spread',
    healthKind: 'all-up',
    healthCount: '1',
    autoRecover: false,
    apps: [emptyApp()],
  };
}

/** The form over a stored service, to change it. */
export function valuesFrom(bundle: ServiceBundle): ServiceValues {
  const { service } = bundle;
  return {
    id: service.id,
    name: service.name,
    policy: service.policy,
    healthKind: service.health.kind,
    healthCount: service.health.kind === 'at-least' ? String(service.health.count) : '1',
    autoRecover: service.autoRecover === true,
    apps: bundle.applications.map((app) => ({
      id: app.id,
      name: app.name,
      vcpus: String(app.vcpus),
      memoryMiB: String(app.memoryMiB),
      diskGiB: app.diskGiB === undefined ? '' : String(app.diskGiB),
      replicas: String(app.replicas),
      labels: Object.entries(app.requiredLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
      spreadAcross: app.spread?.across ?? '',
      spreadStrength: app.spread?.strength ?? 'hard',
      colocateWith: app.colocateWith?.application ?? '',
      colocateStrength: app.colocateWith?.strength ?? 'soft',
      priority: app.priority === undefined ? '' : String(app.priority),
      templateKind: app.template.kind,
      xml: app.template.kind === 'xml' ? app.template.xml : '',
      dependsOn: [...(service.dependsOn[app.id] ?? [])],
    })),
  };
}

type NumberRule = { min: number; max?: number; integer: boolean; word: string };

/** Text → number, or the message for the field. Empty is "not given" when `optional`. */
function readNumber(
  text: string,
  rule: NumberRule,
  optional: boolean,
): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? undefined : `${rule.word} is required`;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return `${rule.word} must be a number`;
  if (rule.integer && !Number.isInteger(value)) return `${rule.word} must be a whole number`;
  if (value < rule.min) return `${rule.word} must be at least ${rule.min}`;
  if (rule.max !== undefined && value > rule.max) return `${rule.word} must be at most ${rule.max}`;
  return value;
}

const RULES = {
  vcpus: { min: 1, max: 1024, integer: true, word: 'vCPUs' },
  memoryMiB: { min: 16, integer: true, word: 'Memory' },
  diskGiB: { min: 0, integer: false, word: 'Disk' },
  replicas: { min: 1, max: 1000, integer: true, word: 'Replicas' },
  priority: { min: 0, max: 100, integer: true, word: 'Priority' },
} satisfies Record<string, NumberRule>;

/**
 * Checks the form: first what only the form can know (text that is not a number, a label without
 * "="), then the shared validator over the bundle it makes, whose messages `services:save` would
 * give too. Each message lands next to its field; the rest are listed for the whole form.
 */
export function checkService(
  values: ServiceValues,
  others: readonly ServiceBundle[] = [],
): { bundle: ServiceBundle; errors: null } | { bundle: null; errors: ServiceErrors } {
  const errors: ServiceErrors = { apps: {}, general: [] };
  const put = (appId: string, field: AppField, message: string) => {
    const row = (errors.apps[appId] ??= {});
    row[field] ??= message;
  };
  let healthCount = 1;
  if (values.healthKind === 'at-least') {
    const count = readNumber(values.healthCount, { min: 1, integer: true, word: 'Count' }, false);
    if (typeof count === 'number') healthCount = count;
    else errors.healthCount = count ?? 'Count is required';
  }
  const applications: Application[] = values.apps.map((row) => {
    const num = (field: keyof typeof RULES, optional: boolean): number | undefined => {
      const read = readNumber(row[field], RULES[field], optional);
      if (typeof read === 'string') {
        put(row.id, field, read);
        return undefined;
      }
      return read;
    };
    const labels = parseLabels(row.labels);
    if ('error' in labels) put(row.id, 'labels', labels.error);
    const vcpus = num('vcpus', false) ?? 1;
    const memoryMiB = num('memoryMiB', false) ?? 16;
    const replicas = num('replicas', false) ?? 1;
    const diskGiB = num('diskGiB', true);
    const priority = num('priority', true);
    if (row.templateKind === 'xml' && row.xml.trim() === '')
      put(row.id, 'xml', 'Paste the libvirt domain XML, or choose the lab test guest');
    const requiredLabels = 'labels' in labels ? labels.labels : {};
    return {
      id: row.id,
      name: row.name.trim(),
      service: values.id,
      vcpus,
      memoryMiB,
      replicas,
      ...(diskGiB === undefined ? {} : { diskGiB }),
      ...(Object.keys(requiredLabels).length > 0 ? { requiredLabels } : {}),
      ...(row.spreadAcross
        ? { spread: { across: row.spreadAcross, strength: row.spreadStrength } }
        : {}),
      ...(row.colocateWith
        ? {
            colocateWith: {
              application: row.colocateWith as ApplicationId,
              strength: row.colocateStrength,
            },
          }
        : {}),
      ...(priority === undefined ? {} : { priority }),
      template: row.templateKind === 'xml' ? { kind: 'xml', xml: row.xml } : { kind: 'test-guest' },
    };
  });
  const ids = new Set<string>(values.apps.map((a) => a.id));
  const bundle: ServiceBundle = {
    service: {
      id: values.id,
      name: values.name.trim(),
      applications: values.apps.map((a) => a.id),
      // Only the dependencies on rows still in the form: a removed row takes its ticks with it.
      dependsOn: Object.fromEntries(
        values.apps
          .map((a) => [a.id, a.dependsOn.filter((d) => ids.has(d))] as const)
          .filter(([, needs]) => needs.length > 0),
      ),
      policy: values.policy,
      health:
        values.healthKind === 'all-up'
          ? { kind: 'all-up' }
          : { kind: 'at-least', count: healthCount },
      ...(values.autoRecover ? { autoRecover: true } : {}),
    },
    applications,
  };
  for (const problem of validateService(bundle, others)) place(problem, values, errors, put);
  const any =
    errors.name !== undefined ||
    errors.healthCount !== undefined ||
    errors.general.length > 0 ||
    Object.keys(errors.apps).length > 0;
  return any ? { bundle: null, errors } : { bundle, errors: null };
}

const APP_FIELDS: Record<string, AppField> = {
  name: 'name',
  vcpus: 'vcpus',
  memoryMiB: 'memoryMiB',
  diskGiB: 'diskGiB',
  replicas: 'replicas',
  requiredLabels: 'labels',
  spread: 'spreadAcross',
  colocateWith: 'colocateWith',
  priority: 'priority',
  template: 'xml',
};

/** A validator path ("applications.1.memoryMiB", "service.dependsOn.<id>") → the field it names. */
function place(
  problem: { path: string; message: string },
  values: ServiceValues,
  errors: ServiceErrors,
  put: (appId: string, field: AppField, message: string) => void,
): void {
  const parts = problem.path.split('.');
  if (problem.path === 'service.name') {
    errors.name ??= problem.message;
    return;
  }
  if (problem.path === 'service.health.count') {
    errors.healthCount ??= problem.message;
    return;
  }
  if (parts[0] === 'applications' && parts[1] !== undefined) {
    const row = values.apps[Number(parts[1])];
    const field = APP_FIELDS[parts[2] ?? ''];
    if (row && field) {
      put(row.id, field, problem.message);
      return;
    }
  }
  if (parts[0] === 'service' && parts[1] === 'dependsOn' && parts[2] !== undefined) {
    if (values.apps.some((a) => a.id === parts[2])) {
      put(parts[2], 'dependsOn', problem.message);
      return;
    }
  }
  if (!errors.general.includes(problem.message)) errors.general.push(problem.message);
}
