import { describe, expect, it } from 'vitest';
import { nextIndex } from './HeatGrid';

describe('moving on the heat map with the keyboard', () => {
  it('goes along with left and right, a row with up and down, to the ends with Home and End', () => {
    // 25 tiles, 10 to a row, from the 13th.
    expect(nextIndex('ArrowRight', 12, 25, 10)).toBe(13);
    expect(nextIndex('ArrowLeft', 12, 25, 10)).toBe(11);
    expect(nextIndex('ArrowDown', 12, 25, 10)).toBe(22);
    expect(nextIndex('ArrowUp', 12, 25, 10)).toBe(2);
    expect(nextIndex('Home', 12, 25, 10)).toBe(0);
    expect(nextIndex('End', 12, 25, 10)).toBe(24);
  });

  it("stops at the edges and leaves other keys alone (Enter is the button's own)", () => {
    expect(nextIndex('ArrowDown', 20, 25, 10)).toBe(24);
    expect(nextIndex('ArrowUp', 5, 25, 10)).toBe(0);
    expect(nextIndex('ArrowLeft', 0, 25, 10)).toBe(0);
    expect(nextIndex('Enter', 3, 25, 10)).toBeUndefined();
    expect(nextIndex('a', 3, 25, 10)).toBeUndefined();
  });
});
