import type { LogEntry } from '../domain/log';

/** What the window's filters ask for; empty strings mean "any". */
export interface LogFilter {
  /** all lines, warnings and errors, or errors only */
  severity: 'all' | 'problems' | 'errors';
  hostId: string;
  /** A VM by name: a VM keeps its name across hosts, and lines of a VM since undefined have no id. */
  vmName: string;
  serviceId: string;
  text: string;
}

export const NO_FILTER: LogFilter = {
  severity: 'all',
  hostId: '',
  vmName: '',
  serviceId: '',
  text: '',
};

/** The lines a filter keeps, in their order; text matches message, detail, host and VM names. */
export function filterLog(entries: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  const text = filter.text.trim().toLowerCase();
  return entries.filter(
    (e) =>
      (filter.severity === 'all' ||
        (filter.severity === 'problems' ? e.level !== 'info' : e.level === 'error')) &&
      (filter.hostId === '' || e.hostId === filter.hostId) &&
      (filter.vmName === '' || e.vmName === filter.vmName) &&
      (filter.serviceId === '' || e.serviceId === filter.serviceId) &&
      (text === '' ||
        [e.message, e.detail, e.hostName, e.vmName].some((s) => s?.toLowerCase().includes(text))),
  );
}

/** One row of the window's list: a line, or a burst of similar lines shown once. */
export type LogRow =
  { type: 'line'; entry: LogEntry } | { type: 'burst'; key: string; members: LogEntry[] };

export const BURST = {
  /** Lines of one kind closer together than this belong to one burst. */
  gapMs: 10_000,
  /** Fewer similar lines than this are shown one by one. */
  minMembers: 3,
} as const;

/**
 * Groups bursts: lines of the same category, kind and level (from their fields, never their
 * words), each within `gapMs` of the next, become one row once there are `minMembers` of them;
 * other lines may come between. `entries` newest first; a burst sits where its newest line would.
 */
export function groupBursts(
  entries: readonly LogEntry[],
  options: { gapMs?: number; minMembers?: number } = {},
): LogRow[] {
  const gapMs = options.gapMs ?? BURST.gapMs;
  const minMembers = options.minMembers ?? BURST.minMembers;
  const open = new Map<string, { members: LogEntry[]; oldestAt: number }>();
  const groupOf = new Map<LogEntry, LogEntry[]>();
  for (const entry of entries) {
    const key = burstKey(entry);
    if (key === undefined) continue;
    let group = open.get(key);
    if (group === undefined || group.oldestAt - entry.at > gapMs) {
      group = { members: [], oldestAt: entry.at };
      open.set(key, group);
    }
    group.members.push(entry);
    group.oldestAt = entry.at;
    groupOf.set(entry, group.members);
  }
  const rows: LogRow[] = [];
  for (const entry of entries) {
    const members = groupOf.get(entry);
    if (members === undefined || members.length < minMembers) {
      rows.push({ type: 'line', entry });
    } else if (members[0] === entry) {
      // Keyed by its oldest line: a burst that grows at the top stays the same row (open stays open).
      const oldest = members.at(-1) ?? entry;
      rows.push({ type: 'burst', key: `${burstKey(entry) ?? ''}|${oldest.seq}`, members });
    }
  }
  return rows;
}

function burstKey(entry: LogEntry): string | undefined {
  if (entry.category === undefined || entry.kind === undefined) return undefined;
  return `${entry.category}|${entry.kind}|${entry.level}`;
}
