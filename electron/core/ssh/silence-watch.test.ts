import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchSilence } from './silence-watch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function watch(limitMs: number, everyMs: number) {
  let bytes = 0;
  const silent: number[] = [];
  const stop = watchSilence({
    heard: () => bytes,
    limitMs,
    everyMs,
    onSilent: (ms) => silent.push(ms),
  });
  return { silent, stop, hear: (n = 1) => (bytes += n) };
}

describe('silence watch', () => {
  it('reports a connection that received nothing for the limit, once', () => {
    const w = watch(6_000, 500);
    vi.advanceTimersByTime(5_500);
    expect(w.silent).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(w.silent).toEqual([6_000]);
    vi.advanceTimersByTime(20_000);
    expect(w.silent).toHaveLength(1);
  });

  it('any byte received starts the count over: a long output is life, not silence', () => {
    const w = watch(6_000, 500);
    for (let t = 0; t < 30_000; t += 4_000) {
      vi.advanceTimersByTime(4_000);
      w.hear(); // a keepalive reply, or a chunk of a slow command's output
    }
    expect(w.silent).toEqual([]);
    // The last byte is read at the next tick: the silence is counted from there.
    vi.advanceTimersByTime(6_500);
    expect(w.silent).toEqual([6_000]);
  });

  it('a late tick (the console was busy) is not counted as the host being silent', () => {
    const w = watch(6_000, 500);
    vi.advanceTimersByTime(1_000);
    // The event loop was blocked for 8 s: the bytes that came meanwhile are not read yet.
    vi.setSystemTime(Date.now() + 8_000);
    vi.advanceTimersByTime(500);
    expect(w.silent).toEqual([]);
    vi.advanceTimersByTime(5_500);
    expect(w.silent).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(w.silent).toEqual([6_000]);
  });

  it('stops when told', () => {
    const w = watch(1_000, 100);
    w.stop();
    vi.advanceTimersByTime(5_000);
    expect(w.silent).toEqual([]);
  });
});
