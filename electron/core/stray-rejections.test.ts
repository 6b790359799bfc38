import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LogLine } from './events/event-log';
import { logStrayRejections } from './stray-rejections';

describe('logStrayRejections', () => {
  it('turns a rejection nobody handled into an error line with its stack, until undone', () => {
    const lines: LogLine[] = [];
    const process = new EventEmitter();
    const undo = logStrayRejections(
      { append: (line) => (lines.push(line), line as never) },
      process,
    );
    process.emit('unhandledRejection', new Error('write EPIPE'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      message: 'Internal error (the console kept running): write EPIPE',
    });
    expect(lines[0]?.detail).toContain('stray-rejections.test.ts');
    undo();
    expect(process.listenerCount('unhandledRejection')).toBe(0);
  });
});
