import type { HostId } from '../../../shared/domain/ids';
import type { LogEntry } from '../../../shared/domain/log';
import { truncateText } from '../../../shared/text/truncate-text';
import type { EventHub } from './event-hub';

export type LogLine = Pick<LogEntry, 'level' | 'message'> & {
  hostId?: HostId;
  hostName?: string;
  detail?: string;
};

export interface EventLog {
  append(line: LogLine): LogEntry;
  /** The last `limit` entries, oldest first. */
  recent(limit: number): LogEntry[];
  /** Keep `capacity` lines from now on; shrinking drops the oldest, growing keeps every line. */
  resize(capacity: number): void;
}

/**
 * What one line and the whole log may hold, in characters. A line's message names an action and
 * its object; its detail is libvirt's or the shell's words, a stack: 16,000 characters hold any of
 * those whole. A host (or a file) can still send megabytes of it, so each is cut with a marker, and
 * the log as a whole keeps at most `totalChars`, whatever the number of lines.
 */
export const LOG_LIMITS = {
  capacity: 1000,
  messageChars: 2_000,
  detailChars: 16_000,
  totalChars: 2_000_000,
} as const;

/**
 * The console's event log: a ring of lines bounded by count and by size (old lines fall off, memory
 * stays flat however long the console runs and whatever the lines carry), each new line pushed to
 * the windows as `log:appended`.
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
  const lines: LogEntry[] = []; // oldest first
  let size = 0;
  let seq = 0;
  const log: EventLog = {
    append(line) {
      const entry: LogEntry = {
        seq: ++seq,
        at: Date.now(),
        level: line.level,
        message: truncateText(line.message, LOG_LIMITS.messageChars),
        ...(line.hostId === undefined ? {} : { hostId: line.hostId }),
        ...(line.hostName === undefined ? {} : { hostName: line.hostName }),
        ...(line.detail === undefined
          ? {}
          : { detail: truncateText(line.detail, LOG_LIMITS.detailChars) }),
      };
      lines.push(entry);
      size += sizeOf(entry);
      // The newest line always stays, even alone over the total (it is capped above).
      while (lines.length > 1 && (lines.length > capacity || size > totalChars)) {
        const oldest = lines.shift();
        if (oldest) size -= sizeOf(oldest);
      }
      options.echo?.(entry);
      hub.emit('log:appended', entry);
      return entry;
    },
    recent(limit) {
      return limit > 0 ? lines.slice(-limit) : [];
    },
    resize(next) {
      capacity = next;
      while (lines.length > Math.max(capacity, 1)) {
        const oldest = lines.shift();
        if (oldest) size -= sizeOf(oldest);
      }
    },
  };
  return log;
}

function sizeOf(entry: LogEntry): number {
  return entry.message.length + (entry.detail?.length ?? 0) + (entry.hostName?.length ?? 0);
}
