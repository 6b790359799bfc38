import {
  groupBrokenPaths,
  type GroupPathCheck,
  type MigrationPath,
} from '../domain/migration-path';
import type { HostEdge, NetworkReason, PathCounts } from '../network/network-graph';
import { hostUnusable } from './index';

type HostNamer = (id: string) => string;

/** "920,640 paths": a count this view can reach (every pair of 1,000 hosts) with its thousands. */
function count(n: number, one: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : `${one}s`}`;
}

/** A network view's reason (a host without paths, what the picture leaves out) in one sentence. */
export function networkReasonWords(reason: NetworkReason, hostName: HostNamer): string {
  switch (reason.code) {
    case 'host-unusable': {
      const name = hostName(reason.host);
      return `No migration path to or from ${name}: ${hostUnusable(name, reason.state)}`;
    }
    case 'not-checked':
      return `${count(reason.count, 'path')} not checked yet: in a fleet this size a path is checked when a move needs it, or with “Check this group's migration paths” on a group opened, or “Check again” in a host's details`;
    case 'ok-not-drawn':
      return `${count(reason.count, 'working path')} not drawn, so that the broken ones stand out`;
  }
}

/** One broken direction: its ends, what failed and the fix, as the core's probe said them. */
export function brokenPathWords(
  path: MigrationPath,
  hostName: HostNamer,
): { route: string; why: string; fix: string | undefined } {
  return {
    route: `${hostName(path.from)} → ${hostName(path.to)}`,
    why: path.message ?? 'the check failed',
    fix: path.fix,
  };
}

/** Both directions between two hosts, for the edge's label and what a screen reader says of it. */
export function pairWords(edge: HostEdge, hostName: HostNamer): string {
  const ends = `${hostName(edge.a)} ↔ ${hostName(edge.b)}`;
  if (edge.state === 'ok') return `${ends}: migration works both ways`;
  if (edge.state === 'unknown') return `${ends}: not checked yet`;
  const broken = edge.broken.map((p) => {
    const words = brokenPathWords(p, hostName);
    return `${words.route} broken: ${words.why}`;
  });
  return broken.join('; ');
}

/** Paths by state, worst first, leaving out the states with none: "2 broken, 40 working". */
export function pathCountWords(counts: PathCounts): string {
  const parts: string[] = [];
  const n = (x: number) => x.toLocaleString('en-GB');
  if (counts.broken > 0) parts.push(`${n(counts.broken)} broken`);
  if (counts.ok > 0) parts.push(`${n(counts.ok)} working`);
  if (counts.unknown > 0) parts.push(`${n(counts.unknown)} not checked`);
  return parts.length === 0 ? 'no path checked' : parts.join(', ');
}

/** A group's name on its node: the label's value, or what the hosts without it are. */
export function groupWords(key: string | null, value: string): string {
  if (key === null) return 'All hosts';
  return value === '' ? `No ${key}` : value;
}

/** The group check's button while it runs: "Checking 2,450 paths among 50 hosts…". */
export function groupCheckRunningWords(hosts: number): string {
  return `Checking ${count(hosts * (hosts - 1), 'path')} among ${count(hosts, 'host')}…`;
}

/**
 * What a group check found, in one line: "Checked 2,450 paths among 50 hosts in 1.4 s: 49 broken,
 * 2,401 working. 2 hosts not checked: not connected".
 */
export function groupCheckWords(check: GroupPathCheck, hostCount: number): string {
  const counts: PathCounts = { ok: 0, broken: 0, unknown: 0 };
  for (const path of check.paths) counts[path.state]++;
  const among = hostCount - check.skipped.length;
  const took = check.tookMs < 1000 ? `${check.tookMs} ms` : `${(check.tookMs / 1000).toFixed(1)} s`;
  const head =
    check.paths.length === 0
      ? `No path to check: fewer than 2 of these hosts are connected`
      : `Checked ${count(check.paths.length, 'path')} among ${count(among, 'host')} in ${took}: ${pathCountWords(counts)}`;
  const unknown =
    counts.unknown > 0
      ? ` (“not checked”: the check itself failed, said on each host's paths)`
      : '';
  const skipped =
    check.skipped.length > 0
      ? `. ${count(check.skipped.length, 'host')} not checked: not connected, or of another kind of hypervisor`
      : '';
  return `${head}${unknown}${skipped}`;
}

/** A broken edge's label: what failed, cut to fit on the line ("broken: hv3 does not know…"). */
export function brokenEdgeLabel(edge: HostEdge): string {
  const [first, second] = edge.broken;
  const why = first?.message ?? 'the check failed';
  const short = why.length > 44 ? `${why.slice(0, 43).trimEnd()}…` : why;
  return `${second ? 'broken both ways' : 'broken'}: ${short}`;
}

/**
 * The one log line of a group check that found broken paths (not one line per path): how many,
 * the hosts they share, and the first fix. "Group check of 40 hosts: 78 of 1,560 migration paths
 * are broken, 78 of them with demo-hv0500 or demo-hv0501 at one end. demo-hv0400 → demo-hv0500:
 * … Fix: …".
 */
export function groupCheckBrokenWords(
  check: { hosts: number; paths: number; broken: readonly MigrationPath[] },
  hostName: (id: string) => string,
): string {
  const { groups } = groupBrokenPaths(check.broken);
  const shared = groups.map((g) => hostName(g.host));
  const gathered = groups.reduce((n, g) => n + g.paths.length, 0);
  const ends =
    groups.length === 0
      ? ''
      : `, ${gathered === check.broken.length ? 'all' : `${gathered.toLocaleString('en-GB')} of them`} with ${shared.length > 3 ? `${shared.slice(0, 3).join(', ')} or ${shared.length - 3} other hosts` : shared.join(' or ')} at one end`;
  const first = check.broken[0];
  const example =
    first === undefined
      ? ''
      : ` ${hostName(first.from)} → ${hostName(first.to)}: ${first.message ?? 'the probe failed'}. Fix: ${first.fix ?? 'none known'}`;
  return `Group check of ${count(check.hosts, 'host')}: ${check.broken.length.toLocaleString('en-GB')} of ${count(check.paths, 'migration path')} broken${ends}.${example}`;
}
