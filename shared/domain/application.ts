import { z } from 'zod';
import { ApplicationId, ServiceId } from './ids';

/** Hard rules must hold; soft ones only weigh in the score. */
export const RuleStrength = z.enum(['hard', 'soft']);

/**
 * A workload and its characteristics: what each of its VMs needs and where it may run. The placement
 * engine reads these; the console tags each VM with its application in the domain's <metadata>.
 */
export const Application = z.object({
  id: ApplicationId,
  name: z.string().min(1).max(100),
  service: ServiceId.optional(),
  vcpus: z.number().int().min(1).max(1024),
  memoryMiB: z.number().int().min(16),
  diskGiB: z.number().min(0).optional(),
  replicas: z.number().int().min(1).max(1000),
  requiredLabels: z.record(z.string(), z.string()).optional(),
  spread: z.object({ across: z.enum(['host', 'zone']), strength: RuleStrength }).optional(),
  colocateWith: z.object({ application: ApplicationId, strength: RuleStrength }).optional(),
  priority: z.number().int().min(0).max(100).optional(),
});
export type Application = z.infer<typeof Application>;

/** A named set of applications started in dependency order and judged healthy by one rule. */
export const Service = z.object({
  id: ServiceId,
  name: z.string().min(1).max(100),
  applications: z.array(ApplicationId),
  /** application → the applications it needs running first. */
  dependsOn: z.record(z.string(), z.array(ApplicationId)),
  policy: z.enum(['spread', 'pack']),
  health: z.union([
    z.object({ kind: z.literal('all-up') }),
    z.object({ kind: z.literal('at-least'), count: z.number().int().min(1) }),
  ]),
});
export type Service = z.infer<typeof Service>;
