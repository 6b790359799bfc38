/**
 * Runtime schema of the placement input (the CLI's JSON and the IPC request). Unknown fields are
 * refused so that a typo (`memoryMib`) is an error that names it, not a silently ignored value.
 */
import { z } from 'zod';
import { PlacementInputError, formatPath } from './input-error';
import type { PlacementInput } from './input-types';

const id = z.string().min(1, 'must be a non-empty string');
const positive = z.number().positive('must be a number > 0');
const nonNegative = z.number().nonnegative('must be a number ≥ 0');
const ratio = z.number().min(0.01, 'must be a ratio ≥ 0.01').max(1000, 'must be a ratio ≤ 1000');
const strength = z.enum(['hard', 'soft']);

// Labels come from inventories where `ssd: true` or `rack: 12` are common: kept as strings.
const labels = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v)),
);

const spread = z.union([
  z.enum(['host', 'zone']).transform((across) => ({ across, strength: 'hard' as const })),
  z.strictObject({ across: z.enum(['host', 'zone']), strength: strength.default('hard') }),
]);

const colocate = z.union([
  id.transform((w) => ({ with: w, strength: 'hard' as const })),
  z.strictObject({ with: id, strength: strength.default('hard') }),
]);

const host = z.strictObject({
  id,
  capacity: z.strictObject({ cpu: positive, memoryMiB: positive, diskGiB: positive.optional() }),
  labels: labels.optional(),
  state: z.enum(['up', 'maintenance', 'down']).optional(),
  hypervisor: id.optional(),
  cpuOvercommit: ratio.optional(),
  memoryOvercommit: ratio.optional(),
});

const application = z.strictObject({
  id,
  service: id.optional(),
  vcpus: positive,
  memoryMiB: positive,
  diskGiB: nonNegative.optional(),
  replicas: z.number().int('must be an integer').nonnegative().max(100_000).optional(),
  spread: spread.optional(),
  colocate: colocate.optional(),
  requiredLabels: labels.optional(),
  hypervisor: id.optional(),
  priority: z.number().optional(),
});

const vm = z.strictObject({ id, application: id, host: id.optional() });

const policy = z.strictObject({
  mode: z.enum(['pack', 'spread']).optional(),
  cpuOvercommit: ratio.optional(),
  memoryOvercommit: ratio.optional(),
  zoneLabel: id.optional(),
  hysteresis: z.number().min(0).max(1).optional(),
  seed: z.number().int('must be an integer').optional(),
});

/** The zod schema of {@link PlacementInput}, with the shorthands the CLI accepts. */
export const placementInputSchema = z.strictObject({
  version: z.literal(1, 'must be 1 (the only format version)').optional(),
  hosts: z.array(host),
  applications: z.array(application),
  vms: z.array(vm).optional(),
  policy: policy.optional(),
  unreachable: z.array(z.strictObject({ from: id, to: id })).optional(),
});

/**
 * Checks the shape of an untrusted value and returns it as a {@link PlacementInput}
 * (shorthands expanded). References between ids are checked later, by `compileInput`.
 * @throws PlacementInputError naming the first bad field.
 */
export function parsePlacementInput(value: unknown): PlacementInput {
  const result = placementInputSchema.safeParse(value);
  if (!result.success) {
    // A misspelt field shows up twice (unknown key + missing key): naming the unknown one helps most.
    const issues = [...result.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    const issue = issues[0];
    if (issue === undefined) throw new PlacementInputError('', 'invalid input');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
    throw new PlacementInputError(formatPath(issue.path), describe(issue) + more);
  }
  // zod types absent optional keys as `T | undefined`; it never adds them, so the shapes agree.
  return result.data as PlacementInput;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_type':
      return issue.message.endsWith('received undefined')
        ? `is required (${issue.expected})`
        : issue.message;
    case 'invalid_union': {
      const first = issue.errors[0]?.[0];
      return first === undefined ? issue.message : describe(first);
    }
    default:
      return issue.message;
  }
}
