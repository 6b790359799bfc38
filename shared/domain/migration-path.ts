import { z } from 'zod';
import { HostId } from './ids';

/**
 * Whether `from` can live-migrate to `to`: the source host itself reaches the target over SSH with
 * a verified host key and the target's libvirt answers (checked with `virsh -c <target URI>` run on
 * the source). Directed: hv1 → hv2 working says nothing of hv2 → hv1.
 */
export const MigrationPath = z.object({
  from: HostId,
  to: HostId,
  state: z.enum(['ok', 'broken', 'unknown']),
  checkedAt: z.number().optional(),
  /** broken: what failed, in words ("hv2's host key is not in hv1's known_hosts"). */
  message: z.string().optional(),
  /** broken: the fix, spelled out for the admin. */
  fix: z.string().optional(),
  /** libvirt's or ssh's own words. */
  detail: z.string().optional(),
});
export type MigrationPath = z.infer<typeof MigrationPath>;
