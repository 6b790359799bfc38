import type { HostId } from '../../../shared/domain/ids';
import type { LogEntry } from '../../../shared/domain/log';
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
 * The console's event log: a ring buffer (old lines fall off, memory stays flat however long the
 * console runs), each new line pushed to the windows as `log:appended`.
 */
export function createEventLog(
  hub: EventHub,
  options: { capacity?: number; echo?: (entry: LogEntry) => void } = {},
): EventLog {
  let capacity = options.capacity ?? 1000;
  let ring: LogEntry[] = [];
  let seq = 0;
  const log: EventLog = {
    append(line) {
      const entry: LogEntry = {
        seq: ++seq,
        at: Date.now(),
        level: line.level,
        message: line.message,
        ...(line.hostId === undefined ? {} : { hostId: line.hostId }),
        ...(line.hostName === undefined ? {} : { hostName: line.hostName }),
        ...(line.detail === undefined ? {} : { detail: line.detail }),
      };
      ring[(entry.seq - 1) % capacity] = entry;
      options.echo?.(entry);
      hub.emit('log:appended', entry);
      return entry;
    },
    recent(limit) {
      const count = Math.min(limit, seq, capacity);
      const out: LogEntry[] = [];
      for (let s = seq - count + 1; s <= seq; s++) {
        const entry = ring[(s - 1) % capacity];
        if (entry) out.push(entry);
      }
      return out;
    },
    resize(next) {
      const kept = log.recent(next);
      capacity = next;
      ring = [];
      for (const entry of kept) ring[(entry.seq - 1) % capacity] = entry;
    },
  };
  return log;
}
