import type { LogEntry } from '../../../shared/domain/log';
import { truncateText } from '../../../shared/text/truncate-text';
import type { EventHub } from './event-hub';

/** A line as written: the log adds its number and time. */
export type LogLine = Omit<LogEntry, 'seq' | 'at'>;

export interface EventLog {
  append(line: LogLine): LogEntry;
  /**
   * The last `limit` info lines and the last `limit` warnings and errors, merged oldest first: a
   * burst of info lines cannot hide the problems before it.
   */
  recent(limit: number): LogEntry[];
  /** Keep `capacity` lines of each ring from now on; shrinking drops the oldest, growing keeps all. */
  resize(capacity: number): void;
  /**
   * Lines of an earlier run (the log file), oldest first, taken in only while this log is empty:
   * numbering goes on after theirs. Kept up to the largest log size a setting allows and the
   * size limit; the next resize trims them to the setting. Returns how many were taken.
   */
  restore(entries: readonly LogEntry[]): number;
}

/**
 * What one line and the whole log may hold, in characters. A line's message names an action and
 * its object; its detail is libvirt's or the shell's words, a stack: 16,000 characters hold any of
 * those whole. A host (or a file) can still send megabytes of it, so each is cut with a marker, and
 * the log as a whole keeps at most `totalChars`, whatever the number of lines.
 */
export const LOG_LIMITS = {
  capacity: 1000,
  /** The most a setting may keep of each kind (settings.eventLogSize's maximum). */
  maxCapacity: 10_000,
  messageChars: 2_000,
  detailChars: 16_000,
  totalChars: 2_000_000,
} as const;

/** Two rings: one for info lines, one for warnings and errors, each of `capacity` lines. */
type Ring = 'info' | 'problem';
const ringOf = (entry: Pick<LogEntry, 'level'>): Ring =>
  entry.level === 'info' ? 'info' : 'problem';

/**
 * The console's event log: bounded by count per severity (1,000 "connected" lines cannot push out
 * the warnings before them) and by size overall (when over, info lines go first), so memory stays
 * flat however long the console runs and whatever the lines carry. Each new line is pushed to the
 * windows as `log:appended`.
 */
export function createEventLog(
  hub: EventHub,
  options: {
    capacity?: number;
    totalChars?: number;
    echo?: (entry: LogEntry) => void;
  } = {},
): EventLog {
  let capacity = options.capacity ?? LOG_LIMITS.capacity;
  const totalChars = options.totalChars ?? LOG_LIMITS.totalChars;
  const rings: Record<Ring, LogEntry[]> = { info: [], problem: [] }; // each oldest first
  let size = 0;
  let seq = 0;
  const dropOldest = (ring: Ring): void => {
    const oldest = rings[ring].shift();
    if (oldest) size -= sizeOf(oldest);
  };
  const trim = (newest: LogEntry, keep = capacity): void => {
    for (const ring of ['info', 'problem'] as const) {
      while (rings[ring].length > Math.max(keep, 1)) dropOldest(ring);
    }
    // Over the size: info lines first, then problems; the newest line always stays (it is capped).
    while (size > totalChars) {
      const info = rings.info[0];
      if (info !== undefined && info !== newest) dropOldest('info');
      else if (rings.problem[0] !== undefined && rings.problem[0] !== newest) dropOldest('problem');
      else break;
    }
  };
  let last: LogEntry | undefined;
  return {
    append(line) {
      const entry: LogEntry = {
        ...withoutUndefined(line),
        seq: ++seq,
        at: Date.now(),
        message: truncateText(line.message, LOG_LIMITS.messageChars),
        ...(line.detail === undefined
          ? {}
          : { detail: truncateText(line.detail, LOG_LIMITS.detailChars) }),
      };
      rings[ringOf(entry)].push(entry);
      size += sizeOf(entry);
      last = entry;
      trim(entry);
      options.echo?.(entry);
      hub.emit('log:appended', entry);
      return entry;
    },
    recent(limit) {
      if (limit <= 0) return [];
      return [...rings.info.slice(-limit), ...rings.problem.slice(-limit)].sort(
        (a, b) => a.seq - b.seq,
      );
    },
    resize(next) {
      capacity = next;
      if (last) trim(last);
    },
    restore(entries) {
      if (seq > 0 || entries.length === 0) return 0;
      for (const entry of entries) {
        if (entry.seq <= seq) continue; // out of order: a file written by two runs at once
        seq = entry.seq;
        rings[ringOf(entry)].push(entry);
        size += sizeOf(entry);
        last = entry;
      }
      if (last) trim(last, Math.max(capacity, LOG_LIMITS.maxCapacity));
      return rings.info.length + rings.problem.length;
    },
  };
}

/** Optional fields left undefined by a caller are not carried as keys (the schema is exact). */
function withoutUndefined(line: LogLine): LogLine {
  return Object.fromEntries(
    Object.entries(line).filter(([, value]) => value !== undefined),
  ) as LogLine;
}

function sizeOf(entry: LogEntry): number {
  return (
    entry.message.length +
    (entry.detail?.length ?? 0) +
    (entry.hostName?.length ?? 0) +
    (entry.vmName?.length ?? 0)
  );
}
