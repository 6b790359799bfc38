import { describe, expect, it } from 'vitest';
import { ChannelQueue } from './channel-queue';
import { classifySshError } from './ssh-errors';
import { LineSplitter } from './line-splitter';

describe('ChannelQueue', () => {
  it('never has more than max channels open, and serves the rest in order', async () => {
    const queue = new ChannelQueue(2);
    let open = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const { release } = await queue.acquire(() => {
          open += 1;
          peak = Math.max(peak, open);
          order.push(i);
          return Promise.resolve(i);
        });
        await new Promise((r) => setTimeout(r, 5));
        open -= 1;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(queue.load).toEqual({ active: 0, waiting: 0 });
  });

  it('retries an open the server refused, and gives other errors straight back', async () => {
    const queue = new ChannelQueue(4, 3, 1);
    let tries = 0;
    const { value } = await queue.acquire(() => {
      tries += 1;
      return tries < 3
        ? Promise.reject(new Error('(SSH) Channel open failure: open failed'))
        : Promise.resolve('ok');
    });
    expect([value, tries]).toEqual(['ok', 3]);
    await expect(queue.acquire(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(queue.load.active).toBe(1); // only the first, still held
  });
});

describe('classifySshError', () => {
  const peer = { hostName: 'hv1', endpoint: '127.0.0.11:22', user: 'hv1' };
  const withCode = (code: string): Error => Object.assign(new Error(code), { code });

  it.each([
    [withCode('ECONNREFUSED'), 'unreachable', /hv1 \(127.0.0.11:22\) refused the connection/],
    [withCode('ETIMEDOUT'), 'unreachable', /did not answer/],
    [withCode('EHOSTUNREACH'), 'unreachable', /no route/],
    [
      Object.assign(new Error('Keepalive timeout'), { level: 'client-timeout' }),
      'unreachable',
      /keepalive/,
    ],
    [new Error('Timed out while waiting for handshake'), 'unreachable', /handshake/],
    [
      new Error('All configured authentication methods failed'),
      'auth-failed',
      /refused our key for user hv1/,
    ],
  ])('%s → %s', (thrown, code, message) => {
    const error = classifySshError(thrown, peer);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('LineSplitter', () => {
  it('keeps a UTF-8 character split across chunks, and the unfinished tail', () => {
    const bytes = Buffer.from('a\néb\r\nc', 'utf8');
    const splitter = new LineSplitter();
    const lines = [...splitter.push(bytes.subarray(0, 3)), ...splitter.push(bytes.subarray(3))];
    expect(lines).toEqual(['a', 'éb']);
    expect(splitter.flush()).toBe('c');
  });
});
