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

/** libvirt refuses `/` and newlines in domain names; everything else (quotes, spaces, `$(…)`) is data. */
export const VmSafeName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name is longer than 100 characters')
  .refine((name) => !/[/\n\r]/.test(name), 'Name cannot contain "/" or a line break');

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
