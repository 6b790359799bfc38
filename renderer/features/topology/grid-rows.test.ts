import { describe, expect, it } from 'vitest';
import { columnsFor, rowCount, rowOf, rowSpan } from './grid-rows';
import { withPinned } from '../../ui/virtual-range';

describe('the card grid as rows', () => {
  it('counts columns as repeat(auto-fill, minmax(330px, 1fr)) with a 12 px gap lays them out', () => {
    // n columns need n × 330 + (n − 1) × 12 px.
    expect(columnsFor(329)).toBe(1);
    expect(columnsFor(671)).toBe(1);
    expect(columnsFor(672)).toBe(2);
    expect(columnsFor(1013)).toBe(2);
    expect(columnsFor(1014)).toBe(3);
    expect(columnsFor(1168)).toBe(3); // the main area of a 1440 px window
    expect(columnsFor(0)).toBe(1);
    expect(columnsFor(Number.NaN)).toBe(1);
  });

  it('finds the row a jump must scroll to, and the cards each row holds', () => {
    expect(rowCount(1000, 3)).toBe(334);
    expect(rowCount(0, 3)).toBe(0);
    expect(rowOf(0, 3)).toBe(0);
    expect(rowOf(499, 3)).toBe(166);
    expect(rowOf(999, 3)).toBe(333);
    expect(rowOf(-1, 3)).toBeUndefined(); // not in the (filtered) list: nowhere to scroll
    expect(rowSpan(333, 3, 1000)).toEqual([999, 1000]); // the last row holds one card
    expect(rowSpan(1, 3, 1000)).toEqual([3, 6]);
  });

  it('keeps the pinned rows (selected, focused, pressed) drawn with those in view, in order', () => {
    expect(withPinned([4, 5, 6, 7], [200, undefined, 5], 334)).toEqual([4, 5, 6, 7, 200]);
    expect(withPinned([4, 5], [1], 334)).toEqual([1, 4, 5]);
    // A row that no longer exists (the list shrank under a filter) is not drawn.
    expect(withPinned([0, 1], [400, -1], 334)).toEqual([0, 1]);
  });
});
