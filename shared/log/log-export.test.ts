import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../domain/log';
import { csvCell, logToCsv, logToJson } from './log-export';

const entry = (seq: number, message: string, extra: Partial<LogEntry> = {}): LogEntry => ({
  seq,
  at: Date.UTC(2026, 11, 5, 12, 0, seq),
  level: 'info',
  message,
  ...extra,
});

/** A reader of RFC 4180 CSV, independent of the writer: fields, quotes, CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

describe('event log export', () => {
  it('writes CSV that reads back whole, commas, quotes and line breaks included', () => {
    const hostile = 'hv1: "web, 1" crashed\nsecond line\r\nthird';
    const csv = logToCsv([
      entry(2, hostile, {
        level: 'error',
        category: 'vm',
        kind: 'crashed',
        hostName: 'hv1',
        vmName: 'web, 1',
        detail: 'a "quoted"\ndetail',
      }),
      entry(1, 'plain'),
    ]);
    const rows = readCsv(csv);
    expect(rows[0]).toEqual([
      'time',
      'level',
      'category',
      'kind',
      'host',
      'vm',
      'service',
      'message',
      'detail',
    ]);
    expect(rows[1]).toEqual(['2026-12-05T12:00:01.000Z', 'info', '', '', '', '', '', 'plain', '']);
    expect(rows[2]).toEqual([
      '2026-12-05T12:00:02.000Z',
      'error',
      'vm',
      'crashed',
      'hv1',
      'web, 1',
      '',
      hostile,
      'a "quoted"\ndetail',
    ]);
    expect(rows).toHaveLength(3);
  });

  it('keeps a cell that would start a formula as text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("http://x")`);
      expect(cell.replace(/^"/, '').startsWith("'"), JSON.stringify(start)).toBe(true);
    }
    expect(readCsv(logToCsv([entry(1, '=1+1', { vmName: '@SUM(A1)' })]))[1]?.slice(5, 8)).toEqual([
      "'@SUM(A1)",
      '',
      "'=1+1",
    ]);
    expect(csvCell('web-1')).toBe('web-1');
  });

  it('writes JSON that parses back to the same lines, oldest first', () => {
    const lines = [entry(2, 'b "quoted"\n', { vmName: '=x' }), entry(1, 'a')];
    expect(JSON.parse(logToJson(lines))).toEqual([lines[1], lines[0]]);
  });
});
