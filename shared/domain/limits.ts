import { z } from 'zod';

/**
 * How much of each list a request may carry. Each number is what a real fleet needs with room to
 * spare, so that no honest request meets one, while a hostile one is refused before it is walked:
 * the check runs on the length, before any element is looked at.
 */
export const LIMITS = {
  /** Labels are placement tags (zone, rack, ssd, gpu …): a handful per host in practice. */
  labels: 64,
  /** A service is web, api, db, cache, queue …: tens of applications would already be a lot. */
  applicationsPerService: 100,
  /** An application needs a few others first; never more than the service has. */
  dependenciesPerApplication: 100,
  /** As many as one application can have replicas (Application.replicas). */
  vmsPerAdopt: 1000,
  /** Planning is per drag, selection or evacuation: a large host holds a few hundred VMs. */
  movesPerPlan: 500,
  /** A bulk power action on a selection or a host: a selection of a large fleet, with room. */
  vmsPerPowerPlan: 5000,
  /** A list or record with an entry per host: a fleet of thousands, with room to spare. */
  hosts: 100_000,
} as const;

/**
 * A string-keyed record with at most `max` entries. zod walks every entry of a record before its
 * own checks run, so the count is checked first, on the raw input: a million keys cost one
 * Object.keys, not a million issues.
 */
export function boundedRecord<V extends z.ZodType>(
  key: z.ZodType<string>,
  value: V,
  max: number,
  what: string,
): z.ZodType<Record<string, z.output<V>>, Record<string, z.input<V>>> {
  // Typed as the record it reads to, so that a caller's input is checked as one (not as unknowns).
  return z
    .custom<Record<string, unknown>>(
      (input) => typeof input !== 'object' || input === null || Object.keys(input).length <= max,
      `Too many ${what}: at most ${max}`,
    )
    .pipe(z.record(key, value)) as z.ZodType<
    Record<string, z.output<V>>,
    Record<string, z.input<V>>
  >;
}
