import { describe, expect, it } from 'vitest';
import { binaryIncrs, legendTime, softMax, timeTick } from './chart-axes';

const at = new Date(2026, 11, 5, 9, 7, 3).getTime();

describe('chart axes', () => {
  it('says clock times under a day and dates from a day', () => {
    expect(timeTick(at, 600_000)).toBe('09:07');
    expect(timeTick(at, 86_400_000)).toBe('5 Dec');
  });
  it('gives the legend seconds within a day and the date beyond', () => {
    expect(legendTime(at, 3_600_000)).toBe('09:07:03');
    expect(legendTime(at, 30 * 86_400_000)).toBe('5 Dec 09:07');
  });
  it('steps bytes in powers of two so ticks land on whole GiB', () => {
    const incrs = binaryIncrs();
    expect(incrs).toContain(1024);
    expect(incrs).toContain(4096);
    expect(incrs).not.toContain(1000);
    expect([...incrs].sort((a, b) => a - b)).toEqual(incrs);
  });
  it('leaves room above the highest figure and never collapses to zero', () => {
    expect(softMax(50)).toBeCloseTo(55);
    expect(softMax(0)).toBe(1);
    expect(softMax(null)).toBe(1);
  });
});
