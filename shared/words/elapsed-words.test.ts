import { describe, expect, it } from 'vitest';
import { elapsedWords } from './elapsed-words';

describe('elapsedWords', () => {
  it('says seconds, then minutes, then hours and days, two units at most', () => {
    expect(elapsedWords(0)).toBe('0 s');
    expect(elapsedWords(42_900)).toBe('42 s');
    expect(elapsedWords(5 * 60_000 + 13_000)).toBe('5 min');
    expect(elapsedWords(3600_000)).toBe('1 h');
    expect(elapsedWords(2 * 3600_000 + 5 * 60_000 + 59_000)).toBe('2 h 5 min');
    expect(elapsedWords(3 * 86_400_000 + 4 * 3600_000 + 60_000)).toBe('3 d 4 h');
  });

  it('never says a negative time (a clock a little behind the core)', () => {
    expect(elapsedWords(-1500)).toBe('0 s');
  });
});
