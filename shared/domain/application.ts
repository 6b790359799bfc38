import { z } from 'zod';
import { Labels } from './host';
import { ApplicationId, ServiceId } from './ids';
import { boundedRecord, LIMITS } from './limits';

/** Hard rules must hold; soft ones only weigh in the score. */
export const RuleStrength = z.enum(['hard', 'soft']);

/**
 * What each VM of an application runs. `test-guest` is the tiny disk-less QEMU guest of the test lab
 * (no image needed); `xml` is a libvirt domain XML template whose `{{name}}`, `{{uuid}}`,
 * `{{memoryMiB}}` and `{{vcpus}}` the console fills in (XML-escaped) before it defines the domain.
 */
export const VmTemplate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('test-guest') }),
  z.object({ kind: z.literal('xml'), xml: z.string().min(1).max(200_000) }),
]);
export type VmTemplate = z.infer<typeof VmTemplate>;

/**
 * The first character of a name that no libvirt domain XML can hold (XML 1.0 forbids control
 * characters but tab and line ends, lone surrogates, U+FFFE and U+FFFF), as U+XXXX; undefined when
 * there is none. Such a name would only fail at `virsh define`, after the plan was approved.
 */
export function xmlForbiddenCharacter(name: string): string | undefined {
  for (let i = 0; i < name.length; i += 1) {
    const unit = name.charCodeAt(i);
    const next = name.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i += 1; // a well-formed pair: one character beyond U+FFFF
      continue;
    }
    const control = unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d;
    if (control || (unit >= 0xd800 && unit <= 0xdfff) || unit === 0xfffe || unit === 0xffff) {
      return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

/** libvirt refuses `/` and newlines in domain names; everything else (quotes, spaces, `$(…)`) is data. */
export const VmSafeName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name is longer than 100 characters')
  .refine((name) => !/[/\n\r]/.test(name), 'Name cannot contain "/" or a line break')
  .superRefine((name, ctx) => {
    const forbidden = xmlForbiddenCharacter(name);
    if (forbidden !== undefined)
      ctx.addIssue({ code: 'custom', message: xmlNameWords('Name', forbidden) });
  });

/** The words for a name holding a character XML forbids, the same in the forms and the core. */
export function xmlNameWords(subject: string, forbidden: string): string {
  return `${subject} cannot contain the character ${forbidden}: libvirt's domain XML cannot hold it`;
}

/**
 * A workload and its characteristics: what each of its VMs needs and where it may run. The placement
 * engine reads these; the console tags each VM with its application in the domain's <metadata>.
 */
export const Application = z.object({
  id: ApplicationId,
  name: VmSafeName,
  service: ServiceId.optional(),
  vcpus: z.number().int().min(1).max(1024),
  memoryMiB: z.number().int().min(16),
  diskGiB: z.number().min(0).optional(),
  replicas: z.number().int().min(1).max(1000),
  /** Labels a host must carry; keys and values as bounded as the hosts' own (Labels). */
  requiredLabels: boundedRecord(
    Labels.keyType,
    Labels.valueType,
    LIMITS.labels,
    'required labels',
  ).optional(),
  spread: z.object({ across: z.enum(['host', 'zone']), strength: RuleStrength }).optional(),
  colocateWith: z.object({ application: ApplicationId, strength: RuleStrength }).optional(),
  priority: z.number().int().min(0).max(100).optional(),
  template: VmTemplate.default({ kind: 'test-guest' }),
});
export type Application = z.infer<typeof Application>;

/** How a service is judged: every replica running, or at least `count` running per application. */
export const HealthRule = z.union([
  z.object({ kind: z.literal('all-up') }),
  z.object({ kind: z.literal('at-least'), count: z.number().int().min(1).max(1000) }),
]);
export type HealthRule = z.infer<typeof HealthRule>;

/** A named set of applications started in dependency order and judged healthy by one rule. */
export const Service = z.object({
  id: ServiceId,
  name: VmSafeName,
  applications: z.array(ApplicationId).max(LIMITS.applicationsPerService),
  /** application → the applications it needs running first. */
  dependsOn: boundedRecord(
    z.string().max(200),
    z.array(ApplicationId).max(LIMITS.dependenciesPerApplication),
    LIMITS.applicationsPerService,
    'dependency entries',
  ),
  policy: z.enum(['spread', 'pack']),
  health: HealthRule,
  /**
   * Restart its VMs on survivors automatically when their host fails (default off): only once the
   * host is witnessed down by its peers AND powered off through its BMC, which reads off.
   */
  autoRecover: z.boolean().optional(),
});
export type Service = z.infer<typeof Service>;

/** A service with its applications: what the forms edit, YAML carries and the inventory stores. */
export const ServiceBundle = z.object({
  service: Service,
  applications: z.array(Application).max(LIMITS.applicationsPerService),
});
export type ServiceBundle = z.infer<typeof ServiceBundle>;

/** Every service definition the console knows. */
export const ServiceCatalog = z.object({ services: z.array(ServiceBundle) });
export type ServiceCatalog = z.infer<typeof ServiceCatalog>;
