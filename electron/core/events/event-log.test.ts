import { describe, expect, it } from 'vitest';
import { LogEntry } from '../../../shared/domain/log';
import { createEventHub } from './event-hub';
import { createEventLog, LOG_LIMITS } from './event-log';

describe('event log', () => {
  it('keeps the last lines in order and pushes each new one', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const pushed: number[] = [];
    hub.on('log:appended', (entry) => pushed.push(entry.seq));
    const log = createEventLog(hub, { capacity: 3 });
    for (let i = 1; i <= 5; i++) log.append({ level: 'info', message: `line ${i}` });
    expect(pushed).toEqual([1, 2, 3, 4, 5]);
    expect(log.recent(10).map((e) => e.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(log.recent(2).map((e) => e.seq)).toEqual([4, 5]);
  });

  it('resizes live: shrinking keeps the newest lines, growing keeps them all and then more', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const log = createEventLog(hub, { capacity: 4 });
    for (let i = 1; i <= 6; i++) log.append({ level: 'info', message: `line ${i}` });
    log.resize(2);
    expect(log.recent(10).map((e) => e.seq)).toEqual([5, 6]);
    log.append({ level: 'info', message: 'line 7' });
    expect(log.recent(10).map((e) => e.seq)).toEqual([6, 7]);
    log.resize(5);
    for (let i = 8; i <= 10; i++) log.append({ level: 'info', message: `line ${i}` });
    expect(log.recent(10).map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
    log.append({ level: 'info', message: 'line 11' });
    expect(log.recent(10).map((e) => e.seq)).toEqual([7, 8, 9, 10, 11]);
  });

  it('cuts a huge message and detail, saying how much, in what it keeps and what it pushes', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const pushed: LogEntry[] = [];
    hub.on('log:appended', (entry) => pushed.push(entry));
    const log = createEventLog(hub);
    const detail = 'd'.repeat(256 * 1024);
    log.append({ level: 'error', message: 'm'.repeat(10_000), detail });
    const [entry] = log.recent(1);
    expect(entry?.message.length).toBeLessThanOrEqual(LOG_LIMITS.messageChars);
    expect(entry?.message).toMatch(/^m+ \.\.\. \[cut 8,\d{3} of 10,000 characters\]$/);
    expect(entry?.detail?.length).toBeLessThanOrEqual(LOG_LIMITS.detailChars);
    expect(entry?.detail).toMatch(/ \.\.\. \[cut 24\d,\d{3} of 262,144 characters\]$/);
    expect(pushed).toEqual([entry]);
    // A line that fits is kept as written.
    log.append({ level: 'info', message: 'Host hv1 connected', detail: 'ok' });
    expect(log.recent(1).at(-1)).toMatchObject({ message: 'Host hv1 connected', detail: 'ok' });
  });

  it('drops the oldest lines when the log outgrows its size, whatever their number', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const log = createEventLog(hub, { totalChars: 50_000 });
    for (let i = 1; i <= 20; i++) {
      log.append({
        level: 'error',
        message: `line ${i}`,
        detail: 'x'.repeat(LOG_LIMITS.detailChars),
      });
    }
    const kept = log.recent(1000);
    // 16,000 + 7 characters a line: three fit in 50,000.
    expect(kept.map((e) => e.message)).toEqual(['line 18', 'line 19', 'line 20']);
    const size = kept.reduce((sum, e) => sum + e.message.length + (e.detail?.length ?? 0), 0);
    expect(size).toBeLessThanOrEqual(50_000);
    // Small lines again: they fill the room the big ones left, up to the count.
    for (let i = 21; i <= 40; i++) log.append({ level: 'info', message: `line ${i}` });
    expect(log.recent(1000)).toHaveLength(23);
    expect(log.recent(0)).toEqual([]);
  });

  it('keeps the newest line even when it alone is over the total', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const log = createEventLog(hub, { totalChars: 100 });
    log.append({ level: 'info', message: 'small' });
    log.append({ level: 'error', message: 'big', detail: 'y'.repeat(5_000) });
    expect(log.recent(10).map((e) => e.message)).toEqual(['big']);
  });

  it('keeps warnings however many info lines follow them, each ring bounded', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const log = createEventLog(hub, { capacity: 5 });
    log.append({ level: 'warning', message: 'hv7: unreachable' });
    log.append({ level: 'error', message: 'web-1 crashed' });
    for (let i = 1; i <= 1000; i++) log.append({ level: 'info', message: `hv${i}: connected` });
    const kept = log.recent(1000);
    expect(kept.map((e) => e.message)).toEqual([
      'hv7: unreachable',
      'web-1 crashed',
      ...[996, 997, 998, 999, 1000].map((i) => `hv${i}: connected`),
    ]);
    // The problems' ring is bounded too, and oldest first within it.
    for (let i = 1; i <= 7; i++) log.append({ level: 'error', message: `e${i}` });
    expect(
      log
        .recent(1000)
        .filter((e) => e.level !== 'info')
        .map((e) => e.message),
    ).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    // recent(n): the last n of each ring, in the order they were written.
    expect(log.recent(2).map((e) => e.message)).toEqual([
      'hv999: connected',
      'hv1000: connected',
      'e6',
      'e7',
    ]);
  });

  it('over its size, lets info lines go before any warning', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const log = createEventLog(hub, { totalChars: 1000 });
    log.append({ level: 'warning', message: 'w'.repeat(300) });
    for (let i = 0; i < 20; i++) log.append({ level: 'info', message: 'i'.repeat(100) });
    const kept = log.recent(1000);
    expect(kept[0]?.level).toBe('warning');
    expect(kept.filter((e) => e.level === 'info')).toHaveLength(7);
    expect(kept.reduce((sum, e) => sum + e.message.length, 0)).toBeLessThanOrEqual(1000);
  });

  it('carries the structured fields filters use', () => {
    const hub = createEventHub((error) => {
      throw error;
    });
    const log = createEventLog(hub);
    const entry = log.append({
      level: 'warning',
      message: 'CPU high on hv1',
      category: 'alert',
      kind: 'firing',
      alertId: 'cpu-high:hv1',
    });
    expect(entry).toMatchObject({ category: 'alert', kind: 'firing', alertId: 'cpu-high:hv1' });
    expect(LogEntry.parse(entry)).toEqual(entry);
  });

  it('keeps telling the other listeners when one of them throws', () => {
    const errors: unknown[] = [];
    const hub = createEventHub((error) => errors.push(error));
    const heard: boolean[] = [];
    hub.on('demo:changed', () => {
      throw new Error('broken window');
    });
    const off = hub.on('demo:changed', (event) => heard.push(event.enabled));
    hub.emit('demo:changed', { enabled: true });
    off();
    hub.emit('demo:changed', { enabled: false });
    expect(heard).toEqual([true]);
    expect(errors).toHaveLength(2); // one per emit: the broken listener stays subscribed
  });
});
