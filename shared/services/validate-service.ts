import {
  xmlForbiddenCharacter,
  xmlNameWords,
  type Application,
  type ServiceBundle,
} from '../domain/application';
import { findCycle } from './dependency-order';

/** One thing wrong with a service definition: where (a dotted path into the bundle) and what, in words. */
export interface ServiceProblem {
  path: string;
  message: string;
}

/** The placeholders an XML template may use; each VM gets its own name and UUID. */
export const TEMPLATE_PLACEHOLDERS = ['name', 'uuid', 'memoryMiB', 'vcpus'] as const;
const REQUIRED_PLACEHOLDERS = ['name', 'uuid'] as const;
/** `{{name}}`, `{{ name }}` …: what the console fills in (and what validation reads). */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MIN_MEMORY_MIB = 16;

/**
 * Everything wrong with a service definition, in the words the forms and `services:save` both show
 * (empty when it is fine). `others` are the other stored services, to keep service names unique:
 * VM names are built from them.
 */
export function validateService(
  bundle: ServiceBundle,
  others: readonly ServiceBundle[] = [],
): ServiceProblem[] {
  const problems: ServiceProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const { service, applications } = bundle;
  const name = service.name.trim();
  if (name === '') add('service.name', 'The service needs a name');
  if (/[/\n\r]/.test(name))
    add('service.name', 'A service name cannot contain "/" or a line break');
  const forbidden = xmlForbiddenCharacter(name);
  if (forbidden !== undefined) add('service.name', xmlNameWords('A service name', forbidden));
  const clash = others.find(
    (o) =>
      o.service.id !== service.id && o.service.name.trim().toLowerCase() === name.toLowerCase(),
  );
  if (name !== '' && clash) add('service.name', `A service named ${name} already exists`);
  if (applications.length === 0) add('applications', `Service ${name} has no application`);

  const byId = new Map<string, Application>();
  const nameOf = (id: string): string => byId.get(id)?.name ?? id;
  const seenNames = new Map<string, number>();
  applications.forEach((app, i) => {
    const at = `applications.${i}`;
    if (byId.has(app.id)) add(`${at}.id`, `Two applications have the id ${app.id}`);
    byId.set(app.id, app);
    checkApplication(app, at, add);
    const key = app.name.trim().toLowerCase();
    const first = seenNames.get(key);
    if (first !== undefined && key !== '') {
      add(
        `${at}.name`,
        `Two applications are named ${app.name.trim()}: names must differ within a service`,
      );
    } else seenNames.set(key, i);
    if (app.service !== undefined && app.service !== service.id) {
      add(`${at}.service`, `Application ${app.name} belongs to another service`);
    }
  });
  const listed = new Set<string>(service.applications);
  for (const id of listed) {
    if (!byId.has(id))
      add('service.applications', `The service lists an application it does not define (${id})`);
  }
  applications.forEach((app, i) => {
    if (!listed.has(app.id))
      add(`applications.${i}`, `Application ${app.name} is not listed in the service`);
    const partner = app.colocateWith?.application;
    if (partner === undefined) return;
    if (partner === app.id)
      add(`applications.${i}.colocateWith`, `${app.name} cannot be co-located with itself`);
    else if (!byId.has(partner)) {
      add(
        `applications.${i}.colocateWith`,
        `${app.name} is co-located with an application that is not in ${name}`,
      );
    }
  });

  for (const [appId, needs] of Object.entries(service.dependsOn)) {
    const path = `service.dependsOn.${appId}`;
    if (!byId.has(appId)) {
      add(path, `Dependencies are given for an application that is not in ${name} (${appId})`);
      continue;
    }
    for (const need of needs) {
      if (!byId.has(need))
        add(path, `${nameOf(appId)} depends on an application that is not in ${name} (${need})`);
    }
  }
  const cycle = findCycle(service.dependsOn);
  if (cycle) {
    add(
      'service.dependsOn',
      `Dependency cycle: ${cycle.map(nameOf).join(' → ')}: no application could start first`,
    );
  }

  if (service.health.kind === 'at-least') {
    const most = Math.max(0, ...applications.map((a) => a.replicas));
    if (service.health.count < 1)
      add('service.health.count', 'The health rule must ask for at least 1 running VM');
    else if (applications.length > 0 && service.health.count > most) {
      add(
        'service.health.count',
        `The health rule asks for ${service.health.count} running per application, but no application has more than ${most} replica${most === 1 ? '' : 's'}`,
      );
    }
  }
  return problems;
}

function checkApplication(
  app: Application,
  at: string,
  add: (path: string, message: string) => void,
): void {
  const name = app.name.trim();
  const label = name === '' ? 'An application' : `Application ${name}`;
  if (name === '') add(`${at}.name`, 'Every application needs a name');
  if (/[/\n\r]/.test(name))
    add(`${at}.name`, `${label}: a name cannot contain "/" or a line break`);
  const forbidden = xmlForbiddenCharacter(name);
  if (forbidden !== undefined) add(`${at}.name`, xmlNameWords(`${label}: a name`, forbidden));
  if (!Number.isInteger(app.replicas) || app.replicas < 1) {
    add(`${at}.replicas`, `${label} needs at least 1 replica`);
  }
  if (!Number.isInteger(app.vcpus) || app.vcpus < 1)
    add(`${at}.vcpus`, `${label} needs at least 1 vCPU`);
  if (!Number.isInteger(app.memoryMiB) || app.memoryMiB < MIN_MEMORY_MIB) {
    add(`${at}.memoryMiB`, `${label} needs at least ${MIN_MEMORY_MIB} MiB of memory`);
  }
  if (app.diskGiB !== undefined && !(app.diskGiB >= 0))
    add(`${at}.diskGiB`, `${label}: disk cannot be negative`);
  if (app.template.kind === 'xml') {
    const xml = app.template.xml;
    const used = [...xml.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? '');
    for (const needed of REQUIRED_PLACEHOLDERS) {
      if (!used.includes(needed)) {
        add(
          `${at}.template.xml`,
          `${label}: the XML template must contain {{${needed}}}: each VM gets its own`,
        );
      }
    }
    for (const placeholder of new Set(used)) {
      if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(placeholder)) {
        add(
          `${at}.template.xml`,
          `${label}: the XML template uses {{${placeholder}}}; only ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')} are filled in`,
        );
      }
    }
  }
}
