import { describe, expect, it } from 'vitest';
import { BAND_FLOORS, bandOf, bandWords, isProblem, legendFor } from './heat-scale';

describe('the colour scale', () => {
  it('puts each percentage in its band, edges included, over 100 in the top one', () => {
    expect([0, 19.9, 20, 39, 40, 59.99, 60, 79, 80, 89.9, 90, 100, 250].map(bandOf)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5,
    ]);
  });

  it('says each band with its figures', () => {
    expect(bandWords(0)).toBe('0–20 %');
    expect(bandWords(4)).toBe('80–90 %');
    expect(bandWords(5)).toBe('90 % and over');
  });

  it('gives a metric legend of every band in order, then no figure and trouble', () => {
    const legend = legendFor('cpu');
    expect(legend.map((e) => e.key)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'none', 'down']);
    expect(legend.filter((e) => e.key.startsWith('b'))).toHaveLength(BAND_FLOORS.length);
    expect(legend.find((e) => e.key === 'down')?.problem).toBe(true);
  });

  it('gives a health legend where the problem levels are marked', () => {
    const legend = legendFor('health');
    expect(legend.filter((e) => e.problem).map((e) => e.key)).toEqual([
      'vm-trouble',
      'hypervisor',
      'down',
    ]);
    expect(isProblem('ok')).toBe(false);
    expect(isProblem('waiting')).toBe(false);
    expect(isProblem('hypervisor')).toBe(true);
  });
});
