import type { LogEntry } from '../domain/log';

const COLUMNS = ['time', 'level', 'category', 'kind', 'host', 'vm', 'service', 'message', 'detail'];

/**
 * The lines as CSV (RFC 4180: CRLF rows, every field quoted when it holds a comma, a quote or a
 * line break, quotes doubled), safe to open in a spreadsheet: a cell that would start a formula
 * (= + - @, or a tab or carriage return before one) gets a leading apostrophe, so a VM named
 * `=HYPERLINK(…)` stays text. Oldest first, as a log file reads.
 */
export function logToCsv(entries: readonly LogEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => a.seq - b.seq)
    .map((e) =>
      [
        new Date(e.at).toISOString(),
        e.level,
        e.category ?? '',
        e.kind ?? '',
        e.hostName ?? e.hostId ?? '',
        e.vmName ?? e.vmId ?? '',
        e.serviceId ?? '',
        e.message,
        e.detail ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The lines as JSON, oldest first, every field as the log holds it. */
export function logToJson(entries: readonly LogEntry[]): string {
  return `${JSON.stringify(
    [...entries].sort((a, b) => a.seq - b.seq),
    null,
    2,
  )}\n`;
}
