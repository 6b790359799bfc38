import { describe, expect, it } from 'vitest';
import type { HostId, ServiceId } from '../domain/ids';
import type { LogEntry } from '../domain/log';
import { burstWords } from '../words/burst-words';
import { filterLog, groupBursts, NO_FILTER } from './log-view';

let seq = 0;
const line = (at: number, extra: Partial<LogEntry> = {}): LogEntry => ({
  seq: ++seq,
  at,
  level: 'info',
  message: `line ${seq}`,
  ...extra,
});
const connected = (at: number, host: string): LogEntry =>
  line(at, {
    category: 'host',
    kind: 'connected',
    hostId: host as HostId,
    hostName: host,
    message: `${host}: connected`,
  });

describe('the event log view', () => {
  it('shows 1,000 hosts connecting as one row, with a warning in between kept on its own', () => {
    const entries: LogEntry[] = [];
    for (let i = 0; i < 1000; i++) {
      entries.push(connected(1000 + i * 5, `hv${i}`));
      if (i === 500) entries.push(line(1000 + i * 5, { level: 'warning', message: 'hv9: slow' }));
    }
    const rows = groupBursts([...entries].reverse());
    expect(rows.map((r) => r.type)).toEqual(['burst', 'line']);
    const [burst] = rows;
    if (burst?.type !== 'burst') throw new Error('no burst');
    expect(burst.members).toHaveLength(1000);
    expect(burst.members[0]?.hostName).toBe('hv999'); // newest first
    expect(burstWords(burst.members[0] ?? {}, burst.members.length)).toBe('1,000 hosts connected');
  });

  it('keeps lines apart when they are few, far apart in time, or of another kind or level', () => {
    const entries = [
      connected(0, 'a'),
      connected(1, 'b'), // two: not a burst
      connected(60_000, 'c'),
      connected(60_001, 'd'),
      connected(60_002, 'e'), // three, a minute later: a burst of their own
      line(60_003, { category: 'host', kind: 'unreachable', level: 'error', message: 'f' }),
      line(60_004, { message: 'no category' }),
    ].reverse();
    const rows = groupBursts(entries);
    expect(
      rows.map((r) => (r.type === 'burst' ? `burst ${r.members.length}` : r.entry.message)),
    ).toEqual(['no category', 'f', 'burst 3', 'b: connected', 'a: connected']);
  });

  it('says bursts of VM changes by their kind, not any one reason', () => {
    expect(burstWords({ category: 'vm', kind: 'crashed' }, 12)).toBe('12 VMs crashed');
    expect(burstWords({ category: 'vm', kind: 'migrated-in' }, 3)).toBe('3 VMs migrated in');
    expect(burstWords({ category: 'host', kind: 'unreachable' }, 4)).toBe('4 hosts unreachable');
  });

  it('filters by severity, host, VM, service and text, together', () => {
    const shop = 'shop' as ServiceId;
    const entries = [
      connected(0, 'hv1'),
      line(1, {
        level: 'error',
        hostId: 'hv1' as HostId,
        vmName: 'web-1',
        serviceId: shop,
        message: 'hv1: web-1 crashed',
      }),
      line(2, {
        level: 'warning',
        hostId: 'hv2' as HostId,
        vmName: 'web-1',
        message: 'hv2: web-1 paused',
        detail: 'I/O error',
      }),
      line(3, {
        level: 'info',
        hostId: 'hv2' as HostId,
        vmName: 'db-1',
        message: 'hv2: db-1 started',
      }),
    ];
    const messages = (filter: Partial<typeof NO_FILTER>) =>
      filterLog(entries, { ...NO_FILTER, ...filter }).map((e) => e.message);
    expect(messages({})).toHaveLength(4);
    expect(messages({ severity: 'problems' })).toEqual(['hv1: web-1 crashed', 'hv2: web-1 paused']);
    expect(messages({ severity: 'errors' })).toEqual(['hv1: web-1 crashed']);
    expect(messages({ hostId: 'hv2' })).toEqual(['hv2: web-1 paused', 'hv2: db-1 started']);
    expect(messages({ vmName: 'web-1', hostId: 'hv2' })).toEqual(['hv2: web-1 paused']);
    expect(messages({ serviceId: 'shop' })).toEqual(['hv1: web-1 crashed']);
    expect(messages({ text: ' i/o ' })).toEqual(['hv2: web-1 paused']); // the detail, any case
    expect(messages({ text: 'HV1' })).toEqual(['hv1: connected', 'hv1: web-1 crashed']);
  });
});
