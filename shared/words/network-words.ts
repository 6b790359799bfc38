import type { MigrationPath } from '../domain/migration-path';
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
      return `${count(reason.count, 'path')} not checked yet: in a fleet this size a path is checked when a move needs it, or with “Check again” in a host's details`;
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
