import { describe, expect, it } from 'vitest';
import { createEventHub } from './event-hub';
import { createEventLog } from './event-log';

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
