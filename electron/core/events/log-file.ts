import {
  appendFileSync,
  closeSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { LogEntry } from '../../../shared/domain/log';
import type { EventHub } from './event-hub';
import { LOG_LIMITS, type EventLog } from './event-log';

/** The event log's file in the data folder: one JSON line per entry, appended as they come. */
export const LOG_FILE = 'events.jsonl';

/**
 * Past this the file is written again from what the log keeps (the oldest lines gone). Twice what
 * the log may hold, so rewrites are rare; a file many times this size is read from its end only.
 */
const REWRITE_BYTES = 4 * LOG_LIMITS.totalChars;
const READ_AT_MOST_BYTES = 4 * REWRITE_BYTES;

/**
 * The lines an earlier run wrote, oldest first. A missing file is an empty past; a line that does
 * not read (cut by a crash mid-write, edited by hand) is skipped and counted.
 */
export function readLogFile(path: string): { entries: LogEntry[]; unreadable: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { entries: [], unreadable: 0 };
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, READ_AT_MOST_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length < size) lines.shift(); // begun mid-line
    const entries: LogEntry[] = [];
    let unreadable = 0;
    for (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = LogEntry.safeParse(safeJson(line));
      if (parsed.success) entries.push(parsed.data);
      else unreadable++;
    }
    return { entries, unreadable };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every line the log appends to `path`, at the end of the tick it was appended in (a
 * console killed with kill -9 loses at most that tick's lines). Starts by writing the file again
 * from what the log holds now (the restored past and this run's first lines), and again whenever
 * it grows past REWRITE_BYTES, so the file stays bounded. Returns the detach (which flushes).
 */
export function writeLogFile(
  path: string,
  hub: EventHub,
  log: EventLog,
  capacity: () => number,
  onError: (message: string) => void,
): () => void {
  let pending: string[] = [];
  let written = 0;
  let failed = false;
  const rewrite = (): void => {
    const body = log
      .recent(capacity())
      .map((entry) => `${JSON.stringify(entry)}\n`)
      .join('');
    const temp = `${path}.tmp`;
    writeFileSync(temp, body, { mode: 0o600 });
    renameSync(temp, path);
    written = Buffer.byteLength(body);
  };
  const flush = (): void => {
    if (pending.length === 0) return;
    const body = pending.join('');
    pending = [];
    try {
      if (written + body.length > REWRITE_BYTES) rewrite();
      else {
        appendFileSync(path, body, { mode: 0o600 });
        written += Buffer.byteLength(body);
      }
      failed = false;
    } catch (thrown) {
      // Said once per run of failures, not per line: the log itself is where it is said.
      if (!failed) onError(`Couldn't write the event log to ${path}: ${String(thrown)}`);
      failed = true;
    }
  };
  try {
    rewrite();
  } catch (thrown) {
    onError(`Couldn't write the event log to ${path}: ${String(thrown)}`);
    failed = true;
  }
  let scheduled = false;
  const unlisten = hub.on('log:appended', (entry) => {
    pending.push(`${JSON.stringify(entry)}\n`);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flush();
    });
  });
  return () => {
    unlisten();
    flush();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
