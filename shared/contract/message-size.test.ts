import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsMessageSize } from './message-size';

describe('exceedsMessageSize', () => {
  it('agrees with JSON.stringify away from the limit, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2000 }), (value, limit) => {
        const json = JSON.stringify(value);
        const exceeds = exceedsMessageSize(value, limit);
        // Escapes (\n, \u0000 …) are not counted: exact without them, never over with them.
        if (!json.includes('\\')) expect(exceeds).toBe(json.length > limit);
        else if (json.length <= limit) expect(exceeds).toBe(false);
      }),
    );
  });

  it('stops early on a huge array and on a cycle', () => {
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(exceedsMessageSize(cycle, 1000)).toBe(true);
    // Its first element throws when read: counting the array must not read it.
    const huge: unknown[] = new Array<number>(600).fill(0);
    Object.defineProperty(huge, 0, {
      get: () => {
        throw new Error('walked element by element');
      },
    });
    expect(exceedsMessageSize(huge, 1000)).toBe(true); // 600 commas and at least 600 digits
  });
});
