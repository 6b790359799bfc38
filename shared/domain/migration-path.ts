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

/**
 * A group's paths are checked all at once up to this many hosts: 50 hosts are 2,450 ordered pairs,
 * probed at most 2 at a time from each source host (the monitor's per-source limit), so a host
 * never runs more than 2 probes and the console at most 100. A bigger group is refused in words:
 * the admin groups by a narrower label (rack) or checks one host's paths from its details.
 */
export const GROUP_CHECK_MAX_HOSTS = 50;

/** What checking the paths among a group's hosts found: every ordered pair of its usable hosts. */
export const GroupPathCheck = z.object({
  /** The ordered pairs probed, each with its state (an `unknown` pair: the probe itself failed). */
  paths: z.array(MigrationPath).max(GROUP_CHECK_MAX_HOSTS * (GROUP_CHECK_MAX_HOSTS - 1)),
  /** Hosts asked for but not probed: not connected, or of another driver than the rest. */
  skipped: z.array(HostId).max(10_000),
  /** Wall time of the whole check, ms. */
  tookMs: z.number(),
});
export type GroupPathCheck = z.infer<typeof GroupPathCheck>;

/**
 * Broken migration paths, grouped at the host they share: a host at one end of two or more broken
 * paths takes them all (the host with the most first), so a group check that finds one host no
 * other reaches raises one alert naming it, how many paths and the hosts at their other ends, not
 * one per path. A broken path that shares no host with another stays one alert of its own.
 */
export function groupBrokenPaths(paths: readonly MigrationPath[]): {
  groups: { host: string; paths: MigrationPath[] }[];
  single: MigrationPath[];
} {
  const broken = paths.filter((p) => p.state === 'broken');
  const at = new Map<string, MigrationPath[]>();
  const add = (host: string, path: MigrationPath): void => {
    const list = at.get(host);
    if (list) list.push(path);
    else at.set(host, [path]);
  };
  for (const path of broken) {
    add(path.from, path);
    add(path.to, path);
  }
  const claimed = new Set<MigrationPath>();
  const groups: { host: string; paths: MigrationPath[] }[] = [];
  const byCount = [...at].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [host, list] of byCount) {
    if (list.length < 2) break;
    const mine = list.filter((p) => !claimed.has(p));
    if (mine.length < 2) continue;
    for (const p of mine) claimed.add(p);
    groups.push({ host, paths: mine });
  }
  return { groups, single: broken.filter((p) => !claimed.has(p)) };
}
